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
import com.migomail.webhooks.delivery.WebhookTransport;
import com.migomail.webhooks.signing.SigningKey;
import com.migomail.webhooks.signing.WebhookHeaders;
import com.migomail.webhooks.signing.WebhookSecret;
import com.migomail.webhooks.store.AppendResult;
import com.migomail.webhooks.store.AttemptCount;
import com.migomail.webhooks.store.AttemptCountQuery;
import com.migomail.webhooks.store.Delivery;
import com.migomail.webhooks.store.DeliveryAttempt;
import com.migomail.webhooks.store.DeliveryQuery;
import com.migomail.webhooks.store.DeliveryStatus;
import com.migomail.webhooks.store.DueWorkSubscription;
import com.migomail.webhooks.store.Endpoint;
import com.migomail.webhooks.store.EndpointSecret;
import com.migomail.webhooks.store.ErasureCounts;
import com.migomail.webhooks.store.EventQuery;
import com.migomail.webhooks.store.NewDelivery;
import com.migomail.webhooks.store.NotFoundException;
import com.migomail.webhooks.store.Page;
import com.migomail.webhooks.store.StoredEvent;
import com.migomail.webhooks.store.TenantId;
import com.migomail.webhooks.store.WebhookStore;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
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
    private final WebhookTransport transport;
    private final boolean ownsTransport;
    private final AddressChecks addressChecks;
    private final Listeners listeners;
    private final Tracing tracing;
    private final Dispatcher dispatcher;
    private final Replayer replayer;
    private final Retention retention;
    private final SubscriberIndex subscriberIndex;
    private State state = State.NEW;
    private ScheduledFuture<?> purgeTask;
    /** The store's wake-up when another node or an outbox commits claimable work; NONE for most stores. */
    private DueWorkSubscription dueWork = DueWorkSubscription.NONE;

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
        this.ownsTransport = config.transport() == null;
        this.transport = ownsTransport ? new JdkHttpTransport(config.httpClient() != null ? config.httpClient()
                : JdkHttpTransport.defaultClient(config.connectTimeout(), config.egressProxy())) : config.transport();
        this.addressChecks = new AddressChecks(config.addressPolicy(), config.dnsThreads(), config.dnsTimeout());
        this.listeners = new Listeners(config.listeners());
        this.tracing = new Tracing(config.tracer());
        EndpointHealth health = new EndpointHealth(store, config.clock(), config.endpointHealthPeriod(), listeners);
        this.dispatcher = new Dispatcher(store, config.clock(), config.nodeId(), config.leaseDuration(),
                config.pollInterval(), new ConcurrencyLimiter(config.maxConcurrency(), config.maxConcurrencyPerEndpoint()),
                executor, scheduler, attemptExecutor(config, addressChecks, transport, listeners, tracing, health, executor),
                new ClockSkewCheck(store, config.clock(), config.leaseDuration().minus(config.attemptTimeout()),
                        config.pollInterval(), listeners));
        this.replayer = new Replayer(store, config.clock(), config.replayBatchSize(), config.replayBatchInterval(),
                dispatcher);
        this.retention = new Retention(store, config.clock(), config.retention());
        this.subscriberIndex = new SubscriberIndex(config.subscriberIndexKey(), store);
    }

    private static AttemptExecutor attemptExecutor(SenderConfig config, AddressChecks addressChecks,
            WebhookTransport transport, Listeners listeners, Tracing tracing, EndpointHealth health,
            Executor executor) {
        return new AttemptExecutor(config.store(), config.clock(), config.nodeId(), config.attemptTimeout(),
                addressChecks, new SignedRequests(config.userAgent()), transport,
                new RetryPlanner(config.retrySchedule(), config.maxRetryAfter(), config.disableEndpointOnGone()),
                health, listeners, tracing, executor);
    }

    @Override
    public synchronized void start() {
        if (state != State.NEW) {
            throw new IllegalStateException("sender cannot start: it is " + state.name().toLowerCase(java.util.Locale.ROOT));
        }
        // First: a store that cannot signal as configured fails start with the sender still new.
        dueWork = config.store().onDueWork(dispatcher::requestPoll);
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
            dueWork.close();
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
        addressChecks.close();
        if (ownsTransport) {
            transport.close();
        }
        LOG.info("webhook sender {} closed", config.nodeId());
    }

    @Override
    public RegisteredEndpoint registerEndpoint(TenantId tenant, EndpointRegistration registration) {
        Objects.requireNonNull(tenant, "tenant cannot be null");
        Objects.requireNonNull(registration, "registration cannot be null");
        config.addressPolicy().check(parseUrl(registration.url()));
        SigningKey key = registration.signingKey() != null ? registration.signingKey() : WebhookSecret.generate();
        Instant now = config.clock().instant();
        Endpoint endpoint = new Endpoint(TypeId.generate("ep", config.clock()).toString(), tenant, registration.url(),
                registration.eventTypes(), registration.description(), registration.metadata(), true,
                List.of(new EndpointSecret(key.encoded(), now, null)), null, null, now, now);
        Endpoint stored = store.createEndpoint(endpoint);
        LOG.info("endpoint {} of tenant {} registered for {}", stored.id(), tenant, stored.eventTypes());
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
    public Endpoint updateEndpoint(TenantId tenant, String endpointId, EndpointRegistration settings) {
        Objects.requireNonNull(settings, "settings cannot be null");
        if (settings.signingKey() != null) {
            throw new IllegalArgumentException("settings cannot carry a signingKey: use rotateSecret to change keys");
        }
        Endpoint current = requireEndpoint(tenant, endpointId);
        config.addressPolicy().check(parseUrl(settings.url()));
        Instant now = config.clock().instant();
        // The check may take a while (DNS): a disable or rotation meanwhile is kept, not undone.
        Endpoint updated = change(current, stored -> stored.withUrl(settings.url())
                .withEventTypes(settings.eventTypes()).withDescription(settings.description())
                .withMetadata(settings.metadata()).withUpdatedAt(now));
        LOG.info("endpoint {} updated, now for {}", endpointId, updated.eventTypes());
        return updated;
    }

    @Override
    public RegisteredEndpoint rotateSecret(TenantId tenant, String endpointId) {
        return rotateSecret(tenant, endpointId, WebhookSecret.generate(), config.secretOverlap());
    }

    @Override
    public RegisteredEndpoint rotateSecret(TenantId tenant, String endpointId, SigningKey newKey, Duration overlap) {
        Objects.requireNonNull(tenant, "tenant cannot be null");
        Objects.requireNonNull(endpointId, "endpointId cannot be null");
        Objects.requireNonNull(newKey, "newKey cannot be null");
        Objects.requireNonNull(overlap, "overlap cannot be null");
        if (overlap.isNegative()) {
            throw new IllegalArgumentException("overlap cannot be negative: " + overlap);
        }
        Instant now = config.clock().instant();
        EndpointSecret secret = new EndpointSecret(newKey.encoded(), now, null);
        requireSignable(requireEndpoint(tenant, endpointId), secret, now.plus(overlap), now);
        Endpoint rotated = found(Kind.ENDPOINT, endpointId, () -> store.rotateSecret(tenant,
                endpointId, secret, now.plus(overlap), now));
        LOG.info("endpoint {}: secret rotated, previous keys valid until {}", endpointId, now.plus(overlap));
        return new RegisteredEndpoint(rotated, newKey);
    }

    /**
     * Refuses a rotation that would leave more keys active than a request can carry signatures for:
     * the signer and every verifier refuse more than {@link WebhookHeaders#MAX_SIGNATURES}, so the
     * endpoint's attempts would all fail until enough keys expired.
     */
    private static void requireSignable(Endpoint endpoint, EndpointSecret secret, Instant oldExpireAt, Instant now) {
        long active = EndpointSecret.rotate(endpoint.secrets(), secret, oldExpireAt, now).stream()
                .filter(s -> s.isActiveAt(now)).count();
        if (active > WebhookHeaders.MAX_SIGNATURES) {
            throw new IllegalStateException("endpoint " + endpoint.id() + " would have " + active + " active keys, more"
                    + " than the " + WebhookHeaders.MAX_SIGNATURES + " a request can be signed with: rotate with a"
                    + " shorter overlap, or wait until older keys expire (the next at "
                    + endpoint.activeSecrets(now).stream().map(EndpointSecret::expiresAt).filter(java.util.Objects::nonNull)
                            .min(Instant::compareTo).map(Instant::toString).orElse("no set time") + ")");
        }
    }

    @Override
    public Endpoint enableEndpoint(TenantId tenant, String endpointId) {
        Endpoint current = requireEndpoint(tenant, endpointId);
        Instant now = config.clock().instant();
        change(current, stored -> EndpointHealth.withEnabled(stored, true, null, now));
        LOG.info("endpoint {} enabled", endpointId);
        return found(Kind.ENDPOINT, endpointId,
                () -> store.recordEndpointHealth(tenant, endpointId, true, config.clock().instant()));
    }

    @Override
    public Endpoint disableEndpoint(TenantId tenant, String endpointId, String reason) {
        Objects.requireNonNull(reason, "reason cannot be null");
        Endpoint current = requireEndpoint(tenant, endpointId);
        Instant now = config.clock().instant();
        LOG.info("endpoint {} disabled: {}", endpointId, reason);
        return change(current, stored -> EndpointHealth.withEnabled(stored, false, reason, now));
    }

    @Override
    public Optional<Endpoint> endpoint(TenantId tenant, String endpointId) {
        Objects.requireNonNull(tenant, "tenant cannot be null");
        return store.endpoint(tenant, Objects.requireNonNull(endpointId, "endpointId cannot be null"));
    }

    @Override
    public List<Endpoint> endpoints(TenantId tenant) {
        return store.endpoints(Objects.requireNonNull(tenant, "tenant cannot be null"));
    }

    @Override
    public void deleteEndpoint(TenantId tenant, String endpointId) {
        Objects.requireNonNull(tenant, "tenant cannot be null");
        Objects.requireNonNull(endpointId, "endpointId cannot be null");
        if (!store.deleteEndpoint(tenant, endpointId, config.clock().instant())) {
            throw new UnknownIdException(Kind.ENDPOINT, endpointId, null);
        }
        LOG.info("endpoint {} of tenant {} deleted; its pending deliveries are cancelled", endpointId, tenant);
    }

    @Override
    public PublishReceipt publish(TenantId tenant, WebhookEvent event) {
        Objects.requireNonNull(tenant, "tenant cannot be null");
        Objects.requireNonNull(event, "event cannot be null");
        return publishTo(tenant, event, () -> store.subscribedEndpoints(tenant, event.type()));
    }

    /**
     * Appends with the deliveries this node has slots for leased to it (no claim needed), tells
     * listeners, and starts those deliveries; hands the other pending ones to the dispatcher.
     */
    private PublishReceipt publishTo(TenantId tenant, WebhookEvent event, Supplier<List<Endpoint>> recipients) {
        List<List<Endpoint>> read = new ArrayList<>(1);
        List<Dispatcher.LeasedAppend> written = new ArrayList<>(1);
        AppendResult result = append(tenant, event, () -> {
            List<Endpoint> endpoints = recipients.get();
            read.add(endpoints);
            return endpoints;
        }, (stored, deliveries) -> {
            Dispatcher.LeasedAppend leased = dispatcher.appendLeased(stored, deliveries, read.get(0));
            written.add(leased);
            return leased.result();
        });
        Dispatcher.LeasedAppend leased = written.get(0);
        try {
            dispatch(result, leased.leasedIds());
        } finally {
            leased.start();
        }
        return receipt(event, result);
    }

    /**
     * Hands a committed append's pending deliveries, but those already leased to this node, to the
     * dispatcher and tells listeners of a new event and of the skipped deliveries.
     */
    private void dispatch(AppendResult result, Set<String> leased) {
        published(result);
        for (Delivery delivery : result.deliveries()) {
            if (leased.contains(delivery.id())) {
                continue;
            }
            if (delivery.status() == DeliveryStatus.PENDING) {
                dispatcher.offer(delivery.id(), delivery.endpointId());
            } else if (result.created() && delivery.status() == DeliveryStatus.SKIPPED) {
                listeners.fire("onSkipped", l -> l.onSkipped(delivery));
            }
        }
    }

    @Override
    public PublishReceipt publish(TenantId tenant, WebhookEvent event, EventAppender appender) {
        Objects.requireNonNull(tenant, "tenant cannot be null");
        Objects.requireNonNull(event, "event cannot be null");
        Objects.requireNonNull(appender, "appender cannot be null");
        // Not offered to the dispatcher: the caller has not committed; the poller finds it after.
        AppendResult result = append(tenant, event, () -> store.subscribedEndpoints(tenant, event.type()), appender);
        if (result == null) {
            throw new WebhookDeliveryException("appender returned no AppendResult for event " + event.id());
        }
        published(result);
        return receipt(event, result);
    }

    private void published(AppendResult result) {
        if (result.created()) {
            listeners.fire("onPublished", l -> l.onPublished(result.event(), result.deliveries()));
        }
    }

    /**
     * Builds the stored event and one delivery to each of {@code recipients}, and has them written;
     * null if the appender said nothing.
     */
    private AppendResult append(TenantId tenant, WebhookEvent event, Supplier<List<Endpoint>> recipients,
            EventAppender appender) {
        synchronized (this) {
            if (state == State.CLOSED) {
                throw new IllegalStateException("sender is closed");
            }
        }
        byte[] body = EventCodec.write(event);
        Instant now = config.clock().instant();
        StoredEvent stored = new StoredEvent(event.id(), tenant, event.type(), event.timestamp(), now,
                new String(body, StandardCharsets.UTF_8), subscriberIndex.keyOf(event.data()).orElse(null),
                tracing.capture());
        return appender.append(stored, fanOut(recipients.get()));
    }

    /** One new delivery per endpoint: pending, or skipped if it is disabled. */
    private List<NewDelivery> fanOut(List<Endpoint> recipients) {
        return recipients.stream()
                .map(endpoint -> new NewDelivery(TypeId.generate("dlv", config.clock()).toString(), endpoint.id(),
                        endpoint.enabled() ? DeliveryStatus.PENDING : DeliveryStatus.SKIPPED))
                .toList();
    }

    private static PublishReceipt receipt(WebhookEvent event, AppendResult result) {
        return new PublishReceipt(event.id(), result.deliveries().stream().map(Delivery::id).toList(), result.created());
    }

    @Override
    public ReplayReceipt replay(TenantId tenant, String eventId) {
        Objects.requireNonNull(tenant, "tenant cannot be null");
        Objects.requireNonNull(eventId, "eventId cannot be null");
        return replayer.replayEvent(tenant, eventId);
    }

    @Override
    public ReplayReceipt replay(TenantId tenant, String eventId, String endpointId) {
        Objects.requireNonNull(tenant, "tenant cannot be null");
        Objects.requireNonNull(eventId, "eventId cannot be null");
        Objects.requireNonNull(endpointId, "endpointId cannot be null");
        return replayer.replayEventTo(tenant, eventId, endpointId);
    }

    @Override
    public ReplayReceipt replay(TenantId tenant, ReplayRequest request) {
        Objects.requireNonNull(tenant, "tenant cannot be null");
        Objects.requireNonNull(request, "request cannot be null");
        return replayer.replayRange(tenant, request);
    }

    @Override
    public int countReplay(TenantId tenant, ReplayRequest request) {
        Objects.requireNonNull(tenant, "tenant cannot be null");
        Objects.requireNonNull(request, "request cannot be null");
        return replayer.countRange(tenant, request);
    }

    @Override
    public PublishReceipt sendTest(TenantId tenant, String endpointId, WebhookEvent event) {
        Objects.requireNonNull(event, "event cannot be null");
        Endpoint endpoint = requireEndpoint(tenant, endpointId);
        if (!endpoint.enabled()) {
            throw new IllegalStateException("endpoint " + endpointId + " is disabled: enable it to send a test event");
        }
        // The one endpoint whatever it subscribes to; stored, signed, retried and logged as a publish is.
        PublishReceipt receipt = publishTo(tenant, event, () -> List.of(endpoint));
        LOG.info("test event {} ({}) sent to endpoint {} of tenant {}", event.id(), event.type(), endpointId, tenant);
        return receipt;
    }

    @Override
    public List<AttemptCount> attemptCounts(TenantId tenant, AttemptCountQuery query) {
        Objects.requireNonNull(tenant, "tenant cannot be null");
        return store.attemptCounts(tenant, Objects.requireNonNull(query, "query cannot be null"));
    }

    @Override
    public Optional<DeliveryAttempt> latestAttempt(TenantId tenant, String endpointId) {
        Objects.requireNonNull(tenant, "tenant cannot be null");
        return store.latestAttempt(tenant, Objects.requireNonNull(endpointId, "endpointId cannot be null"));
    }

    @Override
    public Page<Delivery> deliveries(TenantId tenant, DeliveryQuery query) {
        Objects.requireNonNull(tenant, "tenant cannot be null");
        return store.deliveries(tenant, Objects.requireNonNull(query, "query cannot be null"));
    }

    @Override
    public List<DeliveryAttempt> attempts(TenantId tenant, String deliveryId) {
        Objects.requireNonNull(tenant, "tenant cannot be null");
        return store.attempts(tenant, Objects.requireNonNull(deliveryId, "deliveryId cannot be null"));
    }

    @Override
    public Page<StoredEvent> events(TenantId tenant, EventQuery query) {
        Objects.requireNonNull(tenant, "tenant cannot be null");
        return store.events(tenant, Objects.requireNonNull(query, "query cannot be null"));
    }

    @Override
    public Optional<StoredEvent> event(TenantId tenant, String eventId) {
        Objects.requireNonNull(tenant, "tenant cannot be null");
        return store.event(tenant, Objects.requireNonNull(eventId, "eventId cannot be null"));
    }

    @Override
    public long dueDeliveries() {
        return store.countDue(config.clock().instant());
    }

    @Override
    public int purgeExpired() {
        return retention.purge();
    }

    @Override
    public ErasureCounts deleteTenant(TenantId tenant) {
        Objects.requireNonNull(tenant, "tenant cannot be null");
        ErasureCounts total = untilNothingIsLeft(() -> store.deleteTenantBatch(tenant, ERASURE_BATCH));
        LOG.info("tenant {} deleted: {} endpoints, {} events, {} deliveries, {} attempts", tenant, total.endpoints(),
                total.events(), total.deliveries(), total.attempts());
        return total;
    }

    @Override
    public ErasureCounts eraseSubscriber(TenantId tenant, String email) {
        Objects.requireNonNull(tenant, "tenant cannot be null");
        Objects.requireNonNull(email, "email cannot be null");
        String key = subscriberIndex.keyOf(email);
        indexUnkeyedEvents(tenant);
        ErasureCounts total = untilNothingIsLeft(() -> store.eraseSubscriberBatch(tenant, key, ERASURE_BATCH));
        // The address is not logged: the erasure would otherwise leave a copy of it in the logs.
        LOG.info("subscriber erased from tenant {}: {} events, {} deliveries, {} attempts", tenant, total.events(),
                total.deliveries(), total.attempts());
        return total;
    }

    /** Runs a batched deletion until a batch deletes nothing; the sum of what the batches deleted. */
    private static ErasureCounts untilNothingIsLeft(Supplier<ErasureCounts> batch) {
        ErasureCounts total = ErasureCounts.NONE;
        ErasureCounts last;
        do {
            last = batch.get();
            total = total.plus(last);
        } while (!last.isEmpty());
        return total;
    }

    /**
     * Gives a subscriber key to the tenant's events that have none (stored before the store indexed
     * subscribers, such as rows of JDBC schema version 1), so that the erasure finds them too. After
     * the first erasure of a tenant there are none left, and this costs one indexed read.
     */
    private void indexUnkeyedEvents(TenantId tenant) {
        List<StoredEvent> batch;
        List<StoredEvent> previous = List.of();
        int indexed = 0;
        while (!(batch = store.eventsWithoutSubscriberKey(tenant, SubscriberIndex.SUBSCRIBER_TYPES, ERASURE_BATCH))
                .isEmpty() && !batch.equals(previous)) {
            java.util.Map<String, String> keys = new java.util.HashMap<>();
            batch.forEach(event -> keys.put(event.id(), subscriberIndex.keyOfBody(event.body())));
            // Another node may set some of them at once; either way they have a key afterwards (a
            // store that kept returning the same events would stop the loop instead of spinning it).
            indexed += store.setSubscriberKeys(tenant, keys);
            previous = batch;
        }
        if (indexed > 0) {
            LOG.info("tenant {}: {} events stored without a subscriber key indexed before the erasure", tenant, indexed);
        }
    }

    private Endpoint requireEndpoint(TenantId tenant, String endpointId) {
        Objects.requireNonNull(tenant, "tenant cannot be null");
        Objects.requireNonNull(endpointId, "endpointId cannot be null");
        return store.endpoint(tenant, endpointId).orElseThrow(() -> new UnknownIdException(Kind.ENDPOINT, endpointId, null));
    }

    /**
     * Stores {@code change} of the endpoint as read, made again from a fresh read if another write
     * came in between, so that it keeps every other change.
     */
    private Endpoint change(Endpoint read, UnaryOperator<Endpoint> change) {
        return found(Kind.ENDPOINT, read.id(), () -> EndpointUpdates.update(store, read, change).orElseThrow());
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
