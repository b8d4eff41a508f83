package com.migomail.webhooks.delivery.internal;

import com.migomail.webhooks.delivery.EndpointAddressPolicy;
import com.migomail.webhooks.delivery.EndpointAddressRejectedException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the address policy's check before an attempt on a small pool of its own, with a timeout, so
 * that DNS never blocks the workers every endpoint shares: an endpoint whose nameserver hangs delays
 * its own deliveries only. Attempts to one host while a lookup of it is under way share that lookup,
 * so such an endpoint holds one DNS thread, however many of its deliveries wait. When every thread
 * is busy and {@value #QUEUE_PER_THREAD} lookups per thread wait, a check is refused at once (a
 * failed attempt, retried on schedule) rather than queued without bound. Thread-safe.
 */
final class AddressChecks implements AutoCloseable {
    /** How many lookups may wait per DNS thread before checks are refused. */
    static final int QUEUE_PER_THREAD = 4;

    private static final Logger LOG = LoggerFactory.getLogger(AddressChecks.class);

    private final EndpointAddressPolicy policy;
    private final int threads;
    private final Duration timeout;
    private final ThreadPoolExecutor pool;
    private final Map<String, CompletableFuture<List<InetAddress>>> lookups = new ConcurrentHashMap<>();

    /**
     * @param threads the most lookups at once
     * @param timeout the longest an attempt waits for its check
     */
    AddressChecks(EndpointAddressPolicy policy, int threads, Duration timeout) {
        this.policy = policy;
        this.threads = threads;
        this.timeout = timeout;
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(threads * QUEUE_PER_THREAD), new DaemonThreads("migomail-webhooks-dns"));
        pool.allowCoreThreadTimeOut(true);
    }

    /**
     * The addresses the policy allowed for the URL's host. Fails with an {@link AttemptFailure} when
     * the policy refuses the URL, the lookup takes longer than the timeout or {@code timeLeft},
     * whichever is shorter, or no DNS thread is free; with a {@link RejectedExecutionException} once
     * closed.
     *
     * @param timeLeft what is left of the attempt's deadline
     */
    CompletableFuture<List<InetAddress>> check(URI url, Duration timeLeft) {
        Duration limit = timeLeft.compareTo(timeout) < 0 ? timeLeft : timeout;
        String key = (url.getScheme() + "://" + url.getHost()).toLowerCase(Locale.ROOT);
        CompletableFuture<List<InetAddress>> lookup;
        try {
            lookup = lookups.computeIfAbsent(key, ignored -> start(url));
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(pool.isShutdown() ? e : new AttemptFailure("address check refused: no"
                    + " DNS thread free (" + threads + " busy, " + threads * QUEUE_PER_THREAD + " lookups waiting)", e));
        }
        // Outside computeIfAbsent: a lookup that is already done would otherwise remove itself while
        // the map is being updated.
        lookup.whenComplete((addresses, error) -> lookups.remove(key, lookup));
        CompletableFuture<List<InetAddress>> checked = new CompletableFuture<>();
        lookup.copy().orTimeout(limit.toMillis(), TimeUnit.MILLISECONDS).whenComplete((addresses, error) -> {
            if (error == null) {
                checked.complete(addresses);
            } else {
                checked.completeExceptionally(failure(url, limit, unwrap(error)));
            }
        });
        return checked;
    }

    /** A lookup on the pool; it gives up after the timeout, and a queued one then never runs. */
    private CompletableFuture<List<InetAddress>> start(URI url) {
        return CompletableFuture.supplyAsync(() -> policy.checkedAddresses(url), pool)
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static Throwable failure(URI url, Duration limit, Throwable error) {
        if (error instanceof TimeoutException) {
            return new AttemptFailure("address check timed out: host " + url.getHost() + " did not resolve within "
                    + limit, error);
        }
        if (error instanceof EndpointAddressRejectedException rejected) {
            // The detail names the address the host resolved to: for the server's log only.
            LOG.debug("endpoint URL {} refused before an attempt: {}", url, rejected.detail());
            return new AttemptFailure(refusal(rejected), rejected);
        }
        return error;
    }

    /** What the attempt log says of a refusal: the kind of address, never the address. */
    private static String refusal(EndpointAddressRejectedException rejected) {
        return switch (rejected.reason()) {
            case SCHEME, NO_HOST -> "address refused by policy: " + rejected.detail();
            case UNRESOLVABLE -> "address refused by policy: host does not resolve";
            case LOOPBACK -> "address refused by policy: host resolves to a loopback address";
            case PRIVATE_NETWORK -> "address refused by policy: host resolves to a private network address";
            case LINK_LOCAL -> "address refused by policy: host resolves to a link-local address";
            case SPECIAL_PURPOSE -> "address refused by policy: host resolves to a special-purpose address";
        };
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    /** Stops the pool; lookups under way are abandoned (their threads are daemons). */
    @Override
    public void close() {
        pool.shutdownNow();
    }
}
