package com.migomail.webhooks.delivery.internal;

import com.migomail.webhooks.store.AppendLease;
import com.migomail.webhooks.store.AppendResult;
import com.migomail.webhooks.store.Delivery;
import com.migomail.webhooks.store.DeliveryStatus;
import com.migomail.webhooks.store.Endpoint;
import com.migomail.webhooks.store.NewDelivery;
import com.migomail.webhooks.store.StoredEvent;
import com.migomail.webhooks.store.WebhookStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims deliveries and runs their attempts within the concurrency limits: just-published ones at
 * once by id, everything else (retries, crash leftovers, other nodes' work) by polling the store.
 */
final class Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final int MAX_CLAIM_BATCH = 100;
    private static final int MAX_POLL_ROUNDS = 20;

    private final WebhookStore store;
    private final Clock clock;
    private final String nodeId;
    private final Duration leaseDuration;
    private final Duration pollInterval;
    private final Executor executor;
    private final ScheduledExecutorService scheduler;
    private final AttemptExecutor attempts;
    private final ConcurrencyLimiter limiter;
    private final ClockSkewCheck clockSkew;
    private final Map<String, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();
    private final AtomicBoolean polling = new AtomicBoolean();
    private final AtomicBoolean pollQueued = new AtomicBoolean();
    /** Set when a poll was requested while another ran; the running one then polls again. */
    private final AtomicBoolean pollAgain = new AtomicBoolean();
    /** Set when due work may be waiting beyond what the last poll claimed, so a free slot polls at once. */
    private final AtomicBoolean backlog = new AtomicBoolean(true);
    /**
     * Held shared by every claim until its deliveries are started or given back, and taken
     * exclusively by {@link #stop}: a claim still running at shutdown would otherwise release its
     * leases after the host has closed the store, and they would stay leased until they expire.
     */
    private final ReentrantReadWriteLock claimGate = new ReentrantReadWriteLock();
    private volatile boolean running;
    private ScheduledFuture<?> pollTask;

    /**
     * @param nodeId the lease owner this node claims as
     * @param leaseDuration how long a claim is leased
     * @param pollInterval how often the store is polled for due deliveries
     * @param limiter the global and per-endpoint concurrency limits
     * @param clockSkew compares this node's clock with the store's, on each poll
     */
    Dispatcher(WebhookStore store, Clock clock, String nodeId, Duration leaseDuration, Duration pollInterval,
            ConcurrencyLimiter limiter, Executor executor, ScheduledExecutorService scheduler, AttemptExecutor attempts,
            ClockSkewCheck clockSkew) {
        this.store = store;
        this.clock = clock;
        this.nodeId = nodeId;
        this.leaseDuration = leaseDuration;
        this.pollInterval = pollInterval;
        this.limiter = limiter;
        this.executor = executor;
        this.scheduler = scheduler;
        this.attempts = attempts;
        this.clockSkew = clockSkew;
    }

    synchronized void start() {
        running = true;
        long interval = pollInterval.toMillis();
        pollTask = scheduler.scheduleWithFixedDelay(this::requestPoll, 0, Math.max(1, interval), TimeUnit.MILLISECONDS);
    }

    /** Hands over a just-stored pending delivery; if no slot is free the poller finds it later. */
    void offer(String deliveryId, String endpointId) {
        if (!running) {
            return;
        }
        if (!limiter.tryAcquire(endpointId)) {
            backlog.set(true);
            return;
        }
        submit(() -> claimAndRun(deliveryId, endpointId), () -> limiter.release(endpointId));
    }

    /**
     * Appends a just-published event with the deliveries this node has slots for already leased to
     * it, so that they need no claim; the caller starts them with {@link LeasedAppend#start} once it
     * has told its listeners of the event. Deliveries without a slot stay unleased for
     * {@link #offer} and the poller, as does everything when this node is not running.
     *
     * @param recipients the endpoints the deliveries go to, as just read
     */
    LeasedAppend appendLeased(StoredEvent event, List<NewDelivery> deliveries, List<Endpoint> recipients) {
        if (!enterClaim()) {
            return new LeasedAppend(store.append(event, deliveries), List.of(), Map.of(), false);
        }
        Map<String, String> slots = new HashMap<>();
        AppendResult result;
        try {
            for (NewDelivery delivery : deliveries) {
                if (delivery.status() == DeliveryStatus.PENDING && limiter.tryAcquire(delivery.endpointId())) {
                    slots.put(delivery.id(), delivery.endpointId());
                }
            }
            result = slots.isEmpty() ? store.append(event, deliveries)
                    : store.append(event, deliveries, new AppendLease(nodeId, leaseDuration, slots.keySet()));
        } catch (RuntimeException | Error e) {
            slots.values().forEach(limiter::release);
            claimGate.readLock().unlock();
            throw e;
        }
        List<Delivery> leased = new ArrayList<>();
        for (Delivery delivery : result.deliveries()) {
            String endpointId = slots.remove(delivery.id());
            if (endpointId == null) {
                continue;
            }
            if (result.created() && nodeId.equals(delivery.leaseOwner())) {
                leased.add(delivery);
            } else {
                limiter.release(endpointId);
            }
        }
        // A re-append returns the deliveries stored before, not these: their slots are freed too.
        slots.values().forEach(limiter::release);
        Map<String, Endpoint> endpoints = new HashMap<>();
        if (!leased.isEmpty()) {
            recipients.forEach(endpoint -> endpoints.put(endpoint.id(), endpoint));
        }
        return new LeasedAppend(result, leased, endpoints, true);
    }

    /**
     * What {@link #appendLeased} wrote, and the deliveries it leased to this node, each on a held
     * slot, which {@link #start} runs (or gives back if the node stopped meanwhile).
     */
    final class LeasedAppend {
        private final AppendResult result;
        private final List<Delivery> leased;
        private final Map<String, Endpoint> endpoints;
        private boolean gateHeld;

        private LeasedAppend(AppendResult result, List<Delivery> leased, Map<String, Endpoint> endpoints,
                boolean gateHeld) {
            this.result = result;
            this.leased = leased;
            this.endpoints = endpoints;
            this.gateHeld = gateHeld;
        }

        AppendResult result() {
            return result;
        }

        /** The ids of the deliveries {@link #start} runs, which the caller must not offer. */
        Set<String> leasedIds() {
            Set<String> ids = new HashSet<>();
            leased.forEach(delivery -> ids.add(delivery.id()));
            return ids;
        }

        /** Runs the leased deliveries and leaves the claim gate; call once, on the appending thread. */
        void start() {
            if (!gateHeld) {
                return;
            }
            gateHeld = false;
            try {
                for (Delivery delivery : leased) {
                    Endpoint endpoint = endpoints.get(delivery.endpointId());
                    if (running && endpoint != null) {
                        run(delivery, () -> attempts.executePublished(delivery, result.event(), endpoint));
                    } else if (running) {
                        run(delivery);
                    } else {
                        giveBack(delivery);
                    }
                }
            } finally {
                claimGate.readLock().unlock();
            }
        }
    }

    private void giveBack(Delivery delivery) {
        try {
            store.release(delivery.id(), nodeId);
        } catch (RuntimeException e) {
            LOG.warn("releasing delivery {} failed; its lease will expire", delivery.id(), e);
        } finally {
            limiter.release(delivery.endpointId());
        }
    }

    private void claimAndRun(String deliveryId, String endpointId) {
        if (!enterClaim()) {
            limiter.release(endpointId);
            return;
        }
        try {
            claimAndRunHeld(deliveryId, endpointId);
        } finally {
            claimGate.readLock().unlock();
        }
    }

    private void claimAndRunHeld(String deliveryId, String endpointId) {
        Optional<Delivery> claimed;
        try {
            claimed = store.claim(deliveryId, clock.instant(), nodeId, leaseDuration);
        } catch (RuntimeException e) {
            LOG.warn("claiming delivery {} failed; the poller will retry it", deliveryId, e);
            limiter.release(endpointId);
            return;
        }
        if (claimed.isPresent() && running) {
            run(claimed.get());
        } else {
            claimed.ifPresent(delivery -> store.release(delivery.id(), nodeId));
            limiter.release(endpointId);
        }
    }

    /** Polls soon (on the executor) unless a poll is already queued; a busy executor never piles them up. */
    void requestPoll() {
        if (running && pollQueued.compareAndSet(false, true)) {
            submit(() -> {
                pollQueued.set(false);
                poll();
            }, () -> pollQueued.set(false));
        }
    }

    /**
     * Claims due work in rounds no larger than the busiest non-saturated endpoint can take, so that
     * a backlog for one endpoint is not claimed by the hundred only to be released again. Stops when
     * a round comes back short; the backlog flag then says whether capacity (not a lack of due work)
     * held the round back, in which case the next finished attempt polls again.
     */
    private void poll() {
        if (!running) {
            return;
        }
        if (!polling.compareAndSet(false, true)) {
            // A poll is under way and may have judged capacity before this request's slot was freed:
            // it polls again when it ends, or the backlog could wait for the next tick.
            pollAgain.set(true);
            return;
        }
        if (!enterClaim()) {
            polling.set(false);
            return;
        }
        try {
            clockSkew.checkIfDue();
            for (int round = 0; round < MAX_POLL_ROUNDS && running; round++) {
                int limit = Math.min(limiter.available(), Math.min(limiter.safeClaimSize(), MAX_CLAIM_BATCH));
                if (limit <= 0) {
                    backlog.set(true);
                    return;
                }
                Set<String> excluded = limiter.saturatedEndpoints();
                List<Delivery> claimed = store.claimDue(clock.instant(), limit, nodeId, leaseDuration, excluded);
                boolean allStarted = claimed.stream().map(this::startOrRelease).reduce(true, Boolean::logicalAnd);
                if (claimed.size() < limit) {
                    backlog.set(!allStarted || !excluded.isEmpty());
                    return;
                }
            }
            backlog.set(true);
        } catch (RuntimeException e) {
            LOG.warn("polling the store for due deliveries failed; will poll again", e);
        } finally {
            claimGate.readLock().unlock();
            polling.set(false);
            if (pollAgain.getAndSet(false)) {
                requestPoll();
            }
        }
    }

    /** Enters the claim gate while running; the caller unlocks its read lock when it returns true. */
    private boolean enterClaim() {
        Lock shared = claimGate.readLock();
        if (!shared.tryLock()) {
            return false;
        }
        if (!running) {
            shared.unlock();
            return false;
        }
        return true;
    }

    /** Starts a claimed delivery if a slot is free, else gives it back; returns whether it started. */
    private boolean startOrRelease(Delivery delivery) {
        if (running && limiter.tryAcquire(delivery.endpointId())) {
            run(delivery);
            return true;
        }
        store.release(delivery.id(), nodeId);
        return false;
    }

    /** Runs an attempt on a held slot and lease; frees the slot when it is done. */
    private void run(Delivery delivery) {
        run(delivery, () -> attempts.execute(delivery));
    }

    private void run(Delivery delivery, Supplier<CompletableFuture<Void>> execution) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        inFlight.put(delivery.id(), done);
        CompletableFuture<Void> attempt;
        try {
            attempt = execution.get();
        } catch (RuntimeException e) {
            attempt = CompletableFuture.failedFuture(e);
        }
        attempt.whenComplete((ignored, error) -> {
            if (error != null && !running && isRejection(error)) {
                // The sender closed while this attempt was in flight: stop() gave its lease back.
                LOG.debug("attempt of delivery {} ended after shutdown; it stays due", delivery.id());
            } else if (error != null) {
                LOG.warn("attempt of delivery {} failed inside the sender; its lease will expire and it will be retried",
                        delivery.id(), error);
            }
            inFlight.remove(delivery.id());
            limiter.release(delivery.endpointId());
            done.complete(null);
            if (backlog.get()) {
                requestPoll();
            }
        });
    }

    private static boolean isRejection(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof RejectedExecutionException) {
                return true;
            }
        }
        return false;
    }

    private void submit(Runnable task, Runnable onRejected) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            onRejected.run();
        }
    }

    /**
     * Stops claiming, waits up to the timeout for in-flight attempts, then releases the leases of
     * those still running so they stay due for the next sender, and ends them (unrecorded).
     */
    void stop(Duration timeout) {
        synchronized (this) {
            running = false;
            if (pollTask != null) {
                pollTask.cancel(false);
            }
        }
        awaitClaims(timeout);
        awaitInFlight(timeout);
        for (String deliveryId : List.copyOf(inFlight.keySet())) {
            try {
                store.release(deliveryId, nodeId);
                LOG.info("delivery {} still in flight at shutdown; lease released, it stays due", deliveryId);
            } catch (RuntimeException e) {
                LOG.warn("releasing delivery {} at shutdown failed; its lease will expire", deliveryId, e);
            }
        }
        attempts.abandonOpen();
    }

    /** Waits for claims under way to start or give back what they claimed; none starts afterwards. */
    private void awaitClaims(Duration timeout) {
        try {
            if (!claimGate.writeLock().tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("a claim was still under way after {}; its leases will expire", timeout);
            }
            // Never unlocked: this dispatcher does not run again.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitInFlight(Duration timeout) {
        try {
            CompletableFuture.allOf(inFlight.values().toArray(CompletableFuture[]::new))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.debug("in-flight attempts did not all finish within {}", timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
