package com.migomail.webhooks.delivery.internal;

import com.migomail.webhooks.core.EventCodec;
import com.migomail.webhooks.core.TypeId;
import com.migomail.webhooks.core.WebhookEvent;
import com.migomail.webhooks.delivery.EndpointRegistration;
import com.migomail.webhooks.delivery.EventAppender;
import com.migomail.webhooks.delivery.PublishReceipt;
import com.migomail.webhooks.delivery.RegisteredEndpoint;
import com.migomail.webhooks.delivery.ReplayReceipt;
import com.migomail.webhooks.delivery.ReplayRequest;
import com.migomail.webhooks.delivery.UnknownIdException;
import com.migomail.webhooks.delivery.UnknownIdException.Kind;
import com.migomail.webhooks.delivery.WebhookDeliveryException;
import com.migomail.webhooks.delivery.WebhookSender;
import com.migomail.webhooks.signing.SigningKey;
import com.migomail.webhooks.signing.WebhookSecret;
import com.migomail.webhooks.store.AppendResult;
import com.migomail.webhooks.store.Delivery;
import com.migomail.webhooks.store.DeliveryAttempt;
import com.migomail.webhooks.store.DeliveryQuery;
import com.migomail.webhooks.store.DeliveryStatus;
import com.migomail.webhooks.store.Endpoint;
import com.migomail.webhooks.store.EndpointSecret;
import com.migomail.webhooks.store.EventQuery;
import com.migomail.webhooks.store.NewDelivery;
import com.migomail.webhooks.store.NotFoundException;
import com.migomail.webhooks.store.Page;
import com.migomail.webhooks.store.StoredEvent;
import com.migomail.webhooks.store.WebhookStore;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The sender: endpoint registry, publish, replay, retention and lifecycle around the dispatcher. */
public final class DefaultWebhookSender implements WebhookSender {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultWebhookSender.class);
    private static final int DEFAULT_WORKERS = 4;

    private enum State { NEW, STARTED, CLOSED }

    private final SenderConfig config;
    private final WebhookStore store;
    private final ScheduledExecutorService scheduler;
    private final Executor executor;
    private final boolean ownsScheduler;
    private final boolean ownsExecutor;
    private final Listeners listeners;
    private final Dispatcher dispatcher;
    private final Replayer replayer;
    private final Retention retention;
    private State state = State.NEW;
    private ScheduledFuture<?> purgeTask;

    /**
     * A sender with these settings, creating what the configuration leaves {@code null}.
     *
     * @param config the validated settings, as the builder leaves them
     */
    public DefaultWebhookSender(SenderConfig config) {
        this.config = config;
        this.store = config.store();
        this.ownsScheduler = config.scheduler() == null;
        this.ownsExecutor = config.executor() == null;
        this.scheduler = ownsScheduler
                ? Executors.newSingleThreadScheduledExecutor(new DaemonThreads("migomail-webhooks-scheduler"))
                : config.scheduler();
        this.executor = ownsExecutor
                ? Executors.newFixedThreadPool(DEFAULT_WORKERS, new DaemonThreads("migomail-webhooks-worker"))
                : config.executor();
        HttpClient client = config.httpClient() != null ? config.httpClient() : defaultClient(config);
        this.listeners = new Listeners(config.listeners());
        EndpointHealth health = new EndpointHealth(store, config.clock(), config.endpointHealthPeriod(), listeners);
        this.dispatcher = new Dispatcher(store, config.clock(), config.nodeId(), config.leaseDuration(),
                config.pollInterval(), new ConcurrencyLimiter(config.maxConcurrency(), config.maxConcurrencyPerEndpoint()),
                executor, scheduler, attemptExecutor(config, client, listeners, health, executor));
        this.replayer = new Replayer(store, config.clock(), config.replayBatchSize(), config.replayBatchInterval(),
                dispatcher);
        this.retention = new Retention(store, config.clock(), config.retention());
    }

    private static AttemptExecutor attemptExecutor(SenderConfig config, HttpClient client, Listeners listeners,
            EndpointHealth health, Executor executor) {
        return new AttemptExecutor(config.store(), config.clock(), config.nodeId(), config.attemptTimeout(),
                new SignedRequests(config.addressPolicy(), config.userAgent()), client,
                new RetryPlanner(config.retrySchedule(), config.maxRetryAfter(), config.disableEndpointOnGone()),
                health, listeners, executor);
    }

    private static HttpClient defaultClient(SenderConfig config) {
        return HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(config.connectTimeout())
                .build();
    }

    @Override
    public synchronized void start() {
        if (state != State.NEW) {
            throw new IllegalStateException("sender cannot start: it is " + state.name().toLowerCase(java.util.Locale.ROOT));
        }
        state = State.STARTED;
        dispatcher.start();
        long purgeMillis = config.purgeInterval().toMillis();
        purgeTask = scheduler.scheduleWithFixedDelay(this::schedulePurge, purgeMillis, purgeMillis, TimeUnit.MILLISECONDS);
        LOG.info("webhook sender {} started", config.nodeId());
    }

    /** Hands the purge to the executor; a rejection must not end the periodic task. */
    private void schedulePurge() {
        try {
            executor.execute(retention::purgeQuietly);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("purge skipped: the executor refused it", e);
        }
    }

    @Override
    public void close() {
        boolean wasStarted;
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            wasStarted = state == State.STARTED;
            state = State.CLOSED;
            if (purgeTask != null) {
                purgeTask.cancel(false);
            }
        }
        if (wasStarted) {
            dispatcher.stop(config.shutdownTimeout());
        }
        if (ownsScheduler) {
            scheduler.shutdownNow();
        }
        if (ownsExecutor) {
            ((ExecutorService) executor).shutdownNow();
        }
        LOG.info("webhook sender {} closed", config.nodeId());
    }

    @Override
    public RegisteredEndpoint registerEndpoint(EndpointRegistration registration) {
        Objects.requireNonNull(registration, "registration cannot be null");
        config.addressPolicy().check(parseUrl(registration.url()));
        SigningKey key = registration.signingKey() != null ? registration.signingKey() : WebhookSecret.generate();
        Instant now = config.clock().instant();
        Endpoint endpoint = new Endpoint(TypeId.generate("ep", config.clock()).toString(), registration.url(),
                registration.eventTypes(), registration.description(), registration.metadata(), true,
                List.of(new EndpointSecret(key.encoded(), now, null)), null, null, now, now);
        Endpoint stored = store.createEndpoint(endpoint);
        LOG.info("endpoint {} registered for {}", stored.id(), stored.eventTypes());
        return new RegisteredEndpoint(stored, key);
    }

    private static URI parseUrl(String url) {
        try {
            URI uri = new URI(url);
            if (!uri.isAbsolute() || uri.getHost() == null) {
                throw new IllegalArgumentException("url must be an absolute URL with a host: " + url);
            }
            if (uri.getRawUserInfo() != null) {
                // Credentials in a URL end up in logs and error messages; sign requests instead.
                throw new IllegalArgumentException("url cannot carry user info (credentials)");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("url is not a valid URL: " + url, e);
        }
    }

    @Override
    public Endpoint updateEndpoint(String endpointId, EndpointRegistration settings) {
        Objects.requireNonNull(settings, "settings cannot be null");
        if (settings.signingKey() != null) {
            throw new IllegalArgumentException("settings cannot carry a signingKey: use rotateSecret to change keys");
        }
        Endpoint current = requireEndpoint(endpointId);
        config.addressPolicy().check(parseUrl(settings.url()));
        Endpoint updated = store.updateEndpoint(current.withUrl(settings.url()).withEventTypes(settings.eventTypes())
                .withDescription(settings.description()).withMetadata(settings.metadata())
                .withUpdatedAt(config.clock().instant()));
        LOG.info("endpoint {} updated, now for {}", endpointId, updated.eventTypes());
        return updated;
    }

    @Override
    public RegisteredEndpoint rotateSecret(String endpointId) {
        return rotateSecret(endpointId, WebhookSecret.generate(), config.secretOverlap());
    }

    @Override
    public RegisteredEndpoint rotateSecret(String endpointId, SigningKey newKey, Duration overlap) {
        Objects.requireNonNull(endpointId, "endpointId cannot be null");
        Objects.requireNonNull(newKey, "newKey cannot be null");
        Objects.requireNonNull(overlap, "overlap cannot be null");
        if (overlap.isNegative()) {
            throw new IllegalArgumentException("overlap cannot be negative: " + overlap);
        }
        Instant now = config.clock().instant();
        Endpoint rotated = found(Kind.ENDPOINT, endpointId, () -> store.rotateSecret(
                endpointId, new EndpointSecret(newKey.encoded(), now, null), now.plus(overlap), now));
        LOG.info("endpoint {}: secret rotated, previous keys valid until {}", endpointId, now.plus(overlap));
        return new RegisteredEndpoint(rotated, newKey);
    }

    @Override
    public Endpoint enableEndpoint(String endpointId) {
        Endpoint current = requireEndpoint(endpointId);
        store.updateEndpoint(EndpointHealth.withEnabled(current, true, null, config.clock().instant()));
        LOG.info("endpoint {} enabled", endpointId);
        return store.recordEndpointHealth(endpointId, true, config.clock().instant());
    }

    @Override
    public Endpoint disableEndpoint(String endpointId, String reason) {
        Objects.requireNonNull(reason, "reason cannot be null");
        Endpoint current = requireEndpoint(endpointId);
        LOG.info("endpoint {} disabled: {}", endpointId, reason);
        return store.updateEndpoint(EndpointHealth.withEnabled(current, false, reason, config.clock().instant()));
    }

    @Override
    public Optional<Endpoint> endpoint(String endpointId) {
        return store.endpoint(Objects.requireNonNull(endpointId, "endpointId cannot be null"));
    }

    @Override
    public List<Endpoint> endpoints() {
        return store.endpoints();
    }

    @Override
    public PublishReceipt publish(WebhookEvent event) {
        Objects.requireNonNull(event, "event cannot be null");
        AppendResult result = append(event, store::append);
        for (Delivery delivery : result.deliveries()) {
            if (delivery.status() == DeliveryStatus.PENDING) {
                dispatcher.offer(delivery.id(), delivery.endpointId());
            } else if (result.created() && delivery.status() == DeliveryStatus.SKIPPED) {
                listeners.fire("onSkipped", l -> l.onSkipped(delivery));
            }
        }
        return receipt(event, result);
    }

    @Override
    public PublishReceipt publish(WebhookEvent event, EventAppender appender) {
        Objects.requireNonNull(event, "event cannot be null");
        Objects.requireNonNull(appender, "appender cannot be null");
        // Not offered to the dispatcher: the caller has not committed; the poller finds it after.
        AppendResult result = append(event, appender);
        if (result == null) {
            throw new WebhookDeliveryException("appender returned no AppendResult for event " + event.id());
        }
        return receipt(event, result);
    }

    /** Builds the stored event and its fan-out, and has them written; null if the appender said nothing. */
    private AppendResult append(WebhookEvent event, EventAppender appender) {
        synchronized (this) {
            if (state == State.CLOSED) {
                throw new IllegalStateException("sender is closed");
            }
        }
        byte[] body = EventCodec.write(event);
        Instant now = config.clock().instant();
        StoredEvent stored = new StoredEvent(event.id(), event.type(), event.timestamp(), now,
                new String(body, StandardCharsets.UTF_8));
        return appender.append(stored, fanOut(event.type()));
    }

    /** One new delivery per endpoint subscribed to the type: pending, or skipped if it is disabled. */
    private List<NewDelivery> fanOut(String type) {
        return store.endpoints().stream()
                .filter(endpoint -> endpoint.subscribesTo(type))
                .map(endpoint -> new NewDelivery(TypeId.generate("dlv", config.clock()).toString(), endpoint.id(),
                        endpoint.enabled() ? DeliveryStatus.PENDING : DeliveryStatus.SKIPPED))
                .toList();
    }

    private static PublishReceipt receipt(WebhookEvent event, AppendResult result) {
        return new PublishReceipt(event.id(), result.deliveries().stream().map(Delivery::id).toList(), result.created());
    }

    @Override
    public ReplayReceipt replay(String eventId) {
        Objects.requireNonNull(eventId, "eventId cannot be null");
        return replayer.replayEvent(eventId);
    }

    @Override
    public ReplayReceipt replay(String eventId, String endpointId) {
        Objects.requireNonNull(eventId, "eventId cannot be null");
        Objects.requireNonNull(endpointId, "endpointId cannot be null");
        return replayer.replayEventTo(eventId, endpointId);
    }

    @Override
    public ReplayReceipt replay(ReplayRequest request) {
        Objects.requireNonNull(request, "request cannot be null");
        return replayer.replayRange(request);
    }

    @Override
    public Page<Delivery> deliveries(DeliveryQuery query) {
        return store.deliveries(Objects.requireNonNull(query, "query cannot be null"));
    }

    @Override
    public List<DeliveryAttempt> attempts(String deliveryId) {
        return store.attempts(Objects.requireNonNull(deliveryId, "deliveryId cannot be null"));
    }

    @Override
    public Page<StoredEvent> events(EventQuery query) {
        return store.events(Objects.requireNonNull(query, "query cannot be null"));
    }

    @Override
    public int purgeExpired() {
        return retention.purge();
    }

    private Endpoint requireEndpoint(String endpointId) {
        Objects.requireNonNull(endpointId, "endpointId cannot be null");
        return store.endpoint(endpointId).orElseThrow(() -> new UnknownIdException(Kind.ENDPOINT, endpointId, null));
    }

    /** Runs a store call, turning its not-found into ours. */
    private static <T> T found(Kind kind, String id, Supplier<T> call) {
        try {
            return call.get();
        } catch (NotFoundException e) {
            throw new UnknownIdException(kind, id, e);
        }
    }
}
