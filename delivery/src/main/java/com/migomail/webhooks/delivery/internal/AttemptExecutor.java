package com.migomail.webhooks.delivery.internal;

import com.migomail.webhooks.store.Delivery;
import com.migomail.webhooks.store.DeliveryAttempt;
import com.migomail.webhooks.store.DeliveryOutcome;
import com.migomail.webhooks.store.DeliveryStatus;
import com.migomail.webhooks.store.Endpoint;
import com.migomail.webhooks.store.StoredEvent;
import com.migomail.webhooks.store.WebhookStore;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one attempt of a claimed delivery: load, send the signed request under the attempt's
 * deadline, record the attempt and the planned outcome under the lease, report. Store work and
 * signing run on the executor; the HTTP exchange is asynchronous and parks no thread.
 */
final class AttemptExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(AttemptExecutor.class);

    private final WebhookStore store;
    private final Clock clock;
    private final String nodeId;
    private final Duration attemptTimeout;
    private final SignedRequests requests;
    private final HttpClient client;
    private final RetryPlanner planner;
    private final EndpointHealth health;
    private final Listeners listeners;
    private final Executor executor;
    private final ExcerptBodyHandler bodyHandler = new ExcerptBodyHandler();

    /**
     * @param nodeId the lease owner this node claims and records as
     * @param attemptTimeout the one deadline of an attempt, from the address check to the response excerpt
     * @param executor runs store calls, address checks and signing
     */
    AttemptExecutor(WebhookStore store, Clock clock, String nodeId, Duration attemptTimeout, SignedRequests requests,
            HttpClient client, RetryPlanner planner, EndpointHealth health, Listeners listeners, Executor executor) {
        this.store = store;
        this.clock = clock;
        this.nodeId = nodeId;
        this.attemptTimeout = attemptTimeout;
        this.requests = requests;
        this.client = client;
        this.planner = planner;
        this.health = health;
        this.listeners = listeners;
        this.executor = executor;
    }

    /** What an attempt goes to. */
    private record Target(StoredEvent event, Endpoint endpoint) {}

    /** What the exchange produced: a response or an error. */
    private record Exchange(HttpResponse<String> response, Throwable error, Duration latency) {
        /** The response's {@code Retry-After} header, or {@code null}. */
        String retryAfter() {
            return response == null ? null : response.headers().firstValue("Retry-After").orElse(null);
        }
    }

    /** Attempts a delivery this node has claimed; the future completes once the outcome is recorded. */
    CompletableFuture<Void> execute(Delivery delivery) {
        return CompletableFuture.supplyAsync(() -> load(delivery), executor)
                .thenCompose(target -> target.map(t -> attempt(delivery, t))
                        .orElseGet(() -> CompletableFuture.completedFuture(null)));
    }

    /** The event and endpoint, or empty after resolving a delivery that cannot be sent. */
    private Optional<Target> load(Delivery delivery) {
        // Looked up in the delivery's own tenant: a delivery can only ever reach its tenant's endpoint.
        Optional<StoredEvent> event = store.event(delivery.tenant(), delivery.eventId());
        Optional<Endpoint> endpoint = store.endpoint(delivery.tenant(), delivery.endpointId());
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
        return Optional.of(new Target(event.get(), endpoint.get()));
    }

    private CompletableFuture<Void> attempt(Delivery delivery, Target target) {
        Instant startedAt = clock.instant();
        long startNanos = System.nanoTime();
        AtomicReference<CompletableFuture<HttpResponse<String>>> sending = new AtomicReference<>();
        return CompletableFuture.supplyAsync(() -> requests.build(target.event(), target.endpoint(), startedAt), executor)
                .thenCompose(request -> {
                    CompletableFuture<HttpResponse<String>> send = client.sendAsync(request, bodyHandler);
                    sending.set(send);
                    return send;
                })
                // The one deadline of the attempt: address check, signing, connect, request, headers
                // and excerpt (SignedRequests sets no HttpRequest.timeout to race it).
                .orTimeout(attemptTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .handle((response, error) -> {
                    if (error != null && sending.get() != null) {
                        sending.get().cancel(true);
                    }
                    return new Exchange(response, unwrap(error), Duration.ofNanos(System.nanoTime() - startNanos));
                })
                .thenAcceptAsync(exchange -> record(delivery, target, startedAt, exchange), executor);
    }

    private void record(Delivery delivery, Target target, Instant startedAt, Exchange exchange) {
        Instant now = clock.instant();
        DeliveryAttempt attempt = attemptOf(delivery, startedAt, exchange);
        RetryPlanner.Plan plan = planner.plan(delivery, attempt, exchange.retryAfter(), now);
        DeliveryOutcome outcome = plan.outcome();
        if (!store.recordAttempt(nodeId, attempt, outcome, now)) {
            LOG.warn("delivery {}: lease lost before attempt {} was recorded (another node will retry it, or it"
                    + " was cancelled or deleted meanwhile)", delivery.id(), attempt.number());
            return;
        }
        log(delivery, target, attempt, outcome);
        report(delivery, attempt, outcome);
        if (plan.disableEndpoint()) {
            health.disable(target.endpoint().tenant(), target.endpoint().id(), "endpoint answered 410 Gone");
        } else if (!delivery.replay()) {
            health.record(target.endpoint(), attempt.succeeded(), startedAt, now);
        }
    }

    private DeliveryAttempt attemptOf(Delivery delivery, Instant startedAt, Exchange exchange) {
        // Numbers run over the delivery's whole life; a replay round restarts attemptCount, so it asks the store.
        int number = (delivery.replay() ? store.countAttempts(delivery.tenant(), delivery.id()) : delivery.attemptCount()) + 1;
        if (exchange.response() != null) {
            return new DeliveryAttempt(delivery.id(), number, startedAt, exchange.latency(),
                    exchange.response().statusCode(), null, null, exchange.response().body());
        }
        Throwable error = exchange.error();
        String message = error instanceof TimeoutException && error.getMessage() == null
                ? "no response within " + attemptTimeout
                : error.getMessage();
        return new DeliveryAttempt(delivery.id(), number, startedAt, exchange.latency(),
                null, error.getClass().getName(), message, null);
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
