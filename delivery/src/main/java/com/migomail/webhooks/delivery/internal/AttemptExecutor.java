package com.migomail.webhooks.delivery.internal;

import com.migomail.webhooks.delivery.DeliveryListener;
import com.migomail.webhooks.delivery.WebhookRequest;
import com.migomail.webhooks.delivery.WebhookResponse;
import com.migomail.webhooks.delivery.WebhookTransport;
import com.migomail.webhooks.store.Delivery;
import com.migomail.webhooks.store.DeliveryAttempt;
import com.migomail.webhooks.store.DeliveryOutcome;
import com.migomail.webhooks.store.DeliveryStatus;
import com.migomail.webhooks.store.Endpoint;
import com.migomail.webhooks.store.StoreException;
import com.migomail.webhooks.store.StoredEvent;
import com.migomail.webhooks.store.WebhookStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one attempt of a claimed delivery: load, check the endpoint's address (on the DNS pool), sign,
 * send through the transport under the attempt's deadline, record the attempt and the planned
 * outcome under the lease, report. Store work and signing run on the executor; DNS runs on its own
 * pool; the HTTP exchange is asynchronous and parks no thread.
 */
final class AttemptExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(AttemptExecutor.class);
    /** How long past its deadline a transport that does not keep it is waited for before it is cut off. */
    private static final Duration TRANSPORT_GRACE = Duration.ofSeconds(1);

    private final WebhookStore store;
    private final Clock clock;
    private final String nodeId;
    private final Duration attemptTimeout;
    private final AddressChecks addressChecks;
    private final SignedRequests requests;
    private final WebhookTransport transport;
    private final RetryPlanner planner;
    private final EndpointHealth health;
    private final Listeners listeners;
    private final Tracing tracing;
    private final Executor executor;
    private final AttemptRecorder recorder;
    /** The attempts started and not yet ended, which {@link #abandonOpen} ends when the sender closes. */
    private final Set<Started> open = ConcurrentHashMap.newKeySet();

    /**
     * @param nodeId the lease owner this node claims and records as
     * @param attemptTimeout the one deadline of an attempt, from the address check to the response excerpt
     * @param executor runs store calls and signing
     */
    AttemptExecutor(WebhookStore store, Clock clock, String nodeId, Duration attemptTimeout, AddressChecks addressChecks,
            SignedRequests requests, WebhookTransport transport, RetryPlanner planner, EndpointHealth health,
            Listeners listeners, Tracing tracing, Executor executor) {
        this.store = store;
        this.clock = clock;
        this.nodeId = nodeId;
        this.attemptTimeout = attemptTimeout;
        this.addressChecks = addressChecks;
        this.requests = requests;
        this.transport = transport;
        this.planner = planner;
        this.health = health;
        this.listeners = listeners;
        this.tracing = tracing;
        this.executor = executor;
        this.recorder = new AttemptRecorder(store, clock, nodeId);
    }

    /** What an attempt goes to, and its number. */
    private record Target(StoredEvent event, Endpoint endpoint, int number) {}

    /** What the attempt produced: a response or an error. */
    private record Exchange(WebhookResponse response, Throwable error, Duration latency) {}

    /** Attempts a delivery this node has claimed; the future completes once the outcome is recorded. */
    CompletableFuture<Void> execute(Delivery delivery) {
        return CompletableFuture.supplyAsync(() -> load(delivery), executor)
                .thenCompose(target -> target.map(t -> attempt(delivery, t))
                        .orElseGet(() -> CompletableFuture.completedFuture(null)));
    }

    /**
     * Attempts a delivery this node leased as it published it, to an enabled endpoint: the event and
     * endpoint are the ones just written and read, so nothing is loaded again.
     */
    CompletableFuture<Void> executePublished(Delivery delivery, StoredEvent event, Endpoint endpoint) {
        Target target = new Target(event, endpoint, attemptNumber(delivery));
        return CompletableFuture.supplyAsync(() -> target, executor).thenCompose(t -> attempt(delivery, t));
    }

    /** The event and endpoint, or empty after resolving a delivery that cannot be sent. */
    private Optional<Target> load(Delivery delivery) {
        // Looked up in the delivery's own tenant: a delivery can only ever reach its tenant's endpoint.
        Optional<StoredEvent> event = store.event(delivery.tenant(), delivery.eventId());
        Optional<Endpoint> endpoint;
        try {
            endpoint = store.endpoint(delivery.tenant(), delivery.endpointId());
        } catch (StoreException e) {
            // E.g. a secret that does not decrypt: recorded as a failed attempt, so the delivery follows
            // its retry schedule to FAILED in sight of the log instead of coming back after every lease.
            recordUnreadableEndpoint(delivery, e);
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (event.isEmpty() || endpoint.isEmpty()) {
            LOG.warn("delivery {}: {} is gone; cancelled", delivery.id(),
                    event.isEmpty() ? "event " + delivery.eventId() : "endpoint " + delivery.endpointId());
            store.resolve(delivery.id(), nodeId, DeliveryOutcome.cancelled(), now);
            return Optional.empty();
        }
        if (!endpoint.get().enabled()) {
            if (store.resolve(delivery.id(), nodeId, DeliveryOutcome.skipped(), now)) {
                LOG.debug("delivery {}: endpoint {} is disabled; skipped", delivery.id(), delivery.endpointId());
                listeners.fire("onSkipped", l -> l.onSkipped(delivery));
            }
            return Optional.empty();
        }
        return Optional.of(new Target(event.get(), endpoint.get(), attemptNumber(delivery)));
    }

    private void recordUnreadableEndpoint(Delivery delivery, StoreException error) {
        Instant now = clock.instant();
        DeliveryAttempt attempt = attemptOf(delivery, attemptNumber(delivery), now, new Exchange(null, error, Duration.ZERO));
        DeliveryOutcome outcome = planner.plan(delivery, attempt, null, now).outcome();
        if (store.recordAttempt(nodeId, attempt, outcome, now)) {
            LOG.warn("delivery {}: endpoint {} cannot be read ({}); attempt {} recorded as failed", delivery.id(),
                    delivery.endpointId(), error.getMessage(), attempt.number());
            report(delivery, attempt, outcome);
        }
    }

    /**
     * Sends and records, between the listeners' attempt-started and attempt-ended calls: the ended
     * call and the span's end come exactly once, however the attempt ends (also when a stage throws
     * or is rejected, or when the sender closes first and its later stages never run).
     */
    private CompletableFuture<Void> attempt(Delivery delivery, Target target) {
        listeners.fire("onAttemptStarted", l -> l.onAttemptStarted(delivery));
        Started started = new Started(delivery, tracing.start(delivery, target.event(), target.endpoint(),
                target.number()));
        open.add(started);
        CompletableFuture<Void> attempt;
        try {
            attempt = sendAndRecord(delivery, target, started);
        } catch (RuntimeException e) {
            attempt = CompletableFuture.failedFuture(e);
        }
        return attempt.whenComplete((ignored, error) -> started.end(null));
    }

    /**
     * Ends every attempt still open, unrecorded, its span with a {@link CancellationException}: the
     * sender is closing, its leases are given back, and what comes of them later is heard by no one
     * (a stage left in the closed executor's queue would otherwise never end them).
     */
    void abandonOpen() {
        for (Started started : List.copyOf(open)) {
            started.end(new CancellationException("the sender closed before the attempt ended"));
        }
    }

    /** One attempt between its start and its end, which comes once: when it completes or is abandoned. */
    private final class Started {
        private final Delivery delivery;
        private final Tracing.Span span;
        private final AtomicBoolean recorded = new AtomicBoolean();
        private final AtomicBoolean ended = new AtomicBoolean();

        Started(Delivery delivery, Tracing.Span span) {
            this.delivery = delivery;
            this.span = span;
        }

        boolean ended() {
            return ended.get();
        }

        /** Ends the span (unless it was) and tells the listeners; {@code why} is given to a span still open. */
        void end(Throwable why) {
            if (ended.compareAndSet(false, true)) {
                open.remove(this);
                span.end(null, why);
                listeners.fire("onAttemptEnded", l -> l.onAttemptEnded(delivery, recorded.get()));
            }
        }
    }

    private CompletableFuture<Void> sendAndRecord(Delivery delivery, Target target, Started started) {
        Instant startedAt = clock.instant();
        long startNanos = System.nanoTime();
        Tracing.Span span = started.span;
        return addressChecks.check(requests.uri(target.endpoint().url()), attemptTimeout)
                .thenApplyAsync(addresses -> requests.build(target.event(), target.endpoint(), startedAt, addresses,
                        timeLeft(startNanos), span.headers()), executor)
                .thenCompose(request -> {
                    if (!leaseOutlasts(delivery, request.timeout())) {
                        LOG.info("delivery {}: its lease ends at {}, before this attempt would (it waited for a worker or"
                                + " for DNS); not sent, left to the next claim", delivery.id(), delivery.leaseExpiresAt());
                        return CompletableFuture.<Exchange>completedFuture(null);
                    }
                    return exchange(request, startNanos);
                })
                .handle((exchange, error) -> error == null ? exchange : failedBeforeSending(error, startNanos))
                // Not sent (no exchange: the lease would end first, or the sender is closing): ends as cancelled.
                .whenComplete((exchange, error) -> span.end(exchange == null ? null : exchange.response(),
                        exchange == null ? null : exchange.error()))
                .thenComposeAsync(exchange -> exchange == null ? CompletableFuture.<Void>completedFuture(null)
                        : record(delivery, target, startedAt, exchange, started), executor);
    }

    /** What is left of the attempt's deadline; fails the attempt if nothing is. */
    private Duration timeLeft(long startNanos) {
        Duration left = attemptTimeout.minus(elapsed(startNanos));
        if (left.isZero() || left.isNegative()) {
            throw new AttemptFailure("no time left to send after the address check (" + attemptTimeout + ")",
                    new TimeoutException());
        }
        return left;
    }

    /**
     * Whether the lease still covers the exchange. A delivery that waited long for a worker or for
     * DNS may hold a lease that ends before the exchange would: another node (or this one) may then
     * claim it and send it too, and this attempt could not be recorded. Such a delivery is given up
     * unsent and unrecorded; not released either, since a later claim of this node may hold it by now.
     */
    private boolean leaseOutlasts(Delivery delivery, Duration exchange) {
        return delivery.leaseExpiresAt() == null || clock.instant().plus(exchange).isBefore(delivery.leaseExpiresAt());
    }

    /** Sends through the transport; completes with the response or the error, never exceptionally. */
    private CompletableFuture<Exchange> exchange(WebhookRequest request, long startNanos) {
        CompletableFuture<WebhookResponse> sending;
        try {
            sending = transport.send(request);
        } catch (RuntimeException e) {
            sending = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<WebhookResponse> sent = sending;
        // The transport keeps the deadline itself (it alone knows whether a status has arrived);
        // this only cuts off one that does not.
        return sent.copy().orTimeout(request.timeout().plus(TRANSPORT_GRACE).toMillis(), TimeUnit.MILLISECONDS)
                .handle((response, error) -> {
                    if (error != null) {
                        sent.cancel(true);
                    }
                    Throwable failure = error == null && response == null
                            ? new IllegalStateException("transport completed without a response") : unwrap(error);
                    return new Exchange(response, failure, elapsed(startNanos));
                });
    }

    /** A failure before anything was sent (address check, signing); a rejection at shutdown is passed on. */
    private Exchange failedBeforeSending(Throwable error, long startNanos) {
        Throwable cause = unwrap(error);
        if (cause instanceof RejectedExecutionException) {
            throw error instanceof CompletionException completion ? completion : new CompletionException(cause);
        }
        return new Exchange(null, cause, elapsed(startNanos));
    }

    private static Duration elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /**
     * Records the attempt and its outcome under the lease (in the recorder's next batch), unless it
     * was abandoned at close; marks it recorded once the store has them, then logs and reports.
     */
    private CompletableFuture<Void> record(Delivery delivery, Target target, Instant startedAt, Exchange exchange,
            Started started) {
        if (started.ended()) {
            // Abandoned at close: its lease was given back, so the store would refuse it anyway.
            return CompletableFuture.completedFuture(null);
        }
        Instant now = clock.instant();
        DeliveryAttempt attempt = attemptOf(delivery, target.number(), startedAt, exchange);
        String retryAfter = exchange.response() == null ? null : exchange.response().retryAfter();
        RetryPlanner.Plan plan = planner.plan(delivery, attempt, retryAfter, now);
        DeliveryOutcome outcome = plan.outcome();
        CompletableFuture<Boolean> written = recorder.record(attempt, outcome);
        // Written by this thread: go on here. Written in another's batch: go on off the writing thread.
        return written.isDone()
                ? written.thenAccept(recorded -> recorded(delivery, target, startedAt, attempt, plan, recorded, started))
                : written.thenAcceptAsync(recorded -> recorded(delivery, target, startedAt, attempt, plan, recorded,
                        started), executor);
    }

    private void recorded(Delivery delivery, Target target, Instant startedAt, DeliveryAttempt attempt,
            RetryPlanner.Plan plan, boolean recorded, Started started) {
        DeliveryOutcome outcome = plan.outcome();
        Instant now = clock.instant();
        if (!recorded) {
            LOG.warn("delivery {}: lease lost before attempt {} was recorded (another node will retry it, or it"
                    + " was cancelled or deleted meanwhile)", delivery.id(), attempt.number());
            return;
        }
        started.recorded.set(true);
        log(delivery, target, attempt, outcome);
        report(delivery, attempt, outcome);
        if (plan.disableEndpoint()) {
            health.disable(target.endpoint().tenant(), target.endpoint().id(), DeliveryListener.GONE_REASON);
        } else if (!delivery.replay()) {
            health.record(target.endpoint(), attempt.succeeded(), startedAt, now);
        }
    }

    /** The number of the attempt about to be made: numbers run over the delivery's whole life. */
    private int attemptNumber(Delivery delivery) {
        // A replay round restarts attemptCount, so it asks the store.
        return (delivery.replay() ? store.countAttempts(delivery.tenant(), delivery.id()) : delivery.attemptCount()) + 1;
    }

    private DeliveryAttempt attemptOf(Delivery delivery, int number, Instant startedAt, Exchange exchange) {
        if (exchange.response() != null) {
            return new DeliveryAttempt(delivery.id(), number, startedAt, exchange.latency(),
                    exchange.response().statusCode(), null, null, exchange.response().bodyExcerpt());
        }
        Throwable error = exchange.error();
        // The endpoint's owner reads this text; the error as it was stays in the server's log.
        LOG.debug("delivery {}: attempt {} failed", delivery.id(), number, error);
        return new DeliveryAttempt(delivery.id(), number, startedAt, exchange.latency(),
                null, AttemptErrors.className(error), AttemptErrors.describe(error, attemptTimeout), null);
    }

    private void log(Delivery delivery, Target target, DeliveryAttempt attempt, DeliveryOutcome outcome) {
        String result = attempt.statusCode() != null ? "HTTP " + attempt.statusCode()
                : attempt.errorClass() + ": " + attempt.errorMessage();
        if (outcome.status() == DeliveryStatus.DELIVERED) {
            LOG.debug("delivery {} of {} to {}: attempt {} {} in {} ms", delivery.id(), target.event().id(),
                    target.endpoint().id(), attempt.number(), result, attempt.latency().toMillis());
        } else {
            LOG.info("delivery {} of {} to {}: attempt {} failed ({}) in {} ms; {}", delivery.id(),
                    target.event().id(), target.endpoint().id(), attempt.number(), result,
                    attempt.latency().toMillis(),
                    outcome.status() == DeliveryStatus.PENDING ? "next attempt at " + outcome.nextAttemptAt() : "failed for good");
        }
    }

    private void report(Delivery delivery, DeliveryAttempt attempt, DeliveryOutcome outcome) {
        listeners.fire("onAttempt", l -> l.onAttempt(delivery, attempt, outcome));
        if (outcome.status() == DeliveryStatus.DELIVERED) {
            listeners.fire("onDelivered", l -> l.onDelivered(delivery, attempt));
        } else if (outcome.status() == DeliveryStatus.FAILED) {
            listeners.fire("onFailed", l -> l.onFailed(delivery, attempt));
        }
    }

    private static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
