package com.migomail.webhooks.delivery;

import com.migomail.webhooks.core.WebhookEvent;
import com.migomail.webhooks.delivery.internal.DefaultWebhookSender;
import com.migomail.webhooks.delivery.internal.LibraryVersion;
import com.migomail.webhooks.delivery.internal.SenderConfig;
import com.migomail.webhooks.signing.SigningKey;
import com.migomail.webhooks.store.AttemptCount;
import com.migomail.webhooks.store.AttemptCountQuery;
import com.migomail.webhooks.store.Delivery;
import com.migomail.webhooks.store.DeliveryAttempt;
import com.migomail.webhooks.store.DeliveryQuery;
import com.migomail.webhooks.store.Endpoint;
import com.migomail.webhooks.store.EventQuery;
import com.migomail.webhooks.store.Page;
import com.migomail.webhooks.store.ErasureCounts;
import com.migomail.webhooks.store.StoredEvent;
import com.migomail.webhooks.store.TenantId;
import com.migomail.webhooks.store.WebhookStore;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The sender side: registers endpoints, publishes events, and delivers them, signed, with retries,
 * an attempt log, replay and retention. Thread-safe. Build one per process (or per store) with
 * {@link #builder()}, {@link #start()} it, and {@link #close()} it on shutdown.
 *
 * <p>Delivery is at-least-once and unordered: receivers deduplicate on the event id
 * ({@code webhook-id}). {@link #publish} returns once the store holds the event; delivery is
 * asynchronous. Several senders (in one or many processes) may share one store: leases divide the
 * work.
 *
 * <p>Every endpoint belongs to one {@linkplain TenantId tenant} (a customer account of the host),
 * every event is published for one, and an event reaches only its tenant's endpoints. The tenant is
 * the first argument of every call that reads or changes a tenant's data; an endpoint, event or
 * delivery id of another tenant behaves exactly like an unknown id (the same
 * {@link UnknownIdException}, or empty), so one tenant cannot learn that another's id exists.
 *
 * <p>Concurrent changes of one endpoint (from threads of this sender, other senders on the same
 * store, or the sender itself disabling a failing endpoint) never undo each other. Each call changes
 * only its own fields: {@link #updateEndpoint} the URL, filters, description and metadata,
 * {@link #enableEndpoint} and {@link #disableEndpoint} the enabled flag and reason,
 * {@link #rotateSecret} the keys (one atomic step in the store). Update, enable and disable write
 * with the store's conditional update
 * ({@link com.migomail.webhooks.store.EndpointStore#updateEndpoint}, on the endpoint's
 * {@linkplain Endpoint#version() version}); when another change came in between their read and
 * their write, they read the endpoint again and apply their change to it, up to 50 times in all,
 * without waiting. So {@code disableEndpoint(tenant, id, "abuse")} during an update's address check
 * leaves the endpoint disabled for abuse with the new URL. Only if the endpoint changed again before
 * each of the 50 writes does the call fail with
 * {@link com.migomail.webhooks.store.EndpointVersionConflictException}, having changed nothing; it
 * is safe to call again.
 *
 * <p>Store failures surface as the store's {@link com.migomail.webhooks.store.StoreException}.
 */
public interface WebhookSender extends AutoCloseable {

    /**
     * A builder with every option at its documented default; only the store is required.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /**
     * Starts dispatching: due deliveries (including those left by a previous run or by other nodes)
     * are claimed and sent, and old events are purged on schedule. Publishing works before
     * {@code start()}; deliveries then wait in the store. If the store signals due work
     * ({@link com.migomail.webhooks.store.DeliveryStore#onDueWork}, PostgreSQL with
     * {@code dueWorkNotifications}), the sender polls when signalled as well as every poll interval.
     *
     * @throws IllegalStateException if the sender was started or closed already, or the store
     *     cannot signal as configured (the sender is then still not started)
     */
    void start();

    /**
     * Stops gracefully: no new claims, in-flight attempts may finish for up to
     * {@link Builder#shutdownTimeout(Duration)}, and the leases of the rest are released so they stay
     * due in the store for the next sender. Shuts down only executors the sender created. Idempotent.
     */
    @Override
    void close();

    /**
     * Registers an endpoint of a tenant after checking its URL with the address policy. It receives
     * that tenant's events only.
     *
     * @param tenant the tenant the endpoint belongs to
     * @param registration the URL, type filters, description, metadata and optional signing key
     * @return the stored endpoint and its signing key (generated unless the registration gave one)
     * @throws EndpointAddressRejectedException if the policy refuses the URL
     * @throws IllegalArgumentException if the URL is not a valid absolute URL
     * @throws NullPointerException if an argument is null
     */
    RegisteredEndpoint registerEndpoint(TenantId tenant, EndpointRegistration registration);

    /**
     * Changes an endpoint's URL (checked again with the address policy), type filters, description
     * and metadata. Its keys, enabled flag and health stay as they are; change keys with
     * {@link #rotateSecret}. Pending deliveries go to the new URL from their next attempt on.
     *
     * @param tenant the endpoint's tenant
     * @param endpointId the endpoint's id ({@code ep_…})
     * @param settings the new settings; its {@code signingKey} must be {@code null}
     * @return the endpoint as stored afterwards
     * @throws UnknownIdException if the tenant has no such endpoint
     * @throws EndpointAddressRejectedException if the policy refuses the new URL
     * @throws IllegalArgumentException if the URL is not a valid absolute URL or a signing key is given
     * @throws com.migomail.webhooks.store.EndpointVersionConflictException if the endpoint changed
     *     again before each of 50 writes (see the class comment); nothing was changed
     */
    Endpoint updateEndpoint(TenantId tenant, String endpointId, EndpointRegistration settings);

    /**
     * Rotates the endpoint's secret to a newly generated {@code whsec_} secret; the old keys stay
     * valid (requests are signed with both) for the configured overlap, by default 24 hours.
     *
     * @param tenant the endpoint's tenant
     * @param endpointId the endpoint's id ({@code ep_…})
     * @return the endpoint as stored afterwards and its new secret
     * @throws UnknownIdException if the tenant has no such endpoint
     * @throws IllegalStateException if the endpoint would then have more active keys than a request
     *     carries signatures for ({@link com.migomail.webhooks.signing.WebhookHeaders#MAX_SIGNATURES})
     */
    RegisteredEndpoint rotateSecret(TenantId tenant, String endpointId);

    /**
     * Rotates the endpoint's key to {@code newKey}; the old keys stay valid for {@code overlap}
     * ({@link Duration#ZERO} retires them at once).
     *
     * @param tenant the endpoint's tenant
     * @param endpointId the endpoint's id ({@code ep_…})
     * @param newKey the key to sign with from now on
     * @param overlap how long the old keys stay valid alongside the new one
     * @return the endpoint as stored afterwards and {@code newKey}
     * @throws UnknownIdException if the tenant has no such endpoint
     * @throws IllegalArgumentException if overlap is negative
     * @throws IllegalStateException if the endpoint would then have more active keys than a request
     *     carries signatures for ({@link com.migomail.webhooks.signing.WebhookHeaders#MAX_SIGNATURES});
     *     nothing is changed
     */
    RegisteredEndpoint rotateSecret(TenantId tenant, String endpointId, SigningKey newKey, Duration overlap);

    /**
     * Enables an endpoint and clears its disabled reason and failing-since health mark. Deliveries
     * skipped while it was disabled are not sent by this; replay them with
     * {@code replay(tenant, ReplayRequest.between(from, to).withEndpoints(Set.of(id)).withStatuses(Set.of(SKIPPED)))}.
     *
     * @param tenant the endpoint's tenant
     * @param endpointId the endpoint's id ({@code ep_…})
     * @return the endpoint as stored afterwards
     * @throws UnknownIdException if the tenant has no such endpoint
     * @throws com.migomail.webhooks.store.EndpointVersionConflictException if the endpoint changed
     *     again before each of 50 writes (see the class comment); nothing was changed
     */
    Endpoint enableEndpoint(TenantId tenant, String endpointId);

    /**
     * Disables an endpoint: its new and due deliveries are recorded as skipped.
     *
     * @param tenant the endpoint's tenant
     * @param endpointId the endpoint's id ({@code ep_…})
     * @param reason why, stored as {@link Endpoint#disabledReason()}
     * @return the endpoint as stored afterwards
     * @throws UnknownIdException if the tenant has no such endpoint
     * @throws com.migomail.webhooks.store.EndpointVersionConflictException if the endpoint changed
     *     again before each of 50 writes (see the class comment); nothing was changed
     */
    Endpoint disableEndpoint(TenantId tenant, String endpointId, String reason);

    /**
     * The tenant's endpoint with that id, if registered.
     *
     * @param tenant the endpoint's tenant
     * @param endpointId the endpoint's id ({@code ep_…})
     * @return the endpoint as stored now, or empty if the tenant has none with that id (another
     *     tenant's endpoint included)
     */
    Optional<Endpoint> endpoint(TenantId tenant, String endpointId);

    /**
     * Every endpoint of the tenant, oldest first.
     *
     * @param tenant the tenant whose endpoints to list
     * @return the endpoints as stored now, enabled or not
     */
    List<Endpoint> endpoints(TenantId tenant);

    /**
     * Deletes one of the tenant's endpoints with its keys. Its pending deliveries are cancelled and
     * not sent afterwards (an attempt in flight is not recorded); its delivery log stays, listed under
     * its id, until retention purges the events.
     *
     * @param tenant the endpoint's tenant
     * @param endpointId the endpoint's id ({@code ep_…})
     * @throws UnknownIdException if the tenant has no such endpoint
     */
    void deleteEndpoint(TenantId tenant, String endpointId);

    /**
     * Stores the event for a tenant with one delivery per endpoint of that tenant subscribed to its
     * type (skipped for disabled endpoints), and hands the pending ones to the dispatcher at once.
     * Only that tenant's endpoints are read, so the cost does not grow with other tenants. The body
     * stored, and sent on every attempt and replay, is {@link com.migomail.webhooks.core.EventCodec#write}
     * of the event. Publishing an event id again for the same tenant stores nothing new.
     *
     * @param tenant the tenant the event belongs to; there is no default
     * @param event the event to publish
     * @return the event id and its deliveries, and whether the event was new
     * @throws NullPointerException if tenant or event is null
     * @throws IllegalStateException if the sender is closed
     * @throws com.migomail.webhooks.store.StoreException if the event id is already another tenant's
     */
    PublishReceipt publish(TenantId tenant, WebhookEvent event);

    /**
     * Publishes through the caller's own write, typically inside the caller's open database
     * transaction (the transactional outbox): validates the event and builds its body and its
     * deliveries exactly as {@link #publish(TenantId, WebhookEvent)} does, then hands them to
     * {@code appender} instead of the store. With the JDBC store:
     * {@code sender.publish(tenant, event, (e, d) -> jdbcStore.append(connection, e, d))}, then commit.
     *
     * <p>The deliveries are not handed to the dispatcher, since the caller has not committed yet: once
     * the caller commits, any sender over that database claims them on its next poll, within
     * {@link Builder#pollInterval(Duration)} (1 second by default). If the caller rolls back, nothing
     * was stored and nothing is sent; the receipt then names an event that does not exist. Listeners
     * hear nothing at publish time (not even {@code onSkipped} for a disabled endpoint).
     *
     * @param tenant the tenant the event belongs to
     * @param event the event to publish
     * @param appender writes the event and deliveries (see {@link EventAppender}); whatever it
     *     throws reaches the caller unchanged, and the caller should then roll back
     * @return the receipt, from what the appender reports it wrote
     * @throws NullPointerException if tenant, event or appender is null
     * @throws IllegalStateException if the sender is closed
     * @throws WebhookDeliveryException if the appender returns {@code null}
     */
    PublishReceipt publish(TenantId tenant, WebhookEvent event, EventAppender appender);

    /**
     * Replays one of the tenant's events to every endpoint that has a delivery of it: the same body
     * and {@code webhook-id}, signed afresh. A replay does not count against endpoint health.
     *
     * @param tenant the event's tenant
     * @param eventId the event's id ({@code evt_…})
     * @return the deliveries re-armed
     * @throws UnknownIdException if the tenant has no such event
     */
    ReplayReceipt replay(TenantId tenant, String eventId);

    /**
     * Replays one of the tenant's events to one of its endpoints (creating a delivery if it had none).
     *
     * @param tenant the tenant of the event and the endpoint
     * @param eventId the event's id ({@code evt_…})
     * @param endpointId the endpoint's id ({@code ep_…})
     * @return the delivery re-armed or created
     * @throws UnknownIdException if the tenant has no such event or endpoint
     */
    ReplayReceipt replay(TenantId tenant, String eventId, String endpointId);

    /**
     * Replays every event of the tenant in a time range, narrowed by the request's filters. The
     * replayed deliveries are paced: {@link Builder#replayBatch(int, Duration)} of them fall due per
     * interval.
     *
     * @param tenant the tenant whose events to replay
     * @param request the time range and filters
     * @return the deliveries re-armed or created, and when the last of them is due
     * @throws UnknownIdException if a named endpoint is not one of the tenant's
     */
    ReplayReceipt replay(TenantId tenant, ReplayRequest request);

    /**
     * How many deliveries {@link #replay(TenantId, ReplayRequest)} would re-arm or create for this
     * request now, without scheduling any: what a confirmation dialog shows before the replay.
     *
     * @param tenant the tenant whose events would be replayed
     * @param request the time range and filters
     * @return the number of deliveries the replay would schedule now
     * @throws UnknownIdException if a named endpoint is not one of the tenant's
     */
    int countReplay(TenantId tenant, ReplayRequest request);

    /**
     * Sends an example event to one of the tenant's endpoints, whatever types it subscribes to: the
     * event is stored (it shows in the event log like any other) with one delivery, to that endpoint
     * only, attempted, retried and logged as usual.
     *
     * @param tenant the endpoint's tenant
     * @param endpointId the endpoint's id ({@code ep_…})
     * @param event the event to send; a new id, as for {@link #publish(TenantId, WebhookEvent)} (an id
     *     already stored is not sent again: the receipt lists that event's deliveries, not created)
     * @return the event id and its one delivery
     * @throws UnknownIdException if the tenant has no such endpoint
     * @throws IllegalStateException if the endpoint is disabled, or the sender is closed
     */
    PublishReceipt sendTest(TenantId tenant, String endpointId, WebhookEvent event);

    /**
     * Counts the tenant's delivery attempts per time bucket and endpoint, by how they ended
     * (succeeded, retried, failed): the numbers behind a deliveries-per-hour chart and an
     * endpoint's success rate.
     *
     * @param tenant the tenant whose attempts to count
     * @param query the time range, bucket width and optional endpoint
     * @return one count per bucket and endpoint that had attempts, by bucket then endpoint id;
     *     buckets without attempts are left out
     */
    List<AttemptCount> attemptCounts(TenantId tenant, AttemptCountQuery query);

    /**
     * The most recent attempt to one of the tenant's endpoints, by start time.
     *
     * @param tenant the endpoint's tenant
     * @param endpointId the endpoint's id ({@code ep_…})
     * @return the attempt; empty if none is logged (or the endpoint is unknown, or another tenant's)
     */
    Optional<DeliveryAttempt> latestAttempt(TenantId tenant, String endpointId);

    /**
     * One page of the tenant's delivery log, filtered by event, endpoint and status, oldest created
     * first (ties by id); read from the store as it is now. Page on with
     * {@code query.withCursor(page.nextCursor())} until a page has no next cursor.
     *
     * @param tenant the tenant whose deliveries to list
     * @param query the filters, page size and cursor
     * @return the page, with the cursor of the next one if there are more
     * @throws NullPointerException if tenant or query is null
     * @throws IllegalArgumentException if the query's cursor is not one the store issued for deliveries
     */
    Page<Delivery> deliveries(TenantId tenant, DeliveryQuery query);

    /**
     * The attempts of one of the tenant's deliveries, in the order they were recorded, with their
     * status code or error, latency and response excerpt; empty for an unknown delivery (or one purged
     * by retention, or another tenant's).
     *
     * @param tenant the delivery's tenant
     * @param deliveryId the delivery's id
     * @return the attempts, oldest first
     * @throws NullPointerException if tenant or deliveryId is null
     */
    List<DeliveryAttempt> attempts(TenantId tenant, String deliveryId);

    /**
     * One page of the tenant's stored events in a time range (by event timestamp), filtered and
     * ordered as the query says; events with equal timestamps are ordered by id.
     *
     * @param tenant the tenant whose events to list
     * @param query the time range, filters, order, page size and cursor
     * @return the page, with the cursor of the next one if there are more
     * @throws NullPointerException if tenant or query is null
     * @throws IllegalArgumentException if the query's cursor is not one the store issued for events
     */
    Page<StoredEvent> events(TenantId tenant, EventQuery query);

    /**
     * One of the tenant's stored events, by id: what an event's page in a log shows, with the exact
     * body that every attempt sends.
     *
     * @param tenant the event's tenant
     * @param eventId the event's id ({@code evt_…})
     * @return the event; empty if none is stored under that id (purged by retention, never
     *     published, or another tenant's)
     * @throws NullPointerException if tenant or eventId is null
     */
    Optional<StoredEvent> event(TenantId tenant, String eventId);

    /**
     * How many deliveries are due now, of every tenant and by every sender on this store: pending
     * ones whose time has come, those being attempted included ({@link
     * com.migomail.webhooks.store.DeliveryStore#countDue} at this sender's clock). The backlog a
     * metrics gauge shows; counted in the store's due index, at a cost that grows with the count, so
     * read it now and then (the Micrometer binder reads it at most once an interval), not per event.
     *
     * @return the count, 0 or more
     */
    long dueDeliveries();

    /**
     * Purges now every event older than the retention (by event timestamp) with its deliveries and
     * attempts; events with a pending delivery are kept. The sender also does this on schedule.
     *
     * @return how many events were purged
     */
    int purgeExpired();

    /**
     * Closes a tenant's account: deletes its endpoints (keys included), then its events with their
     * deliveries and attempts, in batches of {@value #ERASURE_BATCH}, each a short store transaction, so
     * other tenants' publishing and delivering go on meanwhile. Pending deliveries are not sent
     * afterwards, and attempts in flight are not recorded. Idempotent, and safe while other sender
     * nodes work on the same store. Stop publishing for the tenant first: an event published while
     * the deletion runs may survive it (delete again to remove it).
     *
     * @param tenant the tenant to delete
     * @return what was deleted; all zero for a tenant with nothing stored
     * @throws NullPointerException if tenant is null
     */
    ErasureCounts deleteTenant(TenantId tenant);

    /**
     * Erases one person on a customer's list (the right to erasure): deletes every stored event of
     * the tenant whose data names that subscriber's address (the {@code subscriber} object of the 10
     * event types that have one), with their deliveries and attempts; pending ones are not sent
     * afterwards. The events are found through an index of keyed hashes of the lower-cased address,
     * which is no copy of the address. Events of other tenants with the same address are kept.
     * Idempotent; runs in batches of {@value #ERASURE_BATCH}.
     *
     * @param tenant the tenant whose list the subscriber is on
     * @param email the subscriber's address, in any letter case
     * @return what was erased ({@code endpoints} is 0); all zero if nothing named the address
     * @throws NullPointerException if an argument is null
     */
    ErasureCounts eraseSubscriber(TenantId tenant, String email);

    /** How many endpoints or events {@link #deleteTenant} and {@link #eraseSubscriber} delete per store transaction. */
    int ERASURE_BATCH = 500;

    /**
     * Configures a {@link WebhookSender}. Not thread-safe; {@link #build()} copies the settings, so a
     * builder can be reused. Setters throw {@link NullPointerException} for null and
     * {@link IllegalArgumentException} for a bad value at once.
     */
    final class Builder {
        private WebhookStore store;
        private WebhookTransport transport;
        private HttpClient httpClient;
        private InetSocketAddress egressProxy;
        private Clock clock = Clock.systemUTC();
        private ScheduledExecutorService scheduler;
        private Executor executor;
        private RetrySchedule retrySchedule = RetrySchedule.defaults();
        private Duration attemptTimeout = Duration.ofSeconds(10);
        private Duration connectTimeout = Duration.ofSeconds(5);
        private int dnsThreads = 8;
        private Duration dnsTimeout = Duration.ofSeconds(5);
        private int maxConcurrency = 64;
        private int maxConcurrencyPerEndpoint = 8;
        private String userAgent = "Migomail-Webhooks/" + LibraryVersion.get();
        private Duration leaseDuration;
        private Duration pollInterval = Duration.ofSeconds(1);
        private EndpointAddressPolicy addressPolicy = EndpointAddressPolicy.publicHttpsOnly();
        private boolean disableEndpointOnGone = true;
        private Duration endpointHealthPeriod = Duration.ofDays(5);
        private Duration retention = Duration.ofDays(30);
        private Duration purgeInterval = Duration.ofHours(1);
        private Duration secretOverlap = Duration.ofHours(24);
        private Duration maxRetryAfter = Duration.ofHours(24);
        private int replayBatchSize = 100;
        private Duration replayBatchInterval = Duration.ofSeconds(1);
        private Duration shutdownTimeout = Duration.ofSeconds(15);
        private String nodeId;
        private byte[] subscriberIndexKey;
        private final List<DeliveryListener> listeners = new ArrayList<>();
        private DeliveryTracer tracer = DeliveryTracer.none();

        private Builder() {}

        /**
         * The store of events, endpoints and deliveries. Required.
         *
         * @param store the store; several senders may share one
         * @return this builder
         * @throws NullPointerException if store is null
         */
        public Builder store(WebhookStore store) {
            this.store = Objects.requireNonNull(store, "store cannot be null");
            return this;
        }

        /**
         * The transport that sends every request. Default: the sender's own, on {@code java.net.http}:
         * one client, no redirects, no proxy (not even the JVM's proxy properties) unless
         * {@link #egressProxy} names one, connect timeout {@link #connectTimeout}, HTTP/2 with fallback
         * to HTTP/1.1 ({@code http://} endpoints are always sent HTTP/1.1). That client resolves each
         * host again when it connects, so it cannot close the DNS-rebinding window; a transport that
         * connects only to {@link WebhookRequest#addresses()} (such as
         * {@code ApacheHttpTransport} of the {@code migomail-webhooks-transport-apache} module) can.
         *
         * @param transport the transport; it must not follow redirects; never closed by the sender
         * @return this builder
         * @throws NullPointerException if transport is null
         */
        public Builder transport(WebhookTransport transport) {
            this.transport = Objects.requireNonNull(transport, "transport cannot be null");
            return this;
        }

        /**
         * The HTTP client of the sender's own {@code java.net.http} transport. Default: one client as
         * {@link #transport} describes. Give your own for TLS settings or an executor; it must not
         * follow redirects. Its proxy settings are your choice: a client built without
         * {@code proxy(...)} follows the JVM's proxy properties ({@code -Dhttps.proxyHost}), which the
         * sender's own client ignores.
         *
         * @param httpClient the client, with {@link HttpClient.Redirect#NEVER}; never closed by the sender
         * @return this builder
         * @throws NullPointerException if httpClient is null
         * @throws IllegalArgumentException if the client follows redirects
         */
        public Builder httpClient(HttpClient httpClient) {
            Objects.requireNonNull(httpClient, "httpClient cannot be null");
            if (httpClient.followRedirects() != HttpClient.Redirect.NEVER) {
                throw new IllegalArgumentException("httpClient must not follow redirects (Redirect.NEVER)");
            }
            this.httpClient = httpClient;
            return this;
        }

        /**
         * An egress proxy the sender's own client sends every request through ({@code CONNECT} for
         * {@code https}, absolute-form requests for {@code http}). Default: none, requests connect
         * directly. The proxy then resolves the endpoint's host and makes the connection, so it must
         * enforce the SSRF rules itself (refuse private, loopback and link-local destinations, as
         * Stripe's Smokescreen does): that is what closes the DNS-rebinding window. The sender's own
         * {@link #addressPolicy} check still runs before every attempt.
         *
         * @param egressProxy the proxy's address
         * @return this builder
         * @throws NullPointerException if egressProxy is null
         */
        public Builder egressProxy(InetSocketAddress egressProxy) {
            this.egressProxy = Objects.requireNonNull(egressProxy, "egressProxy cannot be null");
            return this;
        }

        /**
         * The time source for due times, timestamps and signatures. Default: {@link Clock#systemUTC()}.
         *
         * @param clock the clock
         * @return this builder
         * @throws NullPointerException if clock is null
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock cannot be null");
            return this;
        }

        /**
         * Runs the poller and the retention purge. Default: one daemon thread the sender creates and
         * shuts down on close; a scheduler you give is never shut down by the sender.
         *
         * @param scheduler the scheduler
         * @return this builder
         * @throws NullPointerException if scheduler is null
         */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler cannot be null");
            return this;
        }

        /**
         * Runs store calls, signing and outcome recording; HTTP itself is asynchronous and parks no
         * thread, and address checks (DNS) run on threads of their own ({@link #dnsThreads}). Default:
         * a pool of 4 daemon threads the sender creates and shuts down on close; an executor you give
         * is never shut down by the sender.
         *
         * @param executor the executor
         * @return this builder
         * @throws NullPointerException if executor is null
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor cannot be null");
            return this;
        }

        /**
         * When to retry failed attempts. Default: {@link RetrySchedule#defaults()}: attempts due at +0,
         * +1 min, +5 min and +30 min from the first attempt, then failed. Retries are anchored on the
         * failed attempt's due time (attempt latency does not drift them); see {@link RetrySchedule}.
         *
         * @param retrySchedule the schedule
         * @return this builder
         * @throws NullPointerException if retrySchedule is null
         */
        public Builder retrySchedule(RetrySchedule retrySchedule) {
            this.retrySchedule = Objects.requireNonNull(retrySchedule, "retrySchedule cannot be null");
            return this;
        }

        /**
         * The overall deadline of one attempt (address check, connect, request, response headers and
         * the first 4 KiB of the body). Once the status has arrived the attempt has its answer: a 2xx
         * whose body is still arriving at the deadline is delivered, with the excerpt read so far.
         * Default: 10 seconds.
         *
         * @param attemptTimeout the deadline, positive
         * @return this builder
         * @throws NullPointerException if attemptTimeout is null
         * @throws IllegalArgumentException if attemptTimeout is zero or negative
         */
        public Builder attemptTimeout(Duration attemptTimeout) {
            this.attemptTimeout = positive(attemptTimeout, "attemptTimeout");
            return this;
        }

        /**
         * The connect timeout of the default HTTP client; unused when {@link #httpClient} or
         * {@link #transport} is given.
         * Default: 5 seconds.
         *
         * @param connectTimeout the timeout, positive
         * @return this builder
         * @throws NullPointerException if connectTimeout is null
         * @throws IllegalArgumentException if connectTimeout is zero or negative
         */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = positive(connectTimeout, "connectTimeout");
            return this;
        }

        /**
         * How many address checks (DNS lookups) may run at once, on daemon threads the sender creates
         * and stops on close, apart from the {@link #executor}: a slow nameserver delays only the
         * deliveries to its own hosts. Attempts to one host share a lookup under way. When every
         * thread is busy and 4 lookups per thread wait, a check is refused at once: a failed attempt,
         * retried on schedule. Default: 8.
         *
         * @param dnsThreads the number of threads, at least 1
         * @return this builder
         * @throws IllegalArgumentException if dnsThreads is less than 1
         */
        public Builder dnsThreads(int dnsThreads) {
            this.dnsThreads = atLeastOne(dnsThreads, "dnsThreads");
            return this;
        }

        /**
         * The longest an attempt waits for its address check (DNS lookup); never longer than the
         * {@link #attemptTimeout}. A check that takes longer is a failed attempt, retried on schedule.
         * Default: 5 seconds.
         *
         * @param dnsTimeout the timeout, positive
         * @return this builder
         * @throws NullPointerException if dnsTimeout is null
         * @throws IllegalArgumentException if dnsTimeout is zero or negative
         */
        public Builder dnsTimeout(Duration dnsTimeout) {
            this.dnsTimeout = positive(dnsTimeout, "dnsTimeout");
            return this;
        }

        /**
         * At most this many attempts in flight at once, over all endpoints. Default: 64.
         *
         * @param maxConcurrency the limit, at least 1
         * @return this builder
         * @throws IllegalArgumentException if maxConcurrency is less than 1
         */
        public Builder maxConcurrency(int maxConcurrency) {
            this.maxConcurrency = atLeastOne(maxConcurrency, "maxConcurrency");
            return this;
        }

        /**
         * At most this many attempts in flight at once to one endpoint, so a slow endpoint cannot take
         * every slot; keep it under common HTTP/2 stream limits (100). Default: 8.
         *
         * @param maxConcurrencyPerEndpoint the limit, at least 1
         * @return this builder
         * @throws IllegalArgumentException if maxConcurrencyPerEndpoint is less than 1
         */
        public Builder maxConcurrencyPerEndpoint(int maxConcurrencyPerEndpoint) {
            this.maxConcurrencyPerEndpoint = atLeastOne(maxConcurrencyPerEndpoint, "maxConcurrencyPerEndpoint");
            return this;
        }

        /**
         * The {@code User-Agent} header. Default: {@code Migomail-Webhooks/<library version>}.
         *
         * @param userAgent the header value, not blank
         * @return this builder
         * @throws NullPointerException if userAgent is null
         * @throws IllegalArgumentException if userAgent is blank
         */
        public Builder userAgent(String userAgent) {
            Objects.requireNonNull(userAgent, "userAgent cannot be null");
            if (userAgent.isBlank()) {
                throw new IllegalArgumentException("userAgent cannot be blank");
            }
            this.userAgent = userAgent;
            return this;
        }

        /**
         * How long a claimed delivery is leased to this sender. It must exceed the attempt timeout by
         * at least 10 seconds, or two nodes could send the same attempt. Default: the attempt timeout
         * plus 30 seconds, at least 1 minute.
         *
         * @param leaseDuration the lease, positive; checked against the attempt timeout by {@link #build()}
         * @return this builder
         * @throws NullPointerException if leaseDuration is null
         * @throws IllegalArgumentException if leaseDuration is zero or negative
         */
        public Builder leaseDuration(Duration leaseDuration) {
            this.leaseDuration = positive(leaseDuration, "leaseDuration");
            return this;
        }

        /**
         * How often the store is polled for due deliveries (retries, crash leftovers, other nodes'
         * work). Just-published deliveries do not wait for it. Default: 1 second.
         *
         * @param pollInterval the interval, positive
         * @return this builder
         * @throws NullPointerException if pollInterval is null
         * @throws IllegalArgumentException if pollInterval is zero or negative
         */
        public Builder pollInterval(Duration pollInterval) {
            this.pollInterval = positive(pollInterval, "pollInterval");
            return this;
        }

        /**
         * Which endpoint URLs may be reached, checked on registration and before every attempt.
         * Default: {@link EndpointAddressPolicy#publicHttpsOnly()}.
         *
         * @param addressPolicy the policy
         * @return this builder
         * @throws NullPointerException if addressPolicy is null
         */
        public Builder addressPolicy(EndpointAddressPolicy addressPolicy) {
            this.addressPolicy = Objects.requireNonNull(addressPolicy, "addressPolicy cannot be null");
            return this;
        }

        /**
         * Whether a {@code 410 Gone} response disables the endpoint. Default: {@code true}.
         *
         * @param disableEndpointOnGone {@code true} to disable the endpoint on {@code 410 Gone}
         * @return this builder
         */
        public Builder disableEndpointOnGone(boolean disableEndpointOnGone) {
            this.disableEndpointOnGone = disableEndpointOnGone;
            return this;
        }

        /**
         * An endpoint whose attempts have all failed for this long is disabled (replays do not
         * count). Default: 5 days.
         *
         * @param endpointHealthPeriod the period, positive
         * @return this builder
         * @throws NullPointerException if endpointHealthPeriod is null
         * @throws IllegalArgumentException if endpointHealthPeriod is zero or negative
         */
        public Builder endpointHealthPeriod(Duration endpointHealthPeriod) {
            this.endpointHealthPeriod = positive(endpointHealthPeriod, "endpointHealthPeriod");
            return this;
        }

        /**
         * How long events and attempts are kept, by event timestamp. Default: 30 days.
         *
         * @param retention the retention, positive
         * @return this builder
         * @throws NullPointerException if retention is null
         * @throws IllegalArgumentException if retention is zero or negative
         */
        public Builder retention(Duration retention) {
            this.retention = positive(retention, "retention");
            return this;
        }

        /**
         * How often expired events are purged. Default: 1 hour.
         *
         * @param purgeInterval the interval, positive
         * @return this builder
         * @throws NullPointerException if purgeInterval is null
         * @throws IllegalArgumentException if purgeInterval is zero or negative
         */
        public Builder purgeInterval(Duration purgeInterval) {
            this.purgeInterval = positive(purgeInterval, "purgeInterval");
            return this;
        }

        /**
         * How long old secrets stay valid after {@link WebhookSender#rotateSecret(TenantId, String)}. Default:
         * 24 hours.
         *
         * @param secretOverlap the overlap; {@link Duration#ZERO} retires old secrets at once
         * @return this builder
         * @throws NullPointerException if secretOverlap is null
         * @throws IllegalArgumentException if secretOverlap is negative
         */
        public Builder secretOverlap(Duration secretOverlap) {
            this.secretOverlap = notNegative(secretOverlap, "secretOverlap");
            return this;
        }

        /**
         * The longest delay a {@code Retry-After} header may impose (longer values are cut to this).
         * Default: 24 hours.
         *
         * @param maxRetryAfter the cap, not negative
         * @return this builder
         * @throws NullPointerException if maxRetryAfter is null
         * @throws IllegalArgumentException if maxRetryAfter is negative
         */
        public Builder maxRetryAfter(Duration maxRetryAfter) {
            this.maxRetryAfter = notNegative(maxRetryAfter, "maxRetryAfter");
            return this;
        }

        /**
         * Paces range replays: {@code size} deliveries fall due per {@code interval}. Default: 100 per
         * second.
         *
         * @param size how many replayed deliveries fall due per interval, at least 1
         * @param interval the pacing interval, not negative; {@link Duration#ZERO} makes all due at once
         * @return this builder
         * @throws NullPointerException if interval is null
         * @throws IllegalArgumentException if size is less than 1 or interval is negative
         */
        public Builder replayBatch(int size, Duration interval) {
            this.replayBatchSize = atLeastOne(size, "replayBatch size");
            this.replayBatchInterval = notNegative(interval, "replayBatch interval");
            return this;
        }

        /**
         * How long {@link WebhookSender#close()} lets in-flight attempts finish. Default: 15 seconds.
         *
         * @param shutdownTimeout the timeout, not negative; {@link Duration#ZERO} does not wait
         * @return this builder
         * @throws NullPointerException if shutdownTimeout is null
         * @throws IllegalArgumentException if shutdownTimeout is negative
         */
        public Builder shutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = notNegative(shutdownTimeout, "shutdownTimeout");
            return this;
        }

        /**
         * This sender's lease-owner name in the store. Default: {@code sender-} and a random UUID.
         *
         * @param nodeId the name, not blank; give each sender sharing a store its own
         * @return this builder
         * @throws NullPointerException if nodeId is null
         * @throws IllegalArgumentException if nodeId is blank
         */
        public Builder nodeId(String nodeId) {
            Objects.requireNonNull(nodeId, "nodeId cannot be null");
            if (nodeId.isBlank()) {
                throw new IllegalArgumentException("nodeId cannot be blank");
            }
            this.nodeId = nodeId;
            return this;
        }

        /**
         * The secret key of the subscriber index, which {@link WebhookSender#eraseSubscriber} finds a
         * subscriber's events by: each event stores an HMAC-SHA256 of its subscriber's lower-cased
         * address under this key, never the address. Default: a random key the store creates once and
         * keeps (so every node over one database agrees). Give your own, from your secret store, if
         * whoever can read the database must not be able to test guessed addresses against the
         * index. Set it before the first publish and keep it: events indexed under another key are
         * not found by {@code eraseSubscriber}.
         *
         * @param key the key, at least 32 bytes; copied
         * @return this builder
         * @throws NullPointerException if key is null
         * @throws IllegalArgumentException if key is shorter than 32 bytes
         */
        public Builder subscriberIndexKey(byte[] key) {
            Objects.requireNonNull(key, "subscriberIndexKey cannot be null");
            if (key.length < 32) {
                throw new IllegalArgumentException("subscriberIndexKey must be at least 32 bytes: " + key.length);
            }
            this.subscriberIndexKey = key.clone();
            return this;
        }

        /**
         * Adds a listener; call it once per listener (a metrics binder's and your own, say): each is
         * called, in the order added, and one that throws is logged and does not keep the others from
         * being called. Default: none.
         *
         * @param listener the listener
         * @return this builder
         * @throws NullPointerException if listener is null
         */
        public Builder listener(DeliveryListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener cannot be null"));
            return this;
        }

        /**
         * The tracer of publishes and attempts: it captures the trace context current at each publish,
         * which the store keeps with the event, and opens a span per attempt (first try, retry, replay,
         * test send) whose headers (such as {@code traceparent}) the request carries. Default:
         * {@link DeliveryTracer#none()}, which stores no context and adds no header. The optional
         * {@code migomail-webhooks-opentelemetry} module has one for OpenTelemetry.
         *
         * @param tracer the tracer
         * @return this builder
         * @throws NullPointerException if tracer is null
         */
        public Builder tracer(DeliveryTracer tracer) {
            this.tracer = Objects.requireNonNull(tracer, "tracer cannot be null");
            return this;
        }

        /**
         * A new sender with these settings (not started).
         *
         * @return the sender
         * @throws NullPointerException if no store was set
         * @throws IllegalStateException if the lease does not exceed the attempt timeout by 10 seconds,
         *     or more than one of {@link #transport}, {@link #httpClient} and {@link #egressProxy} is set
         */
        public WebhookSender build() {
            return new DefaultWebhookSender(config());
        }

        private SenderConfig config() {
            Objects.requireNonNull(store, "store cannot be null");
            requireAtMostOneTransportOption();
            Duration lease = leaseDuration != null ? leaseDuration : defaultLease();
            if (lease.compareTo(attemptTimeout.plus(SenderConfig.LEASE_MARGIN)) < 0) {
                throw new IllegalStateException("leaseDuration (" + lease + ") must exceed attemptTimeout ("
                        + attemptTimeout + ") by at least " + SenderConfig.LEASE_MARGIN);
            }
            return new SenderConfig(store, transport, httpClient, egressProxy, clock, scheduler, executor,
                    retrySchedule, attemptTimeout, connectTimeout, dnsThreads, dnsTimeout, maxConcurrency,
                    maxConcurrencyPerEndpoint, userAgent, lease, pollInterval, addressPolicy, disableEndpointOnGone, endpointHealthPeriod, retention, purgeInterval,
                    secretOverlap, maxRetryAfter, replayBatchSize, replayBatchInterval, shutdownTimeout,
                    nodeId != null ? nodeId : "sender-" + java.util.UUID.randomUUID(),
                    subscriberIndexKey == null ? null : subscriberIndexKey.clone(), listeners, tracer);
        }

        /** A transport is the host's whole choice; a client carries its own proxy settings. */
        private void requireAtMostOneTransportOption() {
            if (transport != null && httpClient != null) {
                throw new IllegalStateException("transport and httpClient cannot both be set: the client is used only"
                        + " by the sender's own transport");
            }
            if (transport != null && egressProxy != null) {
                throw new IllegalStateException("transport and egressProxy cannot both be set: the egress proxy is used"
                        + " only by the sender's own transport; configure the proxy on your transport");
            }
            if (httpClient != null && egressProxy != null) {
                throw new IllegalStateException("httpClient and egressProxy cannot both be set: set the proxy on your"
                        + " client (HttpClient.Builder.proxy)");
            }
        }

        private Duration defaultLease() {
            Duration derived = attemptTimeout.plusSeconds(30);
            return derived.compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1) : derived;
        }

        private static Duration positive(Duration value, String name) {
            Objects.requireNonNull(value, name + " cannot be null");
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }

        private static Duration notNegative(Duration value, String name) {
            Objects.requireNonNull(value, name + " cannot be null");
            if (value.isNegative()) {
                throw new IllegalArgumentException(name + " cannot be negative: " + value);
            }
            return value;
        }

        private static int atLeastOne(int value, String name) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be at least 1: " + value);
            }
            return value;
        }
    }
}
