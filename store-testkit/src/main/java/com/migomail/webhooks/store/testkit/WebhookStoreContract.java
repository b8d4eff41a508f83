package com.migomail.webhooks.store.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.migomail.webhooks.store.AppendLease;
import com.migomail.webhooks.store.AppendResult;
import com.migomail.webhooks.store.AttemptCount;
import com.migomail.webhooks.store.AttemptCountQuery;
import com.migomail.webhooks.store.AttemptResult;
import com.migomail.webhooks.store.Delivery;
import com.migomail.webhooks.store.DeliveryAttempt;
import com.migomail.webhooks.store.DeliveryOutcome;
import com.migomail.webhooks.store.DeliveryQuery;
import com.migomail.webhooks.store.DeliveryStatus;
import com.migomail.webhooks.store.Endpoint;
import com.migomail.webhooks.store.EndpointSecret;
import com.migomail.webhooks.store.EndpointVersionConflictException;
import com.migomail.webhooks.store.ErasureCounts;
import com.migomail.webhooks.store.EventQuery;
import com.migomail.webhooks.store.NewDelivery;
import com.migomail.webhooks.store.NotFoundException;
import com.migomail.webhooks.store.Page;
import com.migomail.webhooks.store.SortOrder;
import com.migomail.webhooks.store.StoreException;
import com.migomail.webhooks.store.StoredEvent;
import com.migomail.webhooks.store.TenantId;
import com.migomail.webhooks.store.WebhookStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link WebhookStore} keeps, as a JUnit 5 test kit. An implementation's test
 * extends this class and provides {@link #newStore()}; stores that several processes share also
 * override {@link #sameDataStore(WebhookStore)}, so the concurrency tests claim and delete through
 * several instances at once.
 *
 * <p>Shipped as {@code migomail-webhooks-store-testkit}, which brings JUnit Jupiter's API and
 * AssertJ with it. Every time in the kit is a fixed offset from {@link #T0} in whole milliseconds
 * (a store keeping microseconds round-trips them exactly); ids are fixed TypeID-shaped strings that
 * sort by their number. The fixtures ({@link #event}, {@link #endpoint}, {@link #givenEvent},
 * {@link #attempt}, ...) are protected so that an implementation's own tests can reuse them.
 *
 * <p>Most tests work in one tenant, {@link #TENANT}: the fixtures that take no tenant create and
 * read its endpoints, events and deliveries. The tenant tests add {@link #OTHER_TENANT}, whose
 * endpoints ({@link #OTHER_EP1}, {@link #OTHER_EP2}) have other ids (ids are unique across
 * tenants) but may have the same URLs and type filters, and check that no scoped operation of one
 * tenant ever reads, changes or deletes the other's data, and that another tenant's id behaves
 * exactly as an unknown one.
 *
 * <p>Not thread-safe: JUnit creates one instance per test, and the concurrency tests start and
 * join their own threads.
 */
public abstract class WebhookStoreContract {

    /** The time every test starts from. */
    protected static final Instant T0 = Instant.parse("2026-01-15T10:00:00Z");
    /** The lease the tests take unless they say otherwise. */
    protected static final Duration LEASE = Duration.ofSeconds(30);
    /** Owner names of two sender nodes. */
    protected static final String NODE_A = "node-a";
    /** Owner names of two sender nodes. */
    protected static final String NODE_B = "node-b";

    /** The tenant the tests work in unless they say otherwise (the fixtures without a tenant use it). */
    protected static final TenantId TENANT = TenantId.of("tenant-a");
    /** A second tenant, for the tests of isolation between tenants. */
    protected static final TenantId OTHER_TENANT = TenantId.of("tenant-b");

    /** Endpoint ids of {@link #TENANT} the tests use ({@link #givenEndpoints} creates them). */
    protected static final String EP1 = endpointId(1);
    /** Endpoint ids of {@link #TENANT} the tests use ({@link #givenEndpoints} creates them). */
    protected static final String EP2 = endpointId(2);
    /** Endpoint ids of {@link #TENANT} the tests use ({@link #givenEndpoints} creates them). */
    protected static final String EP3 = endpointId(3);
    /** Endpoint ids of {@link #OTHER_TENANT} the tests use. */
    protected static final String OTHER_EP1 = endpointId(101);
    /** Endpoint ids of {@link #OTHER_TENANT} the tests use. */
    protected static final String OTHER_EP2 = endpointId(102);

    /** The subscriber key of the subscriber whose events the erasure tests erase. */
    protected static final String SUBSCRIBER = subscriberKey(1);

    /** The URL both tenants' endpoints in the isolation tests post to. */
    private static final String SHARED_URL = "https://hooks.example.com/migomail";

    /** A time range holding every event the kit's tests append (all within a day of {@link #T0}). */
    private static final EventQuery EVERY_EVENT = EventQuery.between(at(-86_400), at(86_400)).withLimit(EventQuery.MAX_LIMIT);

    /** The store under test, fresh and empty for each test. */
    protected WebhookStore store;

    private final AtomicLong nextDeliveryNumber = new AtomicLong(1);

    /**
     * A new, empty store. Called before each test, before the subclass's own {@code @BeforeEach}
     * methods.
     *
     * @return a store with no endpoints, events or deliveries, used by this test alone
     */
    protected abstract WebhookStore newStore();

    /**
     * Another instance over the same data as {@code store} (a second node on the same database), or
     * {@code store} itself for stores that cannot be shared, which is the default.
     *
     * @param store the store a test already uses, usually {@link #store}
     * @return a store that sees and changes the same data, possibly {@code store} itself
     */
    protected WebhookStore sameDataStore(WebhookStore store) {
        return store;
    }

    /** Creates {@link #store} from {@link #newStore()}. */
    @BeforeEach
    final void createStore() {
        store = newStore();
    }

    // ==== fixtures ===============================================================================

    /**
     * {@link #T0} plus that many seconds.
     *
     * @param seconds the offset from {@link #T0}; negative for earlier
     * @return {@code T0 + seconds}
     */
    protected static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    /**
     * A TypeID-shaped id: the prefix, {@code _}, and the number padded to 26 digits.
     *
     * @param prefix the type prefix, such as {@code evt}
     * @param number the id's number, not negative; ids of one prefix sort as their numbers do
     * @return {@code prefix_} followed by the number zero-padded to 26 digits
     */
    protected static String id(String prefix, long number) {
        return prefix + "_" + String.format("%026d", number);
    }

    /**
     * An event id ({@code evt_…}) that sorts by {@code number}.
     *
     * @param number the id's number, not negative
     * @return {@link #id id}{@code ("evt", number)}
     */
    protected static String eventId(long number) {
        return id("evt", number);
    }

    /**
     * An endpoint id ({@code ep_…}) that sorts by {@code number}.
     *
     * @param number the id's number, not negative
     * @return {@link #id id}{@code ("ep", number)}
     */
    protected static String endpointId(long number) {
        return id("ep", number);
    }

    /**
     * A delivery id ({@code dlv_…}) that sorts by {@code number}.
     *
     * @param number the id's number, not negative
     * @return {@link #id id}{@code ("dlv", number)}
     */
    protected static String deliveryId(long number) {
        return id("dlv", number);
    }

    /**
     * A subscriber key shaped like the sender's: 64 lower-case hex digits (a keyed SHA-256 of the
     * subscriber's address), here just the number in hex.
     *
     * @param number the key's number, not negative
     * @return the number as 64 hex digits
     */
    protected static String subscriberKey(long number) {
        return String.format("%064x", number);
    }

    /**
     * An {@code email.opened} event of {@link #TENANT} that happened and was stored at
     * {@code timestamp}.
     *
     * @param id the event id, such as {@link #eventId}
     * @param timestamp both the event's timestamp and its {@code storedAt}
     * @return the event, with the {@link #body} of those values and no subscriber key
     */
    protected static StoredEvent event(String id, Instant timestamp) {
        return event(TENANT, id, "email.opened", timestamp);
    }

    /**
     * An event of {@link #TENANT} of that type that happened and was stored at {@code timestamp}.
     *
     * @param id the event id, such as {@link #eventId}
     * @param type the event type, such as {@code email.bounced}
     * @param timestamp both the event's timestamp and its {@code storedAt}
     * @return the event, with the {@link #body} of those values and no subscriber key
     */
    protected static StoredEvent event(String id, String type, Instant timestamp) {
        return event(TENANT, id, type, timestamp);
    }

    /**
     * An {@code email.opened} event of that tenant that happened and was stored at {@code timestamp}.
     *
     * @param tenant the tenant the event is published for
     * @param id the event id, such as {@link #eventId}
     * @param timestamp both the event's timestamp and its {@code storedAt}
     * @return the event, with the {@link #body} of those values and no subscriber key
     */
    protected static StoredEvent event(TenantId tenant, String id, Instant timestamp) {
        return event(tenant, id, "email.opened", timestamp);
    }

    /**
     * An event of that tenant and type that happened and was stored at {@code timestamp}.
     *
     * @param tenant the tenant the event is published for
     * @param id the event id, such as {@link #eventId}
     * @param type the event type, such as {@code email.bounced}
     * @param timestamp both the event's timestamp and its {@code storedAt}
     * @return the event, with the {@link #body} of those values and no subscriber key
     */
    protected static StoredEvent event(TenantId tenant, String id, String type, Instant timestamp) {
        return new StoredEvent(id, tenant, type, timestamp, timestamp, body(id, type, timestamp));
    }

    /**
     * An {@code email.opened} event of that tenant that names a subscriber.
     *
     * @param tenant the tenant the event is published for
     * @param id the event id, such as {@link #eventId}
     * @param timestamp both the event's timestamp and its {@code storedAt}
     * @param subscriberKey the subscriber's key, such as {@link #SUBSCRIBER}
     * @return the event, with the {@link #body} of those values and that subscriber key
     */
    protected static StoredEvent subscriberEvent(TenantId tenant, String id, Instant timestamp, String subscriberKey) {
        return new StoredEvent(id, tenant, "email.opened", timestamp, timestamp, body(id, "email.opened", timestamp),
                subscriberKey);
    }

    /**
     * A JSON body with non-ASCII text, escapes and odd spacing, which stores must keep exactly.
     *
     * @param id the event id written in the body
     * @param type the event type written in the body
     * @param timestamp the timestamp written in the body, in ISO-8601
     * @return the body, ending in a newline
     */
    protected static String body(String id, String type, Instant timestamp) {
        return "{\"event\":\"" + type + "\",\"timestamp\":\"" + timestamp + "\",\"id\":\"" + id + "\","
                + "\"data\":{\"subscriber\":{\"email\":\"zoë@example.com\",\"name\":\"Zoë Ünal 😀 \\\"Z\\\"\"},"
                + " \"note\":\"tab\\tline\\u2028end\"}}\n";
    }

    /**
     * An enabled endpoint of {@link #TENANT} for every type, with one secret, created at {@link #T0}.
     *
     * @param id the endpoint id, such as {@link #endpointId}
     * @return {@link #endpoint(TenantId, String, Instant) endpoint(TENANT, id, T0)}
     */
    protected static Endpoint endpoint(String id) {
        return endpoint(TENANT, id, T0);
    }

    /**
     * An enabled endpoint of {@link #TENANT} for every type, with one secret, created at that time.
     *
     * @param id the endpoint id, such as {@link #endpointId}
     * @param createdAt the endpoint's {@code createdAt} and {@code updatedAt}
     * @return {@link #endpoint(TenantId, String, Instant) endpoint(TENANT, id, createdAt)}
     */
    protected static Endpoint endpoint(String id, Instant createdAt) {
        return endpoint(TENANT, id, createdAt);
    }

    /**
     * An enabled endpoint of that tenant for every type, with one secret, created at {@link #T0}.
     *
     * @param tenant the tenant the endpoint belongs to
     * @param id the endpoint id, such as {@link #endpointId}
     * @return {@link #endpoint(TenantId, String, Instant) endpoint(tenant, id, T0)}
     */
    protected static Endpoint endpoint(TenantId tenant, String id) {
        return endpoint(tenant, id, T0);
    }

    /**
     * An enabled endpoint of that tenant for every type, with one secret, created at that time.
     *
     * @param tenant the tenant the endpoint belongs to
     * @param id the endpoint id; its url is {@code http://127.0.0.1:8080/hooks/<id>} and its one
     *     secret {@code whsec_<id>}, which never expires
     * @param createdAt the endpoint's {@code createdAt} and {@code updatedAt}, and its secret's
     *     {@code createdAt}
     * @return the endpoint, with an empty description, no metadata, not failing and no disabled reason
     */
    protected static Endpoint endpoint(TenantId tenant, String id, Instant createdAt) {
        return new Endpoint(id, tenant, "http://127.0.0.1:8080/hooks/" + id, List.of("*"), "", Map.of(), true,
                List.of(new EndpointSecret("whsec_" + id, createdAt, null)), null, null, createdAt, createdAt);
    }

    /**
     * Stores {@link #endpoint(String)} of {@link #TENANT} for each id in {@link #store}.
     *
     * @param endpointIds the ids of the endpoints to create, none already stored
     */
    protected void givenEndpoints(String... endpointIds) {
        givenEndpoints(TENANT, endpointIds);
    }

    /**
     * Stores {@link #endpoint(TenantId, String)} of that tenant for each id in {@link #store}.
     *
     * @param tenant the tenant the endpoints belong to
     * @param endpointIds the ids of the endpoints to create, none already stored (in any tenant)
     */
    protected void givenEndpoints(TenantId tenant, String... endpointIds) {
        for (String endpointId : endpointIds) {
            store.createEndpoint(endpoint(tenant, endpointId));
        }
    }

    /**
     * A pending delivery to that endpoint, with a fresh id.
     *
     * @param endpointId the endpoint the delivery goes to
     * @return a new {@link DeliveryStatus#PENDING} delivery whose id no other call of this test returned
     */
    protected NewDelivery pendingTo(String endpointId) {
        return new NewDelivery(deliveryId(nextDeliveryNumber.getAndIncrement()), endpointId, DeliveryStatus.PENDING);
    }

    /**
     * A skipped delivery to that endpoint, with a fresh id.
     *
     * @param endpointId the endpoint the delivery goes to
     * @return a new {@link DeliveryStatus#SKIPPED} delivery whose id no other call of this test returned
     */
    protected NewDelivery skippedTo(String endpointId) {
        return new NewDelivery(deliveryId(nextDeliveryNumber.getAndIncrement()), endpointId, DeliveryStatus.SKIPPED);
    }

    /**
     * Appends the event to {@link #store} with a pending delivery to each endpoint (which must exist
     * and belong to the event's tenant).
     *
     * @param event the event to append
     * @param endpointIds the endpoints to deliver it to, each once; may be none
     * @return what the store's {@code append} returned
     */
    protected AppendResult givenEvent(StoredEvent event, String... endpointIds) {
        return store.append(event, Arrays.stream(endpointIds).map(this::pendingTo).toList());
    }

    /**
     * Appends an event of {@link #TENANT} stored at that time with one pending delivery to the
     * endpoint.
     *
     * @param dueAt the event's timestamp and {@code storedAt}, so when the delivery is due
     * @param endpointId the endpoint (which must exist) the delivery goes to
     * @return the id of the new delivery
     */
    protected String givenDeliveryDueAt(Instant dueAt, String endpointId) {
        return givenDeliveryDueAt(TENANT, dueAt, endpointId);
    }

    /**
     * Appends an event of that tenant stored at that time with one pending delivery to the endpoint.
     *
     * @param tenant the tenant of the event and the endpoint
     * @param dueAt the event's timestamp and {@code storedAt}, so when the delivery is due
     * @param endpointId the endpoint (which must exist and be the tenant's) the delivery goes to
     * @return the id of the new delivery
     */
    protected String givenDeliveryDueAt(TenantId tenant, Instant dueAt, String endpointId) {
        String eventId = eventId(nextDeliveryNumber.get() + 1_000_000);
        return givenEvent(event(tenant, eventId, dueAt), endpointId).deliveries().get(0).id();
    }

    /**
     * Appends {@code events} events of {@link #TENANT} with a pending delivery to each endpoint, all
     * due at {@link #T0}.
     *
     * @param events how many events to append, numbered from {@code evt_…01}
     * @param endpointIds the endpoints (which must exist) each event is delivered to
     * @return the ids of the new deliveries, event by event and, within one, in endpoint order
     */
    protected List<String> givenPendingDeliveries(int events, String... endpointIds) {
        return givenPendingDeliveries(TENANT, 1, events, endpointIds);
    }

    /**
     * Appends {@code events} events of that tenant with a pending delivery to each endpoint, all due
     * at {@link #T0}.
     *
     * @param tenant the tenant of the events and the endpoints
     * @param firstEvent the number of the first event's id; the others follow it
     * @param events how many events to append
     * @param endpointIds the endpoints (which must exist and be the tenant's) each event is
     *     delivered to
     * @return the ids of the new deliveries, event by event and, within one, in endpoint order
     */
    protected List<String> givenPendingDeliveries(TenantId tenant, long firstEvent, int events, String... endpointIds) {
        List<String> ids = new ArrayList<>();
        for (long n = firstEvent; n < firstEvent + events; n++) {
            givenEvent(event(tenant, eventId(n), T0), endpointIds).deliveries().forEach(delivery -> ids.add(delivery.id()));
        }
        return ids;
    }

    /**
     * A successful attempt: status 200, 120 ms, response {@code ok}.
     *
     * @param deliveryId the delivery attempted
     * @param number the attempt's number, 1 for the first
     * @param startedAt when the attempt started
     * @return the attempt
     */
    protected static DeliveryAttempt attempt(String deliveryId, int number, Instant startedAt) {
        return new DeliveryAttempt(deliveryId, number, startedAt, Duration.ofMillis(120), 200, null, null, "ok");
    }

    /**
     * An attempt that got no response: connection refused after 3 ms.
     *
     * @param deliveryId the delivery attempted
     * @param number the attempt's number, 1 for the first
     * @param startedAt when the attempt started
     * @return the attempt, with a {@code java.net.ConnectException} error and no status
     */
    protected static DeliveryAttempt refusedAttempt(String deliveryId, int number, Instant startedAt) {
        return new DeliveryAttempt(deliveryId, number, startedAt, Duration.ofMillis(3), null,
                "java.net.ConnectException", "Connection refused", null);
    }

    /**
     * Claims the delivery for {@code owner} at {@code now} with the {@link #LEASE}, failing the test
     * if it cannot.
     *
     * @param deliveryId the delivery to claim
     * @param owner the node that takes the lease, such as {@link #NODE_A}
     * @param now the time of the claim
     * @return the delivery as stored after the claim
     * @throws AssertionError if the store does not grant the claim
     */
    protected Delivery claimed(String deliveryId, String owner, Instant now) {
        return store.claim(deliveryId, now, owner, LEASE)
                .orElseThrow(() -> new AssertionError("could not claim " + deliveryId));
    }

    /**
     * Takes the delivery through a claim by {@link #NODE_A} and a successful attempt at {@code now}.
     *
     * @param deliveryId a pending delivery, due at {@code now} and not leased
     * @param now the time of the claim and the attempt
     * @throws AssertionError if the store refuses the claim or the attempt
     */
    protected void givenDelivered(String deliveryId, Instant now) {
        Delivery delivery = claimed(deliveryId, NODE_A, now);
        assertThat(store.recordAttempt(NODE_A, attempt(deliveryId, delivery.attemptCount() + 1, now),
                DeliveryOutcome.delivered(), now)).isTrue();
    }

    /**
     * Takes the delivery through a claim by {@link #NODE_A} and a final failed attempt at {@code now}.
     *
     * @param deliveryId a pending delivery, due at {@code now} and not leased
     * @param now the time of the claim and the attempt
     * @throws AssertionError if the store refuses the claim or the attempt
     */
    protected void givenFailed(String deliveryId, Instant now) {
        Delivery delivery = claimed(deliveryId, NODE_A, now);
        assertThat(store.recordAttempt(NODE_A, refusedAttempt(deliveryId, delivery.attemptCount() + 1, now),
                DeliveryOutcome.failed(), now)).isTrue();
    }

    /**
     * The delivery of {@link #TENANT} as stored, failing the test if it is not.
     *
     * @param deliveryId the delivery to read
     * @return the delivery as {@link #store} holds it now
     * @throws AssertionError if the store has no such delivery
     */
    protected Delivery stored(String deliveryId) {
        return stored(TENANT, deliveryId);
    }

    /**
     * The delivery of that tenant as stored, failing the test if it is not.
     *
     * @param tenant the tenant of the delivery
     * @param deliveryId the delivery to read
     * @return the delivery as {@link #store} holds it now
     * @throws AssertionError if the store has no such delivery for the tenant
     */
    protected Delivery stored(TenantId tenant, String deliveryId) {
        return store.delivery(tenant, deliveryId)
                .orElseThrow(() -> new AssertionError("no delivery " + deliveryId + " of " + tenant));
    }

    /**
     * Every event of {@link #TENANT} the query finds from its cursor on, following cursors to the
     * last page.
     *
     * @param query the query of the first page; its limit is the page size
     * @return the ids of the events found, in the query's order
     */
    protected List<String> allEventIds(EventQuery query) {
        return allEventIds(TENANT, query);
    }

    /**
     * Every event of that tenant the query finds from its cursor on, following cursors to the last
     * page.
     *
     * @param tenant the tenant whose events to list
     * @param query the query of the first page; its limit is the page size
     * @return the ids of the events found, in the query's order
     */
    protected List<String> allEventIds(TenantId tenant, EventQuery query) {
        return allEvents(tenant, query).stream().map(StoredEvent::id).toList();
    }

    /**
     * Every delivery of {@link #TENANT} the query finds from its cursor on, following cursors to the
     * last page.
     *
     * @param query the query of the first page; its limit is the page size
     * @return the ids of the deliveries found, in the query's order
     */
    protected List<String> allDeliveryIds(DeliveryQuery query) {
        return allDeliveryIds(TENANT, query);
    }

    /**
     * Every delivery of that tenant the query finds from its cursor on, following cursors to the last
     * page.
     *
     * @param tenant the tenant whose deliveries to list
     * @param query the query of the first page; its limit is the page size
     * @return the ids of the deliveries found, in the query's order
     */
    protected List<String> allDeliveryIds(TenantId tenant, DeliveryQuery query) {
        return allDeliveries(tenant, query).stream().map(Delivery::id).toList();
    }

    private List<StoredEvent> allEvents(TenantId tenant, EventQuery query) {
        List<StoredEvent> events = new ArrayList<>();
        String cursor = query.cursor();
        do {
            Page<StoredEvent> page = store.events(tenant, query.withCursor(cursor));
            events.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return events;
    }

    private List<Delivery> allDeliveries(TenantId tenant, DeliveryQuery query) {
        List<Delivery> deliveries = new ArrayList<>();
        String cursor = query.cursor();
        do {
            Page<Delivery> page = store.deliveries(tenant, query.withCursor(cursor));
            deliveries.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return deliveries;
    }

    private static <T> List<String> ids(Page<T> page, Function<T, String> id) {
        return page.items().stream().map(id).toList();
    }

    private static List<String> eventIds(long... numbers) {
        return Arrays.stream(numbers).mapToObj(WebhookStoreContract::eventId).toList();
    }

    private void givenEventsAtSeconds(long... seconds) {
        for (long second : seconds) {
            store.append(event(eventId(second), at(second)), List.of());
        }
    }

    private static Delivery pending(NewDelivery requested, StoredEvent event) {
        return new Delivery(requested.id(), event.tenant(), event.id(), requested.endpointId(), DeliveryStatus.PENDING, 0,
                event.storedAt(), false, null, null, event.storedAt(), event.storedAt());
    }

    private static Delivery leased(Delivery delivery, String owner, Instant expiresAt) {
        return delivery.withLeaseOwner(owner).withLeaseExpiresAt(expiresAt);
    }

    // ==== append =================================================================================

    @Test
    void appendStoresTheEventWithPendingDeliveriesDueWhenItWasStored() {
        givenEndpoints(EP1, EP2);
        StoredEvent event = new StoredEvent(eventId(1), TENANT, "email.opened", at(0), T0.plusMillis(250), body(eventId(1), "email.opened", at(0)));
        NewDelivery first = pendingTo(EP1);
        NewDelivery second = pendingTo(EP2);

        AppendResult result = store.append(event, List.of(first, second));

        assertThat(result).isEqualTo(new AppendResult(true, event, List.of(pending(first, event), pending(second, event))));
        assertThat(store.event(TENANT, event.id())).contains(event);
        assertThat(store.delivery(TENANT, first.id())).contains(pending(first, event));
        assertThat(store.delivery(TENANT, second.id())).contains(pending(second, event));
    }

    @Test
    void appendStoresSkippedDeliveriesWithoutADueTime() {
        givenEndpoints(EP1);
        StoredEvent event = event(eventId(1), at(0));
        NewDelivery skipped = skippedTo(EP1);

        AppendResult result = store.append(event, List.of(skipped));

        Delivery expected = new Delivery(skipped.id(), TENANT, event.id(), EP1, DeliveryStatus.SKIPPED, 0, null, false,
                null, null, event.storedAt(), event.storedAt());
        assertThat(result.deliveries()).containsExactly(expected);
        assertThat(store.delivery(TENANT, skipped.id())).contains(expected);
    }

    @Test
    void appendStoresAnEventWithoutDeliveries() {
        StoredEvent event = event(eventId(1), at(0));

        assertThat(store.append(event, List.of())).isEqualTo(new AppendResult(true, event, List.of()));
        assertThat(store.event(TENANT, event.id())).contains(event);
    }

    @Test
    void appendKeepsTheBodyExactly() {
        StoredEvent event = new StoredEvent(eventId(1), TENANT, "email.opened", at(0), at(0),
                "  {\"name\": \"Zoë 😀\",\n\t\"escaped\": \"\\u00e9\\\\\"}  \r\n");

        store.append(event, List.of());

        assertThat(store.event(TENANT, event.id()).orElseThrow().body()).isEqualTo(event.body());
    }

    @Test
    void reappendingAStoredEventIdWritesNothingAndReturnsWhatIsStored() {
        givenEndpoints(EP1, EP2);
        StoredEvent original = event(eventId(1), at(0));
        AppendResult first = givenEvent(original, EP1);
        StoredEvent again = new StoredEvent(original.id(), TENANT, "email.clicked", at(5), at(5), "{}");
        NewDelivery extra = pendingTo(EP2);

        AppendResult second = store.append(again, List.of(extra));

        assertThat(second).isEqualTo(new AppendResult(false, original, first.deliveries()));
        assertThat(store.event(TENANT, original.id())).contains(original);
        assertThat(store.delivery(TENANT, extra.id())).isEmpty();
        assertThat(allDeliveryIds(DeliveryQuery.all())).containsExactly(first.deliveries().get(0).id());
    }

    @Test
    void reappendingReturnsTheDeliveriesAsTheyStandNow() {
        givenEndpoints(EP1);
        StoredEvent event = event(eventId(1), at(0));
        String deliveryId = givenEvent(event, EP1).deliveries().get(0).id();
        givenDelivered(deliveryId, at(1));

        AppendResult again = store.append(event, List.of(pendingTo(EP1)));

        assertThat(again.created()).isFalse();
        assertThat(again.deliveries()).containsExactly(stored(deliveryId));
        assertThat(again.deliveries().get(0).status()).isEqualTo(DeliveryStatus.DELIVERED);
    }

    @Test
    void concurrentAppendsOfOneEventIdCreateItOnce() throws Exception {
        givenEndpoints(EP1, EP2);
        StoredEvent event = event(eventId(1), at(0));
        List<WebhookStore> instances = List.of(store, sameDataStore(store));
        AtomicInteger thread = new AtomicInteger();

        List<AppendResult> results = runConcurrently(8, () -> {
            WebhookStore instance = instances.get(thread.getAndIncrement() % 2);
            return instance.append(event, List.of(pendingTo(EP1), pendingTo(EP2)));
        });

        List<AppendResult> created = results.stream().filter(AppendResult::created).toList();
        assertThat(created).hasSize(1);
        assertThat(results).allSatisfy(result -> {
            assertThat(result.event()).isEqualTo(event);
            assertThat(result.deliveries()).containsExactlyInAnyOrderElementsOf(created.get(0).deliveries());
        });
        assertThat(allDeliveryIds(DeliveryQuery.all())).hasSize(2);
    }

    @Test
    void anAppendThatFailsStoresNothing() {
        givenEndpoints(EP1, EP2);
        NewDelivery taken = givenEvent(event(eventId(1), at(0)), EP1).deliveries().stream()
                .map(delivery -> new NewDelivery(delivery.id(), EP1, DeliveryStatus.PENDING)).findFirst().orElseThrow();
        NewDelivery fresh = pendingTo(EP2);

        assertThatThrownBy(() -> store.append(event(eventId(2), at(1)), List.of(fresh, taken)))
                .isInstanceOf(StoreException.class);

        assertThat(store.event(TENANT, eventId(2))).isEmpty();
        assertThat(store.delivery(TENANT, fresh.id())).isEmpty();
        assertThat(stored(taken.id()).eventId()).isEqualTo(eventId(1));
    }

    @Test
    void appendRejectsTwoDeliveriesToOneEndpoint() {
        givenEndpoints(EP1);

        assertThatThrownBy(() -> store.append(event(eventId(1), at(0)), List.of(pendingTo(EP1), pendingTo(EP1))))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(store.event(TENANT, eventId(1))).isEmpty();
    }

    @Test
    void eventIsEmptyForAnUnknownId() {
        assertThat(store.event(TENANT, eventId(404))).isEmpty();
    }

    // ==== event queries ==========================================================================

    @Test
    void eventsListsARangeOldestFirstFromInclusiveToExclusive() {
        givenEventsAtSeconds(0, 10, 20, 30);

        Page<StoredEvent> page = store.events(TENANT, EventQuery.between(at(10), at(30)));

        assertThat(page.items()).containsExactly(event(eventId(10), at(10)), event(eventId(20), at(20)));
        assertThat(page.nextCursor()).isNull();
    }

    @Test
    void eventsListsNewestFirstWhenAsked() {
        givenEventsAtSeconds(0, 10, 20, 30);

        Page<StoredEvent> page = store.events(TENANT, EventQuery.between(at(0), at(30)).withOrder(SortOrder.NEWEST_FIRST));

        assertThat(ids(page, StoredEvent::id)).isEqualTo(eventIds(20, 10, 0));
    }

    @Test
    void eventsWithEqualTimestampsAreOrderedById() {
        for (long number : new long[] {3, 1, 2}) {
            store.append(event(eventId(number), at(5)), List.of());
        }
        EventQuery query = EventQuery.between(at(0), at(10));

        assertThat(ids(store.events(TENANT, query), StoredEvent::id)).isEqualTo(eventIds(1, 2, 3));
        assertThat(ids(store.events(TENANT, query.withOrder(SortOrder.NEWEST_FIRST)), StoredEvent::id)).isEqualTo(eventIds(3, 2, 1));
    }

    @Test
    void eventsFiltersByType() {
        store.append(event(eventId(1), "email.opened", at(1)), List.of());
        store.append(event(eventId(2), "email.clicked", at(2)), List.of());
        store.append(event(eventId(3), "campaign.sent", at(3)), List.of());

        Page<StoredEvent> page = store.events(TENANT, EventQuery.between(at(0), at(10)).withTypes(Set.of("email.opened", "campaign.sent")));

        assertThat(ids(page, StoredEvent::id)).isEqualTo(eventIds(1, 3));
    }

    @Test
    void eventsFiltersByEndpoint() {
        givenEndpoints(EP1, EP2);
        givenEvent(event(eventId(1), at(1)), EP1);
        givenEvent(event(eventId(2), at(2)), EP2);
        givenEvent(event(eventId(3), at(3)), EP1, EP2);
        store.append(event(eventId(4), at(4)), List.of());

        Page<StoredEvent> page = store.events(TENANT, EventQuery.between(at(0), at(10)).withEndpoint(EP1));

        assertThat(ids(page, StoredEvent::id)).isEqualTo(eventIds(1, 3));
    }

    @Test
    void eventsFiltersByDeliveryStatus() {
        givenEndpoints(EP1, EP2);
        givenEvent(event(eventId(1), at(1)), EP1);
        store.append(event(eventId(2), at(2)), List.of(skippedTo(EP1)));
        givenDelivered(givenEvent(event(eventId(3), at(3)), EP1).deliveries().get(0).id(), at(4));
        givenFailed(givenEvent(event(eventId(4), at(4)), EP2).deliveries().get(0).id(), at(5));

        Page<StoredEvent> page = store.events(TENANT, EventQuery.between(at(0), at(10))
                .withDeliveryStatuses(Set.of(DeliveryStatus.SKIPPED, DeliveryStatus.FAILED)));

        assertThat(ids(page, StoredEvent::id)).isEqualTo(eventIds(2, 4));
    }

    @Test
    void eventsFiltersByTheDeliveryStatusOfTheGivenEndpointOnly() {
        givenEndpoints(EP1, EP2);
        store.append(event(eventId(1), at(1)), List.of(pendingTo(EP1), skippedTo(EP2)));
        store.append(event(eventId(2), at(2)), List.of(skippedTo(EP1), pendingTo(EP2)));

        Page<StoredEvent> page = store.events(TENANT, EventQuery.between(at(0), at(10))
                .withEndpoint(EP1).withDeliveryStatuses(Set.of(DeliveryStatus.SKIPPED)));

        assertThat(ids(page, StoredEvent::id)).isEqualTo(eventIds(2));
    }

    @Test
    void eventsArePagedWithCursorsAndTheLastPageHasNone() {
        givenEventsAtSeconds(1, 2, 3, 4, 5, 6, 7);
        EventQuery query = EventQuery.between(at(0), at(10)).withLimit(3);

        Page<StoredEvent> first = store.events(TENANT, query);
        Page<StoredEvent> second = store.events(TENANT, query.withCursor(first.nextCursor()));
        Page<StoredEvent> third = store.events(TENANT, query.withCursor(second.nextCursor()));

        assertThat(ids(first, StoredEvent::id)).isEqualTo(eventIds(1, 2, 3));
        assertThat(ids(second, StoredEvent::id)).isEqualTo(eventIds(4, 5, 6));
        assertThat(ids(third, StoredEvent::id)).isEqualTo(eventIds(7));
        assertThat(third.nextCursor()).isNull();
        assertThat(store.events(TENANT, query.withLimit(7)).nextCursor()).isNull();
        assertThat(allEventIds(query.withOrder(SortOrder.NEWEST_FIRST))).isEqualTo(eventIds(7, 6, 5, 4, 3, 2, 1));
    }

    @Test
    void eventsArePagedWithCursorsUnderFilters() {
        givenEndpoints(EP1, EP2);
        for (int n = 1; n <= 9; n++) {
            givenEvent(event(eventId(n), n % 2 == 0 ? "email.clicked" : "email.opened", at(n)), n % 3 == 0 ? EP2 : EP1);
        }
        EventQuery query = EventQuery.between(at(0), at(10)).withTypes(Set.of("email.opened")).withEndpoint(EP1).withLimit(2);

        assertThat(allEventIds(query)).isEqualTo(eventIds(1, 5, 7));
        assertThat(allEventIds(query.withOrder(SortOrder.NEWEST_FIRST))).isEqualTo(eventIds(7, 5, 1));
    }

    @Test
    void pagingOldestFirstNeitherSkipsNorRepeatsWhileEventsArrive() {
        givenEventsAtSeconds(10, 20, 30, 40, 50, 60, 70, 80, 90, 100);
        EventQuery query = EventQuery.between(at(0), at(1000)).withLimit(4);

        Page<StoredEvent> first = store.events(TENANT, query);
        givenEventsAtSeconds(5, 75);
        store.append(event(eventId(41), at(40)), List.of()); // same time as the cursor, after it
        store.append(event(eventId(39), at(40)), List.of()); // same time as the cursor, before it
        Page<StoredEvent> second = store.events(TENANT, query.withCursor(first.nextCursor()));
        givenEventsAtSeconds(95);
        List<String> rest = allEventIds(query.withCursor(second.nextCursor()));

        List<String> seen = new ArrayList<>(ids(first, StoredEvent::id));
        seen.addAll(ids(second, StoredEvent::id));
        seen.addAll(rest);
        assertThat(seen).isEqualTo(eventIds(10, 20, 30, 40, 41, 50, 60, 70, 75, 80, 90, 95, 100));
    }

    @Test
    void pagingNewestFirstNeitherSkipsNorRepeatsWhileEventsArrive() {
        givenEventsAtSeconds(10, 20, 30, 40, 50, 60, 70, 80, 90, 100);
        EventQuery query = EventQuery.between(at(0), at(1000)).withOrder(SortOrder.NEWEST_FIRST).withLimit(4);

        Page<StoredEvent> first = store.events(TENANT, query);
        givenEventsAtSeconds(500, 35);
        store.append(event(eventId(69), at(70)), List.of()); // same time as the cursor, after it
        store.append(event(eventId(71), at(70)), List.of()); // same time as the cursor, before it
        Page<StoredEvent> second = store.events(TENANT, query.withCursor(first.nextCursor()));
        givenEventsAtSeconds(15);
        List<String> rest = allEventIds(query.withCursor(second.nextCursor()));

        List<String> seen = new ArrayList<>(ids(first, StoredEvent::id));
        seen.addAll(ids(second, StoredEvent::id));
        seen.addAll(rest);
        assertThat(seen).isEqualTo(eventIds(100, 90, 80, 70, 69, 60, 50, 40, 35, 30, 20, 15, 10));
    }

    @Test
    void eventsRejectsAMalformedCursor() {
        givenEventsAtSeconds(1);

        assertThatThrownBy(() -> store.events(TENANT, EventQuery.between(at(0), at(10)).withCursor("not a cursor")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ==== endpoints ==============================================================================

    @Test
    void createEndpointStoresItAsGiven() {
        Endpoint endpoint = new Endpoint(EP1, TENANT, "https://hooks.example.com/migomail", List.of("email.*", "campaign.sent"),
                "CRM sync", Map.of("team", "crm", "tier", "gold"), false,
                List.of(new EndpointSecret("whsec_old", at(0), at(100)), new EndpointSecret("whsec_new", at(50), null)),
                at(60), "410 Gone", at(0), at(70), 4);

        assertThat(store.createEndpoint(endpoint)).isEqualTo(endpoint);
        assertThat(store.endpoint(TENANT, EP1)).contains(endpoint);
    }

    @Test
    void createEndpointRejectsAnIdThatExists() {
        givenEndpoints(EP1);
        Endpoint other = new Endpoint(EP1, TENANT, "http://127.0.0.1:9/other", List.of("*"), "other", Map.of(), true,
                List.of(), null, null, at(5), at(5));

        assertThatThrownBy(() -> store.createEndpoint(other)).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.endpoint(TENANT, EP1)).contains(endpoint(EP1));
    }

    @Test
    void endpointIsEmptyForAnUnknownId() {
        assertThat(store.endpoint(TENANT, EP1)).isEmpty();
    }

    @Test
    void endpointsAreListedOldestCreatedFirst() {
        store.createEndpoint(endpoint(EP3, at(20)));
        store.createEndpoint(endpoint(EP2, at(10)));
        store.createEndpoint(endpoint(EP1, at(20)));

        assertThat(store.endpoints(TENANT)).containsExactly(endpoint(EP2, at(10)), endpoint(EP1, at(20)), endpoint(EP3, at(20)));
    }

    @Test
    void updateEndpointReplacesItsSettingsButKeepsSecretsHealthAndCreation() {
        Endpoint original = store.createEndpoint(endpoint(EP1));
        long read = store.recordEndpointHealth(TENANT, EP1, false, at(5)).version();
        Endpoint changes = new Endpoint(EP1, TENANT, "https://hooks.example.com/v2", List.of("email.bounced"), "v2",
                Map.of("team", "ops"), false, List.of(), null, "disabled by user", at(99), at(50), read);

        Endpoint updated = store.updateEndpoint(changes);

        Endpoint expected = new Endpoint(EP1, TENANT, "https://hooks.example.com/v2", List.of("email.bounced"), "v2",
                Map.of("team", "ops"), false, original.secrets(), at(5), "disabled by user", original.createdAt(), at(50),
                read + 1);
        assertThat(updated).isEqualTo(expected);
        assertThat(store.endpoint(TENANT, EP1)).contains(expected);
    }

    @Test
    void updateEndpointOfAnUnknownIdThrowsNotFound() {
        assertThatThrownBy(() -> store.updateEndpoint(endpoint(EP1)))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.id()).isEqualTo(EP1));
    }

    @Test
    void everyWriteOfAnEndpointAddsOneToItsVersionAndAWriteThatChangesNothingNone() {
        assertThat(store.createEndpoint(endpoint(EP1)).version()).isZero();

        assertThat(store.updateEndpoint(endpoint(EP1).withDescription("v1")).version()).isEqualTo(1);
        assertThat(store.rotateSecret(TENANT, EP1, new EndpointSecret("whsec_fresh", at(1), null), at(100), at(1))
                .version()).isEqualTo(2);
        assertThat(store.recordEndpointHealth(TENANT, EP1, false, at(2)).version()).isEqualTo(3);
        assertThat(store.recordEndpointHealth(TENANT, EP1, false, at(3)).version()).as("still failing").isEqualTo(3);
        assertThat(store.recordEndpointHealth(TENANT, EP1, true, at(4)).version()).isEqualTo(4);
        assertThat(store.recordEndpointHealth(TENANT, EP1, true, at(5)).version()).as("still healthy").isEqualTo(4);
        assertThat(store.endpoint(TENANT, EP1).orElseThrow().version()).isEqualTo(4);
    }

    @Test
    void updateEndpointFromAVersionThatIsNoLongerStoredIsRefusedAndWritesNothing() {
        Endpoint read = store.createEndpoint(endpoint(EP1));
        Endpoint disabled = store.updateEndpoint(read.withEnabled(false).withDisabledReason("abuse"));

        assertThatThrownBy(() -> store.updateEndpoint(read.withUrl("https://hooks.example.com/v2")))
                .isInstanceOfSatisfying(EndpointVersionConflictException.class, e -> {
                    assertThat(e.endpointId()).isEqualTo(EP1);
                    assertThat(e.expectedVersion()).isZero();
                    assertThat(e.storedVersion()).isEqualTo(1);
                })
                .isInstanceOf(StoreException.class);
        assertThat(store.endpoint(TENANT, EP1)).contains(disabled);
    }

    @Test
    void updateEndpointFromAVersionBeforeARotationOrAHealthChangeIsRefused() {
        Endpoint read = store.createEndpoint(endpoint(EP1));
        Endpoint rotated = store.rotateSecret(TENANT, EP1, new EndpointSecret("whsec_fresh", at(1), null), at(100), at(1));

        assertThatThrownBy(() -> store.updateEndpoint(read.withDescription("stale")))
                .isInstanceOf(EndpointVersionConflictException.class);
        assertThat(store.endpoint(TENANT, EP1)).contains(rotated);

        Endpoint failing = store.recordEndpointHealth(TENANT, EP1, false, at(2));
        assertThatThrownBy(() -> store.updateEndpoint(rotated.withDescription("stale")))
                .isInstanceOf(EndpointVersionConflictException.class);
        assertThat(store.endpoint(TENANT, EP1)).contains(failing);
    }

    @Test
    void updateEndpointFromAVersionNotYetStoredIsRefused() {
        Endpoint read = store.createEndpoint(endpoint(EP1));

        assertThatThrownBy(() -> store.updateEndpoint(read.withVersion(1).withDescription("ahead")))
                .isInstanceOfSatisfying(EndpointVersionConflictException.class,
                        e -> assertThat(e.storedVersion()).isZero());
        assertThat(store.endpoint(TENANT, EP1)).contains(read);
    }

    @Test
    void anUnknownIdIsNotFoundBeforeItsVersionIsCompared() {
        givenEndpoints(EP1);

        assertThatThrownBy(() -> store.updateEndpoint(endpoint(EP2).withVersion(9)))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.id()).isEqualTo(EP2));
    }

    @Test
    void ofTwoUpdatesFromOneVersionExactlyOneApplies() {
        Endpoint read = store.createEndpoint(endpoint(EP1));

        Endpoint first = store.updateEndpoint(read.withDescription("first"));
        Throwable second = catchThrowable(() -> store.updateEndpoint(read.withMetadata(Map.of("second", "yes"))));

        assertThat(second).isInstanceOf(EndpointVersionConflictException.class);
        assertThat(store.endpoint(TENANT, EP1)).contains(first);
        assertThat(first.description()).isEqualTo("first");
        assertThat(first.metadata()).isEmpty();
    }

    @Test
    void rotateSecretAddsTheNewSecretAndCapsTheOthersAtTheOldExpiry() {
        EndpointSecret open = new EndpointSecret("whsec_open", at(0), null);
        EndpointSecret later = new EndpointSecret("whsec_later", at(1), at(500));
        EndpointSecret sooner = new EndpointSecret("whsec_sooner", at(2), at(100));
        store.createEndpoint(withSecrets(endpoint(EP1), open, later, sooner));
        EndpointSecret fresh = new EndpointSecret("whsec_fresh", at(50), null);

        Endpoint rotated = store.rotateSecret(TENANT, EP1, fresh, at(200), at(50));

        assertThat(rotated.secrets()).containsExactly(new EndpointSecret("whsec_open", at(0), at(200)),
                new EndpointSecret("whsec_later", at(1), at(200)), sooner, fresh);
        assertThat(rotated.updatedAt()).isEqualTo(at(50));
        assertThat(rotated.activeSecrets(at(150))).extracting(EndpointSecret::key)
                .containsExactly("whsec_open", "whsec_later", "whsec_fresh");
        assertThat(rotated.activeSecrets(at(200))).containsExactly(fresh);
        assertThat(store.endpoint(TENANT, EP1)).contains(rotated);
    }

    @Test
    void rotateSecretRemovesSecretsExpiredBeforeNow() {
        EndpointSecret expired = new EndpointSecret("whsec_expired", at(0), at(30));
        EndpointSecret current = new EndpointSecret("whsec_current", at(10), null);
        store.createEndpoint(withSecrets(endpoint(EP1), expired, current));
        EndpointSecret fresh = new EndpointSecret("whsec_fresh", at(50), null);

        Endpoint rotated = store.rotateSecret(TENANT, EP1, fresh, at(50), at(50));

        assertThat(rotated.secrets()).containsExactly(fresh);
    }

    @Test
    void rotateSecretOfAnUnknownEndpointThrowsNotFound() {
        assertThatThrownBy(() -> store.rotateSecret(TENANT, EP1, new EndpointSecret("whsec_x", at(0), null), at(10), at(0)))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.id()).isEqualTo(EP1));
    }

    @Test
    void aFailureMarksTheEndpointFailingSinceTheFirstOne() {
        givenEndpoints(EP1);

        store.recordEndpointHealth(TENANT, EP1, false, at(10));
        Endpoint afterSecond = store.recordEndpointHealth(TENANT, EP1, false, at(20));

        assertThat(afterSecond.failingSince()).isEqualTo(at(10));
        assertThat(afterSecond.updatedAt()).isEqualTo(T0);
        assertThat(store.endpoint(TENANT, EP1)).contains(afterSecond);
    }

    @Test
    void aSuccessClearsFailingSince() {
        givenEndpoints(EP1);
        store.recordEndpointHealth(TENANT, EP1, false, at(10));

        Endpoint healthy = store.recordEndpointHealth(TENANT, EP1, true, at(20));

        assertThat(healthy).isEqualTo(endpoint(EP1).withVersion(2));
        assertThat(store.endpoint(TENANT, EP1)).contains(endpoint(EP1).withVersion(2));
    }

    @Test
    void recordEndpointHealthOfAnUnknownEndpointThrowsNotFound() {
        assertThatThrownBy(() -> store.recordEndpointHealth(TENANT, EP1, true, at(0)))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.id()).isEqualTo(EP1));
    }

    @Test
    void concurrentWritersOfOneEndpointOnTwoInstancesLoseNoUpdate() throws Exception {
        store.createEndpoint(endpoint(EP1));
        List<WebhookStore> instances = List.of(store, sameDataStore(store));
        int writes = 10;
        List<Callable<Void>> writers = new ArrayList<>();
        List<String> metadataKeys = new ArrayList<>();
        List<String> secretKeys = new ArrayList<>(List.of("whsec_" + EP1));
        for (int writer = 0; writer < 6; writer++) {
            WebhookStore instance = instances.get(writer % 2);
            String name = "writer-" + writer;
            LongStream.range(0, writes).forEach(i -> metadataKeys.add(name + "-" + i));
            writers.add(() -> addMetadata(instance, name, writes));
        }
        for (int rotator = 0; rotator < 2; rotator++) {
            WebhookStore instance = instances.get(rotator % 2);
            String name = "whsec_rotator-" + rotator;
            LongStream.range(0, writes).forEach(i -> secretKeys.add(name + "-" + i));
            writers.add(() -> rotate(instance, name, writes));
        }
        writers.add(() -> flipHealth(instances.get(1), writes));

        runConcurrently(writers);

        Endpoint stored = store.endpoint(TENANT, EP1).orElseThrow();
        assertThat(stored.metadata().keySet()).containsExactlyInAnyOrderElementsOf(metadataKeys);
        assertThat(stored.secrets()).extracting(EndpointSecret::key).containsExactlyInAnyOrderElementsOf(secretKeys);
        assertThat(stored.failingSince()).isNull();
        assertThat(stored.version()).as("one version per write").isEqualTo(6 * writes + 2 * writes + 2 * writes);
    }

    /** Adds metadata entries one conditional update at a time, reading again after each conflict. */
    private static Void addMetadata(WebhookStore instance, String writer, int count) {
        int conflicts = 0;
        for (int i = 0; i < count; i++) {
            while (true) {
                Endpoint read = instance.endpoint(TENANT, EP1).orElseThrow();
                Map<String, String> metadata = new LinkedHashMap<>(read.metadata());
                metadata.put(writer + "-" + i, "written");
                try {
                    instance.updateEndpoint(read.withMetadata(metadata));
                    break;
                } catch (EndpointVersionConflictException e) {
                    // Bounded only so that a broken store fails the test instead of hanging it.
                    assertThat(++conflicts).as("conflicts of " + writer).isLessThan(100_000);
                }
            }
        }
        return null;
    }

    private static Void rotate(WebhookStore instance, String keyPrefix, int count) {
        for (int i = 0; i < count; i++) {
            instance.rotateSecret(TENANT, EP1, new EndpointSecret(keyPrefix + "-" + i, at(1), null), at(1000), at(1));
        }
        return null;
    }

    /** A failure then a success, {@code count} times: two changes of health each. */
    private static Void flipHealth(WebhookStore instance, int count) {
        for (int i = 0; i < count; i++) {
            instance.recordEndpointHealth(TENANT, EP1, false, at(2 + i));
            instance.recordEndpointHealth(TENANT, EP1, true, at(2 + i));
        }
        return null;
    }

    private static Endpoint withSecrets(Endpoint endpoint, EndpointSecret... secrets) {
        return endpoint.withSecrets(List.of(secrets));
    }

    // ==== claiming ===============================================================================

    @Test
    void claimDueClaimsTheEarliestDueFirstUpToTheLimit() {
        givenEndpoints(EP1);
        String due30 = givenDeliveryDueAt(at(30), EP1);
        String due10 = givenDeliveryDueAt(at(10), EP1);
        String due20 = givenDeliveryDueAt(at(20), EP1);
        String due40 = givenDeliveryDueAt(at(40), EP1);

        List<Delivery> claimed = store.claimDue(at(50), 3, NODE_A, LEASE, Set.of());

        assertThat(claimed).extracting(Delivery::id).containsExactly(due10, due20, due30);
        assertThat(claimed.get(0)).isEqualTo(leased(pendingAsAppended(due10), NODE_A, at(50).plus(LEASE)));
        assertThat(store.delivery(TENANT, due10)).contains(claimed.get(0));
        assertThat(stored(due40).leaseOwner()).isNull();
    }

    @Test
    void claimDueLeavesDeliveriesThatAreNotDueYet() {
        givenEndpoints(EP1);
        String early = givenDeliveryDueAt(at(10), EP1);
        String exactlyNow = givenDeliveryDueAt(at(50), EP1);
        givenDeliveryDueAt(at(51), EP1);

        assertThat(store.claimDue(at(50), 10, NODE_A, LEASE, Set.of())).extracting(Delivery::id)
                .containsExactly(early, exactlyNow);
    }

    @Test
    void claimDueLeavesDeliveriesUnderAnUnexpiredLease() {
        givenEndpoints(EP1);
        givenDeliveryDueAt(at(1), EP1);
        givenDeliveryDueAt(at(2), EP1);
        String third = givenDeliveryDueAt(at(3), EP1);
        store.claimDue(at(10), 2, NODE_A, LEASE, Set.of());

        assertThat(store.claimDue(at(20), 10, NODE_B, LEASE, Set.of())).extracting(Delivery::id).containsExactly(third);
        assertThat(store.claimDue(at(20), 10, NODE_A, LEASE, Set.of())).isEmpty();
    }

    @Test
    void claimDueLeavesExcludedEndpoints() {
        givenEndpoints(EP1, EP2, EP3);
        givenDeliveryDueAt(at(10), EP1);
        String forEp2 = givenDeliveryDueAt(at(15), EP2);
        givenDeliveryDueAt(at(20), EP1);
        givenDeliveryDueAt(at(25), EP3);

        assertThat(store.claimDue(at(50), 10, NODE_A, LEASE, Set.of(EP1, EP3))).extracting(Delivery::id)
                .containsExactly(forEp2);
    }

    @Test
    void countDisabledEndpointsCountsTheDisabledEndpointsOfEveryTenant() {
        givenEndpoints(EP1, EP2, EP3);
        givenEndpoints(OTHER_TENANT, OTHER_EP1);
        assertThat(store.countDisabledEndpoints()).isZero();

        store.updateEndpoint(store.endpoint(TENANT, EP1).orElseThrow().withEnabled(false).withDisabledReason("abuse"));
        store.updateEndpoint(store.endpoint(OTHER_TENANT, OTHER_EP1).orElseThrow().withEnabled(false)
                .withDisabledReason("410 Gone"));
        assertThat(store.countDisabledEndpoints()).isEqualTo(2);

        store.updateEndpoint(store.endpoint(TENANT, EP1).orElseThrow().withEnabled(true).withDisabledReason(null));
        assertThat(store.countDisabledEndpoints()).isEqualTo(1);
    }

    @Test
    void countDueCountsPendingDeliveriesDueAtOrBeforeNowOfEveryTenantAndEndpoint() {
        givenEndpoints(EP1, EP2);
        givenEndpoints(OTHER_TENANT, OTHER_EP1);
        givenDeliveryDueAt(at(10), EP1);
        givenDeliveryDueAt(at(50), EP2);
        givenDeliveryDueAt(at(51), EP1);
        givenDeliveryDueAt(OTHER_TENANT, at(20), OTHER_EP1);

        assertThat(store.countDue(at(9))).isZero();
        assertThat(store.countDue(at(50))).isEqualTo(3);
        assertThat(store.countDue(at(51))).isEqualTo(4);
    }

    @Test
    void countDueCountsLeasedDeliveriesButNoFinishedOrSkippedOne() {
        givenEndpoints(EP1, EP2);
        String leased = givenDeliveryDueAt(at(1), EP1);
        givenDelivered(givenDeliveryDueAt(at(2), EP1), at(10));
        givenFailed(givenDeliveryDueAt(at(3), EP2), at(10));
        String retried = givenDeliveryDueAt(at(4), EP2);
        store.append(event(eventId(2), at(5)), List.of(skippedTo(EP1)));
        claimed(leased, NODE_A, at(10));
        Delivery claimedRetry = claimed(retried, NODE_B, at(10));
        store.recordAttempt(NODE_B, refusedAttempt(retried, claimedRetry.attemptCount() + 1, at(10)),
                DeliveryOutcome.retryAt(at(100)), at(10));

        assertThat(store.countDue(at(50))).isEqualTo(1);
        assertThat(store.countDue(at(100))).isEqualTo(2);
    }

    @Test
    void countDueKeepsCountingADeliveryWhoseLeaseExpiredOrWasGivenBack() {
        givenEndpoints(EP1);
        String expired = givenDeliveryDueAt(at(1), EP1);
        String released = givenDeliveryDueAt(at(2), EP1);
        claimed(expired, NODE_A, at(10));
        claimed(released, NODE_A, at(10));
        store.release(released, NODE_A);
        store.claimDue(at(10).plus(LEASE), 1, NODE_B, LEASE, Set.of());

        assertThat(store.countDue(at(10).plus(LEASE))).isEqualTo(2);
    }

    @Test
    void countDueIsZeroForAStoreWithoutDeliveriesAndRejectsANullTime() {
        assertThat(store.countDue(T0)).isZero();
        assertThatThrownBy(() -> store.countDue(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("now cannot be null");
    }

    @Test
    void claimDueNeverClaimsFinishedDeliveries() {
        givenEndpoints(EP1, EP2);
        givenDelivered(givenDeliveryDueAt(at(1), EP1), at(1));
        givenFailed(givenDeliveryDueAt(at(2), EP1), at(2));
        store.append(event(eventId(3), at(3)), List.of(skippedTo(EP1)));
        String cancelled = givenDeliveryDueAt(at(4), EP2);
        claimed(cancelled, NODE_A, at(4));
        store.resolve(cancelled, NODE_A, DeliveryOutcome.cancelled(), at(4));

        assertThat(store.claimDue(at(1000), 10, NODE_B, LEASE, Set.of())).isEmpty();
    }

    @Test
    void claimDueWithLimitZeroClaimsNothing() {
        givenEndpoints(EP1);
        String deliveryId = givenDeliveryDueAt(at(1), EP1);

        assertThat(store.claimDue(at(10), 0, NODE_A, LEASE, Set.of())).isEmpty();
        assertThat(stored(deliveryId).leaseOwner()).isNull();
    }

    @Test
    void claimDueRejectsANegativeLimitOrANonPositiveLease() {
        assertThatThrownBy(() -> store.claimDue(at(0), -1, NODE_A, LEASE, Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.claimDue(at(0), 1, NODE_A, Duration.ZERO, Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anExpiredLeaseCanBeClaimedAgain() {
        givenEndpoints(EP1);
        String deliveryId = givenDeliveryDueAt(at(0), EP1);
        store.claimDue(at(0), 1, NODE_A, LEASE, Set.of());

        assertThat(store.claimDue(at(0).plus(LEASE).minusMillis(1), 1, NODE_B, LEASE, Set.of())).isEmpty();
        List<Delivery> reclaimed = store.claimDue(at(0).plus(LEASE), 1, NODE_B, LEASE, Set.of());

        assertThat(reclaimed).containsExactly(leased(pendingAsAppended(deliveryId), NODE_B, at(0).plus(LEASE).plus(LEASE)));
    }

    @Test
    void anExpiredLeaseCanBeClaimedAgainThroughAnotherInstance() {
        givenEndpoints(EP1);
        String deliveryId = givenDeliveryDueAt(at(0), EP1);
        WebhookStore other = sameDataStore(store);
        claimed(deliveryId, NODE_A, at(0));

        assertThat(other.claim(deliveryId, at(29), NODE_B, LEASE)).isEmpty();
        assertThat(other.claimDue(at(30), 1, NODE_B, LEASE, Set.of())).extracting(Delivery::leaseOwner).containsExactly(NODE_B);
        assertThat(store.recordAttempt(NODE_A, attempt(deliveryId, 1, at(1)), DeliveryOutcome.delivered(), at(29))).isFalse();
        assertThat(stored(deliveryId).leaseOwner()).isEqualTo(NODE_B);
    }

    @Test
    void whetherALeaseHasExpiredIsJudgedAtTheCallersTime() {
        givenEndpoints(EP1);
        String deliveryId = givenDeliveryDueAt(at(0), EP1);
        Delivery claimed = claimed(deliveryId, NODE_A, at(0));

        // A node whose clock runs ahead looks (but its endpoint is busy), then one whose clock lags.
        assertThat(store.claimDue(at(40), 10, NODE_B, LEASE, Set.of(EP1))).isEmpty();
        assertThat(store.claimDue(at(10), 10, "node-c", LEASE, Set.of())).isEmpty();

        assertThat(stored(deliveryId)).isEqualTo(claimed);
        assertThat(store.recordAttempt(NODE_A, attempt(deliveryId, 1, at(1)), DeliveryOutcome.delivered(), at(20))).isTrue();
    }

    @Test
    void claimTakesOneDueDelivery() {
        givenEndpoints(EP1);
        String deliveryId = givenDeliveryDueAt(at(5), EP1);

        assertThat(store.claim(deliveryId, at(4), NODE_A, LEASE)).isEmpty();
        Delivery claimed = store.claim(deliveryId, at(5), NODE_A, LEASE).orElseThrow();

        assertThat(claimed).isEqualTo(leased(pendingAsAppended(deliveryId), NODE_A, at(5).plus(LEASE)));
        assertThat(store.delivery(TENANT, deliveryId)).contains(claimed);
        assertThat(store.claim(deliveryId, at(6), NODE_B, LEASE)).isEmpty();
        assertThat(store.claim(deliveryId, at(35), NODE_B, LEASE)).map(Delivery::leaseOwner).contains(NODE_B);
    }

    @Test
    void claimRefusesUnknownAndFinishedDeliveries() {
        givenEndpoints(EP1);
        String deliveryId = givenDeliveryDueAt(at(0), EP1);
        givenDelivered(deliveryId, at(1));

        assertThat(store.claim(deliveryId, at(100), NODE_B, LEASE)).isEmpty();
        assertThat(store.claim(deliveryId(404), at(100), NODE_B, LEASE)).isEmpty();
    }

    private Delivery pendingAsAppended(String deliveryId) {
        Delivery delivery = stored(deliveryId);
        return new Delivery(delivery.id(), TENANT, delivery.eventId(), delivery.endpointId(), DeliveryStatus.PENDING, 0,
                delivery.createdAt(), false, null, null, delivery.createdAt(), delivery.createdAt());
    }

    // ==== recording outcomes =====================================================================

    @Test
    void recordAttemptByTheLeaseHolderStoresTheAttemptAndTheOutcome() {
        givenEndpoints(EP1);
        String deliveryId = givenDeliveryDueAt(at(0), EP1);
        Delivery claimed = claimed(deliveryId, NODE_A, at(0));
        DeliveryAttempt attempt = attempt(deliveryId, 1, at(1));

        assertThat(store.recordAttempt(NODE_A, attempt, DeliveryOutcome.delivered(), at(2))).isTrue();

        assertThat(stored(deliveryId)).isEqualTo(new Delivery(deliveryId, TENANT, claimed.eventId(), EP1,
                DeliveryStatus.DELIVERED, 1, null, false, null, null, claimed.createdAt(), at(2)));
        assertThat(store.attempts(TENANT, deliveryId)).containsExactly(attempt);
    }

    @Test
    void recordAttemptWithARetryMakesTheDeliveryDueAgainThen() {
        givenEndpoints(EP1);
        String deliveryId = givenDeliveryDueAt(at(0), EP1);
        claimed(deliveryId, NODE_A, at(0));

        assertThat(store.recordAttempt(NODE_A, refusedAttempt(deliveryId, 1, at(1)), DeliveryOutcome.retryAt(at(60)), at(1))).isTrue();

        Delivery retrying = stored(deliveryId);
        assertThat(retrying.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(retrying.attemptCount()).isEqualTo(1);
        assertThat(retrying.nextAttemptAt()).isEqualTo(at(60));
        assertThat(retrying.leaseOwner()).isNull();
        assertThat(retrying.leaseExpiresAt()).isNull();
        assertThat(store.claimDue(at(59), 10, NODE_B, LEASE, Set.of())).isEmpty();
        assertThat(store.claimDue(at(60), 10, NODE_B, LEASE, Set.of())).extracting(Delivery::id).containsExactly(deliveryId);
    }

    @Test
    void recordAttemptAfterTheLeaseExpiredWritesNothing() {
        givenEndpoints(EP1);
        String deliveryId = givenDeliveryDueAt(at(0), EP1);
        Delivery claimed = claimed(deliveryId, NODE_A, at(0));

        assertThat(store.recordAttempt(NODE_A, attempt(deliveryId, 1, at(1)), DeliveryOutcome.delivered(), at(30))).isFalse();

        assertThat(stored(deliveryId)).isEqualTo(claimed);
        assertThat(store.attempts(TENANT, deliveryId)).isEmpty();
    }

    @Test
    void aStaleLeaseHolderCannotRecordAnOutcome() {
        givenEndpoints(EP1);
        String deliveryId = givenDeliveryDueAt(at(0), EP1);
        claimed(deliveryId, NODE_A, at(0));
        Delivery takenOver = claimed(deliveryId, NODE_B, at(31));

        // node A's clock lags: by its own time its lease has not run out, but node B holds the delivery.
        assertThat(store.recordAttempt(NODE_A, attempt(deliveryId, 1, at(10)), DeliveryOutcome.delivered(), at(10))).isFalse();
        assertThat(store.resolve(deliveryId, NODE_A, DeliveryOutcome.cancelled(), at(10))).isFalse();

        assertThat(stored(deliveryId)).isEqualTo(takenOver);
        assertThat(store.attempts(TENANT, deliveryId)).isEmpty();
        assertThat(store.recordAttempt(NODE_B, attempt(deliveryId, 1, at(32)), DeliveryOutcome.delivered(), at(33))).isTrue();
    }

    @Test
    void recordAttemptWithoutALeaseWritesNothing() {
        givenEndpoints(EP1);
        String deliveryId = givenDeliveryDueAt(at(0), EP1);

        assertThat(store.recordAttempt(NODE_A, attempt(deliveryId, 1, at(1)), DeliveryOutcome.delivered(), at(1))).isFalse();

        assertThat(stored(deliveryId)).isEqualTo(pendingAsAppended(deliveryId));
        assertThat(store.attempts(TENANT, deliveryId)).isEmpty();
    }

    @Test
    void recordAttemptForAnUnknownDeliveryWritesNothing() {
        assertThat(store.recordAttempt(NODE_A, attempt(deliveryId(404), 1, at(1)), DeliveryOutcome.delivered(), at(1))).isFalse();
        assertThat(store.attempts(TENANT, deliveryId(404))).isEmpty();
    }

    // ==== leased append and batched records ======================================================

    @Test
    void aLeasedAppendStoresTheNamedDeliveriesLeasedFromWhenTheEventWasStored() {
        givenEndpoints(EP1, EP2, EP3);
        StoredEvent event = event(eventId(1), at(0));
        NewDelivery leasedOne = pendingTo(EP1);
        NewDelivery unleased = pendingTo(EP2);
        NewDelivery skipped = skippedTo(EP3);

        AppendResult result = store.append(event, List.of(leasedOne, unleased, skipped),
                new AppendLease(NODE_A, LEASE, Set.of(leasedOne.id())));

        Delivery expected = leased(pending(leasedOne, event), NODE_A, event.storedAt().plus(LEASE));
        assertThat(result.created()).isTrue();
        assertThat(result.deliveries()).hasSize(3).first().isEqualTo(expected);
        assertThat(result.deliveries().get(1)).isEqualTo(pending(unleased, event));
        assertThat(stored(leasedOne.id())).isEqualTo(expected);
        assertThat(stored(unleased.id())).isEqualTo(pending(unleased, event));
        assertThat(store.claimDue(at(1), 10, NODE_B, LEASE, Set.of())).extracting(Delivery::id).containsExactly(unleased.id());
        assertThat(store.claim(leasedOne.id(), at(1), NODE_B, LEASE)).isEmpty();
        assertThat(store.recordAttempt(NODE_A, attempt(leasedOne.id(), 1, at(1)), DeliveryOutcome.delivered(), at(2))).isTrue();
        assertThat(stored(leasedOne.id()).status()).isEqualTo(DeliveryStatus.DELIVERED);
    }

    @Test
    void aLeaseTakenOnAppendExpiresLikeAClaimsLease() {
        givenEndpoints(EP1);
        StoredEvent event = event(eventId(1), at(0));
        NewDelivery delivery = pendingTo(EP1);
        store.append(event, List.of(delivery), new AppendLease(NODE_A, LEASE, Set.of(delivery.id())));

        assertThat(store.claimDue(at(29), 10, NODE_B, LEASE, Set.of())).isEmpty();
        assertThat(store.claimDue(at(30), 10, NODE_B, LEASE, Set.of())).extracting(Delivery::id).containsExactly(delivery.id());
        assertThat(store.recordAttempt(NODE_A, attempt(delivery.id(), 1, at(1)), DeliveryOutcome.delivered(), at(31))).isFalse();
    }

    @Test
    void aLeasedReappendOfAStoredEventIdLeasesNothing() {
        givenEndpoints(EP1);
        StoredEvent event = event(eventId(1), at(0));
        NewDelivery delivery = pendingTo(EP1);
        store.append(event, List.of(delivery));

        AppendResult again = store.append(event, List.of(pendingTo(EP1)), new AppendLease(NODE_A, LEASE, Set.of()));
        NewDelivery other = pendingTo(EP1);
        AppendResult named = store.append(event, List.of(other), new AppendLease(NODE_A, LEASE, Set.of(other.id())));

        assertThat(again.created()).isFalse();
        assertThat(named.created()).isFalse();
        assertThat(named.deliveries()).containsExactly(pending(delivery, event));
        assertThat(stored(delivery.id())).isEqualTo(pending(delivery, event));
    }

    @Test
    void aLeasedAppendRefusesALeaseOnADeliveryItDoesNotCreatePendingAndWritesNothing() {
        givenEndpoints(EP1, EP2);
        StoredEvent event = event(eventId(1), at(0));
        NewDelivery pending = pendingTo(EP1);
        NewDelivery skipped = skippedTo(EP2);

        assertThatThrownBy(() -> store.append(event, List.of(pending, skipped),
                new AppendLease(NODE_A, LEASE, Set.of(skipped.id()))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(skipped.id());
        assertThatThrownBy(() -> store.append(event, List.of(pending),
                new AppendLease(NODE_A, LEASE, Set.of(deliveryId(404)))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(deliveryId(404));
        assertThatThrownBy(() -> new AppendLease(NODE_A, Duration.ZERO, Set.of()))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(store.event(TENANT, event.id())).isEmpty();
    }

    @Test
    void recordAttemptsRecordsEachResultUnderItsOwnLease() {
        givenEndpoints(EP1, EP2, EP3);
        String delivered = givenDeliveryDueAt(at(0), EP1);
        String retrying = givenDeliveryDueAt(at(0), EP2);
        String takenOver = givenDeliveryDueAt(at(0), EP3);
        claimed(delivered, NODE_A, at(0));
        claimed(retrying, NODE_A, at(0));
        Delivery byB = claimed(takenOver, NODE_B, at(0));
        DeliveryAttempt first = attempt(delivered, 1, at(1));
        DeliveryAttempt second = refusedAttempt(retrying, 1, at(1));

        Set<String> recorded = store.recordAttempts(NODE_A, List.of(
                new AttemptResult(first, DeliveryOutcome.delivered()),
                new AttemptResult(second, DeliveryOutcome.retryAt(at(60))),
                new AttemptResult(attempt(takenOver, 1, at(1)), DeliveryOutcome.delivered()),
                new AttemptResult(attempt(deliveryId(404), 1, at(1)), DeliveryOutcome.delivered())), at(2));

        assertThat(recorded).containsExactlyInAnyOrder(delivered, retrying);
        assertThat(stored(delivered)).extracting(Delivery::status, Delivery::attemptCount, Delivery::leaseOwner, Delivery::updatedAt)
                .containsExactly(DeliveryStatus.DELIVERED, 1, null, at(2));
        assertThat(stored(retrying)).extracting(Delivery::status, Delivery::attemptCount, Delivery::nextAttemptAt, Delivery::leaseOwner)
                .containsExactly(DeliveryStatus.PENDING, 1, at(60), null);
        assertThat(store.attempts(TENANT, delivered)).containsExactly(first);
        assertThat(store.attempts(TENANT, retrying)).containsExactly(second);
        assertThat(stored(takenOver)).isEqualTo(byB);
        assertThat(store.attempts(TENANT, takenOver)).isEmpty();
        assertThat(store.attempts(TENANT, deliveryId(404))).isEmpty();
    }

    @Test
    void recordAttemptsKeepsTheAttemptsTextExactlyButForNul() {
        givenEndpoints(EP1);
        String deliveryId = givenDeliveryDueAt(at(0), EP1);
        claimed(deliveryId, NODE_A, at(0));
        DeliveryAttempt attempt = new DeliveryAttempt(deliveryId, 1, at(1), Duration.ofNanos(123_456_789), null,
                "java.net.ConnectException", "refused: 'quoted', \"double\", {braces}, Zoë 😀", null);

        assertThat(store.recordAttempts(NODE_A, List.of(new AttemptResult(attempt, DeliveryOutcome.failed())), at(2)))
                .containsExactly(deliveryId);

        assertThat(store.attempts(TENANT, deliveryId)).containsExactly(attempt);
        assertThat(stored(deliveryId).status()).isEqualTo(DeliveryStatus.FAILED);
    }

    @Test
    void recordAttemptsOfNothingWritesNothingAndTwoResultsForOneDeliveryAreRefused() {
        givenEndpoints(EP1);
        String deliveryId = givenDeliveryDueAt(at(0), EP1);
        Delivery claimed = claimed(deliveryId, NODE_A, at(0));

        assertThat(store.recordAttempts(NODE_A, List.of(), at(1))).isEmpty();
        assertThatThrownBy(() -> store.recordAttempts(NODE_A, List.of(
                new AttemptResult(attempt(deliveryId, 1, at(1)), DeliveryOutcome.delivered()),
                new AttemptResult(attempt(deliveryId, 2, at(1)), DeliveryOutcome.delivered())), at(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(deliveryId);

        assertThat(stored(deliveryId)).isEqualTo(claimed);
        assertThat(store.attempts(TENANT, deliveryId)).isEmpty();
    }

    @Test
    void resolveByTheLeaseHolderSetsTheOutcomeWithoutAnAttempt() {
        givenEndpoints(EP1);
        String deliveryId = givenDeliveryDueAt(at(0), EP1);
        Delivery claimed = claimed(deliveryId, NODE_A, at(0));

        assertThat(store.resolve(deliveryId, NODE_A, DeliveryOutcome.retryAt(at(120)), at(1))).isTrue();

        assertThat(stored(deliveryId)).isEqualTo(new Delivery(deliveryId, TENANT, claimed.eventId(), EP1,
                DeliveryStatus.PENDING, 0, at(120), false, null, null, claimed.createdAt(), at(1)));
        assertThat(store.attempts(TENANT, deliveryId)).isEmpty();
    }

    @Test
    void resolveCanSkipOrCancelADelivery() {
        givenEndpoints(EP1);
        String skipped = givenDeliveryDueAt(at(0), EP1);
        String cancelled = givenDeliveryDueAt(at(0), EP1);
        claimed(skipped, NODE_A, at(0));
        claimed(cancelled, NODE_A, at(0));

        assertThat(store.resolve(skipped, NODE_A, DeliveryOutcome.skipped(), at(1))).isTrue();
        assertThat(store.resolve(cancelled, NODE_A, DeliveryOutcome.cancelled(), at(1))).isTrue();

        assertThat(stored(skipped).status()).isEqualTo(DeliveryStatus.SKIPPED);
        assertThat(stored(skipped).nextAttemptAt()).isNull();
        assertThat(stored(cancelled).status()).isEqualTo(DeliveryStatus.CANCELLED);
        assertThat(stored(cancelled).leaseOwner()).isNull();
    }

    @Test
    void resolveWithoutTheLeaseWritesNothing() {
        givenEndpoints(EP1);
        String deliveryId = givenDeliveryDueAt(at(0), EP1);
        Delivery claimed = claimed(deliveryId, NODE_A, at(0));

        assertThat(store.resolve(deliveryId, NODE_B, DeliveryOutcome.cancelled(), at(1))).isFalse();
        assertThat(store.resolve(deliveryId, NODE_A, DeliveryOutcome.cancelled(), at(30))).isFalse();
        assertThat(store.resolve(deliveryId(404), NODE_A, DeliveryOutcome.cancelled(), at(1))).isFalse();

        assertThat(stored(deliveryId)).isEqualTo(claimed);
    }

    @Test
    void releaseGivesTheLeaseBackAndLeavesTheDeliveryDue() {
        givenEndpoints(EP1);
        String deliveryId = givenDeliveryDueAt(at(0), EP1);
        claimed(deliveryId, NODE_A, at(0));

        assertThat(store.release(deliveryId, NODE_A)).isTrue();

        assertThat(stored(deliveryId)).isEqualTo(pendingAsAppended(deliveryId));
        assertThat(store.claimDue(at(1), 10, NODE_B, LEASE, Set.of())).extracting(Delivery::id).containsExactly(deliveryId);
    }

    @Test
    void aStaleLeaseHolderCannotRelease() {
        givenEndpoints(EP1);
        String deliveryId = givenDeliveryDueAt(at(0), EP1);
        claimed(deliveryId, NODE_A, at(0));
        Delivery takenOver = claimed(deliveryId, NODE_B, at(30));

        assertThat(store.release(deliveryId, NODE_A)).isFalse();

        assertThat(stored(deliveryId)).isEqualTo(takenOver);
        assertThat(store.release(deliveryId, NODE_B)).isTrue();
    }

    @Test
    void releaseOfAnUnleasedOrUnknownDeliveryReturnsFalse() {
        givenEndpoints(EP1);
        String deliveryId = givenDeliveryDueAt(at(0), EP1);

        assertThat(store.release(deliveryId, NODE_A)).isFalse();
        assertThat(store.release(deliveryId(404), NODE_A)).isFalse();
    }

    // ==== delivery queries and attempts ==========================================================

    @Test
    void deliveryIsEmptyForAnUnknownId() {
        assertThat(store.delivery(TENANT, deliveryId(404))).isEmpty();
    }

    @Test
    void deliveriesAreListedByEventEndpointAndStatusOldestCreatedFirst() {
        givenEndpoints(EP1, EP2);
        List<Delivery> first = givenEvent(event(eventId(1), at(0)), EP2, EP1).deliveries();
        Delivery skipped = store.append(event(eventId(2), at(10)), List.of(skippedTo(EP1))).deliveries().get(0);
        Delivery last = givenEvent(event(eventId(3), at(20)), EP2).deliveries().get(0);
        String toEp2 = first.get(0).id();
        String toEp1 = first.get(1).id();

        assertThat(allDeliveryIds(DeliveryQuery.all())).containsExactly(toEp2, toEp1, skipped.id(), last.id());
        assertThat(store.deliveries(TENANT, DeliveryQuery.all().withEvent(eventId(1))).items()).containsExactlyElementsOf(first);
        assertThat(allDeliveryIds(DeliveryQuery.all().withEndpoint(EP1))).containsExactly(toEp1, skipped.id());
        assertThat(allDeliveryIds(DeliveryQuery.all().withStatuses(Set.of(DeliveryStatus.SKIPPED)))).containsExactly(skipped.id());
        assertThat(allDeliveryIds(DeliveryQuery.all().withEndpoint(EP2).withStatuses(Set.of(DeliveryStatus.PENDING))))
                .containsExactly(toEp2, last.id());
        assertThat(allDeliveryIds(DeliveryQuery.all().withEvent(eventId(404)))).isEmpty();
    }

    @Test
    void deliveriesArePagedWithCursorsAndTheLastPageHasNone() {
        givenEndpoints(EP1, EP2);
        List<String> ids = new ArrayList<>();
        for (int n = 1; n <= 7; n++) {
            ids.add(givenEvent(event(eventId(n), at(n)), EP1).deliveries().get(0).id());
            givenEvent(event(eventId(100 + n), at(n)), EP2);
        }
        DeliveryQuery query = DeliveryQuery.all().withEndpoint(EP1).withLimit(3);

        Page<Delivery> first = store.deliveries(TENANT, query);
        Page<Delivery> second = store.deliveries(TENANT, query.withCursor(first.nextCursor()));
        Page<Delivery> third = store.deliveries(TENANT, query.withCursor(second.nextCursor()));

        assertThat(ids(first, Delivery::id)).isEqualTo(ids.subList(0, 3));
        assertThat(ids(second, Delivery::id)).isEqualTo(ids.subList(3, 6));
        assertThat(ids(third, Delivery::id)).isEqualTo(ids.subList(6, 7));
        assertThat(third.nextCursor()).isNull();
        assertThat(store.deliveries(TENANT, query.withLimit(7)).nextCursor()).isNull();
    }

    @Test
    void deliveriesRejectsAMalformedCursor() {
        assertThatThrownBy(() -> store.deliveries(TENANT, DeliveryQuery.all().withCursor("not a cursor")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void attemptsAreListedInTheOrderTheyWereRecorded() {
        givenEndpoints(EP1);
        String deliveryId = givenDeliveryDueAt(at(0), EP1);
        DeliveryAttempt refused = refusedAttempt(deliveryId, 1, at(0));
        DeliveryAttempt serverError = new DeliveryAttempt(deliveryId, 2, at(60), Duration.ofMillis(2500), 503,
                null, null, "{\"error\":\"maintenance – back soon\"}");
        DeliveryAttempt delivered = attempt(deliveryId, 3, at(360));

        recordAs(NODE_A, refused, DeliveryOutcome.retryAt(at(60)));
        recordAs(NODE_B, serverError, DeliveryOutcome.retryAt(at(360)));
        recordAs(NODE_A, delivered, DeliveryOutcome.delivered());

        assertThat(store.attempts(TENANT, deliveryId)).containsExactly(refused, serverError, delivered);
        assertThat(stored(deliveryId).attemptCount()).isEqualTo(3);
        assertThat(stored(deliveryId).status()).isEqualTo(DeliveryStatus.DELIVERED);
    }

    @Test
    void attemptsOfAnUnknownDeliveryAreEmpty() {
        assertThat(store.attempts(TENANT, deliveryId(404))).isEmpty();
    }

    @Test
    void countAttemptsCountsEveryRecordedAttemptAcrossReplays() {
        givenEndpoints(EP1);
        String deliveryId = givenDeliveryDueAt(at(0), EP1);
        assertThat(store.countAttempts(TENANT, deliveryId)).isZero();
        recordAs(NODE_A, refusedAttempt(deliveryId, 1, at(0)), DeliveryOutcome.retryAt(at(60)));
        recordAs(NODE_A, refusedAttempt(deliveryId, 2, at(60)), DeliveryOutcome.failed());
        assertThat(store.countAttempts(TENANT, deliveryId)).isEqualTo(2);

        store.scheduleReplay(TENANT, stored(deliveryId).eventId(), EP1, deliveryId(999), at(100));
        recordAs(NODE_A, attempt(deliveryId, 3, at(100)), DeliveryOutcome.delivered());

        assertThat(store.countAttempts(TENANT, deliveryId)).isEqualTo(3);
        assertThat(store.countAttempts(TENANT, deliveryId(404))).isZero();
    }

    private void recordAs(String owner, DeliveryAttempt attempt, DeliveryOutcome outcome) {
        claimed(attempt.deliveryId(), owner, attempt.startedAt());
        assertThat(store.recordAttempt(owner, attempt, outcome, attempt.startedAt().plus(attempt.latency()))).isTrue();
    }

    // ==== attempt counts and the latest attempt ==================================================

    /** An attempt answered with that status, 40 ms after it started. */
    private static DeliveryAttempt answered(String deliveryId, int number, Instant startedAt, int status) {
        return new DeliveryAttempt(deliveryId, number, startedAt, Duration.ofMillis(40), status, null, null, "");
    }

    /** Records one successful first attempt, started at that time, of a new delivery to the endpoint. */
    private String givenDeliveredAt(TenantId tenant, Instant startedAt, String endpointId) {
        String deliveryId = givenDeliveryDueAt(tenant, at(-3600), endpointId);
        claimed(deliveryId, NODE_A, startedAt);
        assertThat(store.recordAttempt(NODE_A, attempt(deliveryId, 1, startedAt), DeliveryOutcome.delivered(),
                startedAt.plusMillis(120))).isTrue();
        return deliveryId;
    }

    @Test
    void attemptCountsClassifyEveryAttemptAsSucceededRetriedOrFailed() {
        givenEndpoints(EP1, EP2);
        // Retried twice, then delivered: two retried, one succeeded.
        String delivered = givenDeliveryDueAt(at(0), EP1);
        recordAs(NODE_A, refusedAttempt(delivered, 1, at(0)), DeliveryOutcome.retryAt(at(60)));
        recordAs(NODE_A, answered(delivered, 2, at(60), 503), DeliveryOutcome.retryAt(at(120)));
        recordAs(NODE_A, answered(delivered, 3, at(120), 204), DeliveryOutcome.delivered());
        // Retried once, then failed for good: one retried, one failed.
        String failed = givenDeliveryDueAt(at(10), EP1);
        recordAs(NODE_A, refusedAttempt(failed, 1, at(10)), DeliveryOutcome.retryAt(at(70)));
        recordAs(NODE_A, answered(failed, 2, at(70), 500), DeliveryOutcome.failed());
        // Still pending after a failure: a retry is planned, so retried.
        String pending = givenDeliveryDueAt(at(20), EP1);
        recordAs(NODE_A, answered(pending, 1, at(20), 429), DeliveryOutcome.retryAt(at(900)));
        // A redirect is not a success; refused for good at once: failed.
        String redirected = givenDeliveryDueAt(at(30), EP2);
        recordAs(NODE_A, answered(redirected, 1, at(30), 302), DeliveryOutcome.failed());
        // Skipped after a failure (the endpoint was disabled): nothing follows it, so failed.
        String skipped = givenDeliveryDueAt(at(40), EP2);
        recordAs(NODE_A, refusedAttempt(skipped, 1, at(40)), DeliveryOutcome.retryAt(at(100)));
        claimed(skipped, NODE_A, at(100));
        assertThat(store.resolve(skipped, NODE_A, DeliveryOutcome.skipped(), at(100))).isTrue();

        assertThat(store.attemptCounts(TENANT, AttemptCountQuery.hourly(at(0), at(3600)))).containsExactly(
                new AttemptCount(at(0), EP1, 1, 4, 1),
                new AttemptCount(at(0), EP2, 0, 0, 2));
    }

    @Test
    void aReplayTurnsTheFailedLastAttemptIntoARetriedOne() {
        givenEndpoints(EP1);
        String deliveryId = givenDeliveryDueAt(at(0), EP1);
        recordAs(NODE_A, refusedAttempt(deliveryId, 1, at(0)), DeliveryOutcome.failed());
        AttemptCountQuery hour = AttemptCountQuery.hourly(at(0), at(3600));
        assertThat(store.attemptCounts(TENANT, hour)).containsExactly(new AttemptCount(at(0), EP1, 0, 0, 1));

        store.scheduleReplay(TENANT, stored(deliveryId).eventId(), EP1, deliveryId(999), at(100));
        assertThat(store.attemptCounts(TENANT, hour)).containsExactly(new AttemptCount(at(0), EP1, 0, 1, 0));

        recordAs(NODE_A, attempt(deliveryId, 2, at(100)), DeliveryOutcome.delivered());
        assertThat(store.attemptCounts(TENANT, hour)).containsExactly(new AttemptCount(at(0), EP1, 1, 1, 0));
    }

    @Test
    void attemptCountsBucketByStartTimeFromTheQuerysStartAndKeepOnlyBucketsWithAttempts() {
        givenEndpoints(EP1);
        Instant from = at(30);
        for (Instant startedAt : List.of(from.minusMillis(1), from, from.plusMillis(599_999), from.plusSeconds(1200),
                from.plusMillis(1_799_999), from.plusSeconds(1800))) {
            givenDeliveredAt(TENANT, startedAt, EP1);
        }

        List<AttemptCount> counts = store.attemptCounts(TENANT,
                new AttemptCountQuery(from, from.plusSeconds(1800), Duration.ofMinutes(10), null));

        // The attempt a millisecond before "from" and the one at "to" are outside; the middle bucket has none.
        assertThat(counts).containsExactly(
                new AttemptCount(from, EP1, 2, 0, 0),
                new AttemptCount(from.plusSeconds(1200), EP1, 2, 0, 0));
    }

    @Test
    void attemptCountsAreOrderedByBucketThenEndpointAndNarrowedToOneEndpoint() {
        givenEndpoints(EP3, EP1, EP2);
        givenDeliveredAt(TENANT, at(3700), EP3);
        givenDeliveredAt(TENANT, at(3650), EP2);
        givenDeliveredAt(TENANT, at(10), EP3);
        givenDeliveredAt(TENANT, at(20), EP1);
        givenDeliveredAt(TENANT, at(3599), EP1);
        AttemptCountQuery twoHours = AttemptCountQuery.hourly(at(0), at(7200));

        assertThat(store.attemptCounts(TENANT, twoHours)).containsExactly(
                new AttemptCount(at(0), EP1, 2, 0, 0),
                new AttemptCount(at(0), EP3, 1, 0, 0),
                new AttemptCount(at(3600), EP2, 1, 0, 0),
                new AttemptCount(at(3600), EP3, 1, 0, 0));
        assertThat(store.attemptCounts(TENANT, twoHours.withEndpoint(EP3))).containsExactly(
                new AttemptCount(at(0), EP3, 1, 0, 0),
                new AttemptCount(at(3600), EP3, 1, 0, 0));
        assertThat(store.attemptCounts(TENANT, twoHours.withEndpoint(endpointId(404)))).isEmpty();
        assertThat(store.attemptCounts(TENANT, AttemptCountQuery.hourly(at(7200), at(10_800)))).isEmpty();
    }

    @Test
    void attemptCountsAndTheLatestAttemptOfADeletedEndpointStayWithItsLog() {
        givenEndpoints(EP1);
        String deliveryId = givenDeliveredAt(TENANT, at(10), EP1);
        assertThat(store.deleteEndpoint(TENANT, EP1, at(20))).isTrue();

        assertThat(store.attemptCounts(TENANT, AttemptCountQuery.hourly(at(0), at(3600)).withEndpoint(EP1)))
                .containsExactly(new AttemptCount(at(0), EP1, 1, 0, 0));
        assertThat(store.latestAttempt(TENANT, EP1)).contains(attempt(deliveryId, 1, at(10)));
    }

    @Test
    void attemptCountsAndTheLatestAttemptNeverSeeAnotherTenantsAttempts() {
        List<String> deliveries = givenTwinTenants();
        givenDeliveredAt(OTHER_TENANT, at(5), OTHER_EP1);
        AttemptCountQuery hour = AttemptCountQuery.hourly(at(0), at(3600));

        assertThat(store.attemptCounts(TENANT, hour)).containsExactly(new AttemptCount(at(0), EP1, 1, 0, 0));
        assertThat(store.attemptCounts(OTHER_TENANT, hour)).containsExactly(new AttemptCount(at(0), OTHER_EP1, 2, 0, 0));
        assertThat(store.attemptCounts(TENANT, hour.withEndpoint(OTHER_EP1)))
                .isEqualTo(store.attemptCounts(TENANT, hour.withEndpoint(endpointId(404)))).isEmpty();
        assertThat(store.attemptCounts(TenantId.of("tenant-without-data"), hour)).isEmpty();
        assertThat(store.latestAttempt(TENANT, OTHER_EP1)).isEmpty();
        assertThat(store.latestAttempt(OTHER_TENANT, EP1)).isEmpty();
        assertThat(store.latestAttempt(TENANT, EP1)).contains(attempt(deliveries.get(0), 1, at(2)));
    }

    @Test
    void latestAttemptIsTheOneThatStartedLastOverEveryDeliveryToTheEndpoint() {
        givenEndpoints(EP1, EP2);
        assertThat(store.latestAttempt(TENANT, EP1)).isEmpty();
        String early = givenDeliveryDueAt(at(0), EP1);
        String late = givenDeliveryDueAt(at(0), EP1);
        // Recorded first, started last.
        recordAs(NODE_A, answered(late, 1, at(900), 503), DeliveryOutcome.retryAt(at(2000)));
        recordAs(NODE_A, refusedAttempt(early, 1, at(0)), DeliveryOutcome.retryAt(at(60)));
        recordAs(NODE_A, attempt(early, 2, at(60)), DeliveryOutcome.delivered());
        givenDeliveredAt(TENANT, at(1000), EP2);

        assertThat(store.latestAttempt(TENANT, EP1)).contains(answered(late, 1, at(900), 503));
        assertThat(store.latestAttempt(TENANT, endpointId(404))).isEmpty();
    }

    @Test
    void ofAttemptsThatStartedAtOneInstantTheLatestIsOfTheGreatestDeliveryId() {
        givenEndpoints(EP1);
        String first = givenDeliveryDueAt(at(0), EP1);
        String second = givenDeliveryDueAt(at(0), EP1);
        recordAs(NODE_A, attempt(second, 1, at(10)), DeliveryOutcome.delivered());
        recordAs(NODE_A, attempt(first, 1, at(10)), DeliveryOutcome.delivered());

        assertThat(store.latestAttempt(TENANT, EP1)).contains(attempt(second, 1, at(10)));
    }

    // ==== replay =================================================================================

    @Test
    void scheduleReplayReArmsAFinishedDelivery() {
        givenEndpoints(EP1);
        String deliveryId = givenDeliveryDueAt(at(0), EP1);
        recordAs(NODE_A, refusedAttempt(deliveryId, 1, at(0)), DeliveryOutcome.retryAt(at(60)));
        recordAs(NODE_A, refusedAttempt(deliveryId, 2, at(60)), DeliveryOutcome.failed());
        Delivery failed = stored(deliveryId);

        Delivery replayed = store.scheduleReplay(TENANT, failed.eventId(), EP1, deliveryId(999), at(100));

        Delivery expected = new Delivery(deliveryId, TENANT, failed.eventId(), EP1, DeliveryStatus.PENDING, 0, at(100), true,
                null, null, failed.createdAt(), at(100));
        assertThat(replayed).isEqualTo(expected);
        assertThat(store.delivery(TENANT, deliveryId)).contains(expected);
        assertThat(store.delivery(TENANT, deliveryId(999))).isEmpty();
        assertThat(store.claimDue(at(99), 10, NODE_A, LEASE, Set.of())).isEmpty();
        recordAs(NODE_A, attempt(deliveryId, 3, at(100)), DeliveryOutcome.delivered());
        assertThat(store.attempts(TENANT, deliveryId)).extracting(DeliveryAttempt::number).containsExactly(1, 2, 3);
        assertThat(stored(deliveryId).attemptCount()).isEqualTo(1);
    }

    @Test
    void scheduleReplayLeavesAPendingDeliveryAsItIs() {
        givenEndpoints(EP1);
        String deliveryId = givenDeliveryDueAt(at(0), EP1);
        Delivery claimed = claimed(deliveryId, NODE_A, at(0));

        assertThat(store.scheduleReplay(TENANT, claimed.eventId(), EP1, deliveryId(999), at(100))).isEqualTo(claimed);

        assertThat(stored(deliveryId)).isEqualTo(claimed);
        assertThat(store.delivery(TENANT, deliveryId(999))).isEmpty();
    }

    @Test
    void scheduleReplayCreatesADeliveryToAnEndpointTheEventDidNotGoTo() {
        givenEndpoints(EP1, EP2);
        StoredEvent event = event(eventId(1), at(0));
        Delivery original = givenEvent(event, EP1).deliveries().get(0);

        Delivery created = store.scheduleReplay(TENANT, event.id(), EP2, deliveryId(999), at(100));

        Delivery expected = new Delivery(deliveryId(999), TENANT, event.id(), EP2, DeliveryStatus.PENDING, 0, at(100), true,
                null, null, at(100), at(100));
        assertThat(created).isEqualTo(expected);
        assertThat(store.delivery(TENANT, deliveryId(999))).contains(expected);
        assertThat(store.deliveries(TENANT, DeliveryQuery.all().withEvent(event.id())).items()).containsExactly(original, expected);
        assertThat(allEventIds(EventQuery.between(at(0), at(10)).withEndpoint(EP2))).containsExactly(event.id());
        assertThat(store.claimDue(at(100), 10, NODE_A, LEASE, Set.of(EP1))).extracting(Delivery::id).containsExactly(deliveryId(999));
    }

    @Test
    void scheduleReplayOfAnUnknownEventOrEndpointThrowsNotFound() {
        givenEndpoints(EP1);
        givenEvent(event(eventId(1), at(0)), EP1);

        assertThatThrownBy(() -> store.scheduleReplay(TENANT, eventId(404), EP1, deliveryId(999), at(100)))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.id()).isEqualTo(eventId(404)));
        assertThatThrownBy(() -> store.scheduleReplay(TENANT, eventId(1), EP2, deliveryId(999), at(100)))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.id()).isEqualTo(EP2));
        assertThat(store.delivery(TENANT, deliveryId(999))).isEmpty();
    }

    // ==== concurrent claimers ====================================================================

    @Test
    void concurrentClaimersNeverGetTheSameDelivery() throws Exception {
        givenEndpoints(EP1, EP2, EP3, endpointId(4), endpointId(5));
        List<String> all = givenPendingDeliveries(100, EP1, EP2, EP3, endpointId(4), endpointId(5));

        assertThat(claimAllConcurrently(at(10), all.size())).containsExactlyInAnyOrderElementsOf(all);
        // Every lease is still running: nothing is left to claim.
        assertThat(store.claimDue(at(10).plus(LEASE).minusMillis(1), 1000, NODE_A, LEASE, Set.of())).isEmpty();
        // Once they have all expired, each delivery is handed out exactly once again.
        assertThat(claimAllConcurrently(at(10).plus(LEASE), all.size())).containsExactlyInAnyOrderElementsOf(all);
    }

    /**
     * Eight threads over two instances claim until nothing is left (or, for a broken store, until
     * one of them got more than there is); every id any of them got.
     */
    private List<String> claimAllConcurrently(Instant now, int total) throws Exception {
        List<WebhookStore> instances = List.of(store, sameDataStore(store));
        AtomicInteger threads = new AtomicInteger();
        List<List<String>> claimedPerThread = runConcurrently(8, () -> {
            int thread = threads.getAndIncrement();
            WebhookStore instance = instances.get(thread % 2);
            List<String> claimed = new ArrayList<>();
            List<Delivery> batch;
            while (claimed.size() <= total
                    && !(batch = instance.claimDue(now, 7, "node-" + thread, LEASE, Set.of())).isEmpty()) {
                batch.forEach(delivery -> claimed.add(delivery.id()));
            }
            return claimed;
        });
        return claimedPerThread.stream().flatMap(List::stream).toList();
    }

    @Test
    void concurrentClaimersRetryingDeliveriesNeverHoldOneAtOnce() throws Exception {
        givenEndpoints(EP1, EP2, EP3, endpointId(4), endpointId(5));
        List<String> all = givenPendingDeliveries(40, EP1, EP2, EP3, endpointId(4), endpointId(5));
        Map<String, String> holders = new ConcurrentHashMap<>();
        Set<String> violations = ConcurrentHashMap.newKeySet();
        AtomicInteger delivered = new AtomicInteger();
        List<WebhookStore> instances = List.of(store, sameDataStore(store));
        AtomicInteger threads = new AtomicInteger();

        runConcurrently(8, () -> {
            int thread = threads.getAndIncrement();
            String owner = "node-" + thread;
            WebhookStore instance = instances.get(thread % 2);
            while (delivered.get() < all.size()) {
                List<Delivery> batch = instance.claimDue(at(10), 5, owner, LEASE, Set.of());
                for (Delivery delivery : batch) {
                    if (holders.putIfAbsent(delivery.id(), owner) != null) {
                        violations.add(delivery.id() + " claimed while held");
                    }
                    int number = delivery.attemptCount() + 1;
                    DeliveryOutcome outcome = number < 3 ? DeliveryOutcome.retryAt(at(10)) : DeliveryOutcome.delivered();
                    holders.remove(delivery.id(), owner);
                    if (!instance.recordAttempt(owner, attempt(delivery.id(), number, at(10)), outcome, at(10))) {
                        violations.add(delivery.id() + " not recorded by its lease holder");
                    } else if (number == 3) {
                        delivered.incrementAndGet();
                    }
                }
                if (batch.isEmpty()) {
                    Thread.yield();
                }
            }
            return null;
        });

        assertThat(violations).isEmpty();
        assertThat(allDeliveryIds(DeliveryQuery.all().withStatuses(Set.of(DeliveryStatus.DELIVERED)).withLimit(1000)))
                .containsExactlyInAnyOrderElementsOf(all);
        for (String deliveryId : all) {
            assertThat(store.attempts(TENANT, deliveryId)).extracting(DeliveryAttempt::number).containsExactly(1, 2, 3);
        }
    }

    /** Runs the task on that many threads, started together; their results, failing on any error. */
    private static <T> List<T> runConcurrently(int threads, Callable<T> task) throws Exception {
        return runConcurrently(Collections.nCopies(threads, task));
    }

    /** Runs each task on a thread of its own, started together; their results in order, failing on any error. */
    private static <T> List<T> runConcurrently(List<Callable<T>> tasks) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(tasks.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(executor.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return Collections.unmodifiableList(results);
        } finally {
            executor.shutdownNow();
        }
    }

    // ==== retention ==============================================================================
    // Protected, so that a store that purges whole days (the JDBC store partitioned by event day)
    // replaces these row-by-row tests with tests of its own granularity.

    /** Purging deletes the events before the cutoff with their deliveries and attempts, and no other. */
    @Test
    protected void purgeDeletesEventsBeforeTheCutoffWithTheirDeliveriesAndAttempts() {
        givenEndpoints(EP1);
        String deliveredId = givenEvent(event(eventId(10), at(10)), EP1).deliveries().get(0).id();
        givenDelivered(deliveredId, at(11));
        store.append(event(eventId(20), at(20)), List.of(skippedTo(EP1)));
        givenFailed(givenEvent(event(eventId(30), at(30)), EP1).deliveries().get(0).id(), at(31));
        store.append(event(eventId(40), at(40)), List.of());
        String keptId = store.append(event(eventId(50), at(50)), List.of(skippedTo(EP1))).deliveries().get(0).id();

        assertThat(store.purgeEventsBefore(at(40), 100)).isEqualTo(3);

        assertThat(allEventIds(EventQuery.between(at(0), at(100)))).isEqualTo(eventIds(40, 50));
        assertThat(store.event(TENANT, eventId(10))).isEmpty();
        assertThat(store.delivery(TENANT, deliveredId)).isEmpty();
        assertThat(store.attempts(TENANT, deliveredId)).isEmpty();
        assertThat(allDeliveryIds(DeliveryQuery.all())).containsExactly(keptId);
    }

    /** Purging keeps every event that still has a pending delivery. */
    @Test
    protected void purgeKeepsEventsThatStillHaveAPendingDelivery() {
        givenEndpoints(EP1, EP2);
        List<Delivery> mixed = givenEvent(event(eventId(10), at(10)), EP1, EP2).deliveries();
        givenDelivered(mixed.get(0).id(), at(11));
        String retrying = givenEvent(event(eventId(20), at(20)), EP1).deliveries().get(0).id();
        recordAs(NODE_A, refusedAttempt(retrying, 1, at(21)), DeliveryOutcome.retryAt(at(80)));
        claimed(givenEvent(event(eventId(30), at(30)), EP1).deliveries().get(0).id(), NODE_A, at(31));
        store.append(event(eventId(40), at(40)), List.of(skippedTo(EP1)));

        assertThat(store.purgeEventsBefore(at(100), 100)).isEqualTo(1);

        assertThat(allEventIds(EventQuery.between(at(0), at(100)))).isEqualTo(eventIds(10, 20, 30));
        assertThat(allDeliveryIds(DeliveryQuery.all().withEvent(eventId(10)))).hasSize(2);
        assertThat(store.attempts(TENANT, retrying)).hasSize(1);
    }

    /** Purging deletes at most the batch size per call, oldest events first. */
    @Test
    protected void purgeDeletesInBatchesOldestFirst() {
        givenEndpoints(EP1);
        for (long second = 10; second <= 70; second += 10) {
            store.append(event(eventId(second), at(second)), List.of(skippedTo(EP1)));
        }

        assertThat(store.purgeEventsBefore(at(100), 3)).isEqualTo(3);
        assertThat(allEventIds(EventQuery.between(at(0), at(100)))).isEqualTo(eventIds(40, 50, 60, 70));
        assertThat(store.purgeEventsBefore(at(100), 3)).isEqualTo(3);
        assertThat(store.purgeEventsBefore(at(100), 3)).isEqualTo(1);
        assertThat(store.purgeEventsBefore(at(100), 3)).isZero();
        assertThat(allEventIds(EventQuery.between(at(0), at(100)))).isEmpty();
    }

    @Test
    void purgeRejectsABatchSizeBelowOne() {
        assertThatThrownBy(() -> store.purgeEventsBefore(at(100), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    // ==== tenants: isolation =====================================================================

    /** An endpoint of that tenant like its twin in the other tenant: same URL, filters and secret. */
    private static Endpoint twin(TenantId tenant, String id) {
        return endpoint(tenant, id).withUrl(SHARED_URL).withEventTypes(List.of("email.*", "campaign.sent"))
                .withSecrets(List.of(new EndpointSecret("whsec_shared", T0, null)));
    }

    /**
     * Two tenants alike but for their ids: {@link #EP1} of {@link #TENANT} and {@link #OTHER_EP1} of
     * {@link #OTHER_TENANT} are {@linkplain #twin twins}; each tenant has an {@code email.opened} event at
     * {@code at(1)} ({@code evt_…1} and {@code evt_…2}), delivered to its endpoint with one attempt.
     * Returns the two deliveries' ids, {@link #TENANT}'s first.
     */
    private List<String> givenTwinTenants() {
        store.createEndpoint(twin(TENANT, EP1));
        store.createEndpoint(twin(OTHER_TENANT, OTHER_EP1));
        String ours = givenEvent(event(TENANT, eventId(1), at(1)), EP1).deliveries().get(0).id();
        String theirs = givenEvent(event(OTHER_TENANT, eventId(2), at(1)), OTHER_EP1).deliveries().get(0).id();
        givenDelivered(ours, at(2));
        givenDelivered(theirs, at(2));
        return List.of(ours, theirs);
    }

    /**
     * Asserts that a call naming another tenant's ids fails exactly as the same call naming unknown
     * ids: a {@link NotFoundException} of the same class and kind, whose id and message are the
     * unknown call's once each of the other tenant's ids is replaced by its unknown counterpart.
     * Returns the exception of the call with the other tenant's ids.
     */
    private static NotFoundException assertFailsAsForUnknownIds(ThrowingCallable withOthersIds,
            ThrowingCallable withUnknownIds, Map<String, String> othersIdsToUnknown) {
        Throwable forUnknown = catchThrowable(withUnknownIds);
        Throwable forOthers = catchThrowable(withOthersIds);
        assertThat(forUnknown).as("the call with unknown ids").isInstanceOf(NotFoundException.class);
        assertThat(forOthers).as("the call with another tenant's ids").isExactlyInstanceOf(forUnknown.getClass());
        NotFoundException others = (NotFoundException) forOthers;
        NotFoundException unknown = (NotFoundException) forUnknown;
        String message = others.getMessage();
        for (Map.Entry<String, String> id : othersIdsToUnknown.entrySet()) {
            message = message.replace(id.getKey(), id.getValue());
        }
        assertThat(others.kind()).isEqualTo(unknown.kind());
        assertThat(othersIdsToUnknown.getOrDefault(others.id(), others.id())).isEqualTo(unknown.id());
        assertThat(message).as("the message, the other tenant's ids replaced by the unknown ones")
                .isEqualTo(unknown.getMessage());
        return others;
    }

    @Test
    void subscribedEndpointsAreTheTenantsEndpointsForTheTypeOldestFirstDisabledIncluded() {
        Endpoint family = store.createEndpoint(endpoint(EP3, at(20)).withEventTypes(List.of("email.*")));
        Endpoint exactDisabled = store.createEndpoint(endpoint(EP2, at(10)).withEventTypes(List.of("email.opened"))
                .withEnabled(false).withDisabledReason("410 Gone"));
        Endpoint everything = store.createEndpoint(endpoint(EP1, at(20)));
        Endpoint others = store.createEndpoint(endpoint(endpointId(4), at(5)).withEventTypes(List.of("email.clicked", "campaign.*")));

        assertThat(store.subscribedEndpoints(TENANT, "email.opened")).containsExactly(exactDisabled, everything, family);
        assertThat(store.subscribedEndpoints(TENANT, "campaign.sent")).containsExactly(others, everything);
        assertThat(store.subscribedEndpoints(TENANT, "contact.created")).containsExactly(everything);
        assertThat(store.subscribedEndpoints(OTHER_TENANT, "email.opened")).isEmpty();
    }

    @Test
    void twoTenantsWithIdenticalEndpointsSeeOnlyTheirOwn() {
        givenTwinTenants();
        TenantId third = TenantId.of("tenant-c");

        assertThat(store.endpoints(TENANT)).containsExactly(twin(TENANT, EP1));
        assertThat(store.endpoints(OTHER_TENANT)).containsExactly(twin(OTHER_TENANT, OTHER_EP1));
        assertThat(store.subscribedEndpoints(TENANT, "email.opened")).containsExactly(twin(TENANT, EP1));
        assertThat(store.subscribedEndpoints(OTHER_TENANT, "email.opened")).containsExactly(twin(OTHER_TENANT, OTHER_EP1));
        assertThat(store.endpoint(TENANT, EP1)).contains(twin(TENANT, EP1));
        assertThat(store.endpoint(TENANT, OTHER_EP1)).isEmpty();
        assertThat(store.endpoint(OTHER_TENANT, EP1)).isEmpty();
        assertThat(store.endpoints(third)).isEmpty();
        assertThat(store.subscribedEndpoints(third, "email.opened")).isEmpty();
    }

    @Test
    void twoTenantsWithIdenticalEndpointsListOnlyTheirOwnEvents() {
        givenTwinTenants();
        EventQuery all = EventQuery.between(at(0), at(10));

        assertThat(store.events(TENANT, all).items()).containsExactly(event(TENANT, eventId(1), at(1)));
        assertThat(store.events(OTHER_TENANT, all).items()).containsExactly(event(OTHER_TENANT, eventId(2), at(1)));
        assertThat(allEventIds(TENANT, all.withOrder(SortOrder.NEWEST_FIRST))).containsExactly(eventId(1));
        assertThat(allEventIds(TENANT, all.withTypes(Set.of("email.opened")))).containsExactly(eventId(1));
        assertThat(allEventIds(TENANT, all.withDeliveryStatuses(Set.of(DeliveryStatus.DELIVERED)))).containsExactly(eventId(1));
        assertThat(allEventIds(TENANT, all.withEndpoint(EP1))).containsExactly(eventId(1));
        assertThat(allEventIds(TENANT, all.withEndpoint(OTHER_EP1))).isEmpty();
        assertThat(allEventIds(TENANT, all.withEndpoint(OTHER_EP1).withDeliveryStatuses(Set.of(DeliveryStatus.DELIVERED)))).isEmpty();
        assertThat(store.event(TENANT, eventId(2))).isEmpty();
        assertThat(store.event(OTHER_TENANT, eventId(1))).isEmpty();
        assertThat(store.event(OTHER_TENANT, eventId(2))).contains(event(OTHER_TENANT, eventId(2), at(1)));
    }

    @Test
    void twoTenantsWithIdenticalEndpointsListOnlyTheirOwnDeliveriesAndAttempts() {
        List<String> deliveries = givenTwinTenants();
        String ours = deliveries.get(0);
        String theirs = deliveries.get(1);

        assertThat(allDeliveryIds(TENANT, DeliveryQuery.all())).containsExactly(ours);
        assertThat(allDeliveryIds(OTHER_TENANT, DeliveryQuery.all())).containsExactly(theirs);
        assertThat(allDeliveryIds(TENANT, DeliveryQuery.all().withStatuses(Set.of(DeliveryStatus.DELIVERED)))).containsExactly(ours);
        assertThat(allDeliveryIds(TENANT, DeliveryQuery.all().withEvent(eventId(2)))).isEmpty();
        assertThat(allDeliveryIds(TENANT, DeliveryQuery.all().withEndpoint(OTHER_EP1))).isEmpty();
        assertThat(store.delivery(TENANT, theirs)).isEmpty();
        assertThat(store.delivery(OTHER_TENANT, ours)).isEmpty();
        assertThat(stored(OTHER_TENANT, theirs)).isEqualTo(new Delivery(theirs, OTHER_TENANT, eventId(2), OTHER_EP1,
                DeliveryStatus.DELIVERED, 1, null, false, null, null, at(1), at(2)));
        assertThat(store.attempts(TENANT, theirs)).isEmpty();
        assertThat(store.countAttempts(TENANT, theirs)).isZero();
        assertThat(store.attempts(OTHER_TENANT, theirs)).containsExactly(attempt(theirs, 1, at(2)));
        assertThat(store.countAttempts(OTHER_TENANT, theirs)).isEqualTo(1);
    }

    @Test
    void createEndpointRejectsAnIdThatAnotherTenantHolds() {
        givenEndpoints(OTHER_TENANT, OTHER_EP1);

        assertThatThrownBy(() -> store.createEndpoint(endpoint(TENANT, OTHER_EP1))).isInstanceOf(IllegalArgumentException.class);

        assertThat(store.endpoint(TENANT, OTHER_EP1)).isEmpty();
        assertThat(store.endpoints(TENANT)).isEmpty();
        assertThat(store.endpoint(OTHER_TENANT, OTHER_EP1)).contains(endpoint(OTHER_TENANT, OTHER_EP1));
    }

    @Test
    void updateEndpointWithAnotherTenantsIdFailsAsForAnUnknownIdAndChangesNothing() {
        givenTwinTenants();
        Endpoint takeover = twin(TENANT, OTHER_EP1).withUrl("https://attacker.example.com/").withEventTypes(List.of("*"));

        NotFoundException e = assertFailsAsForUnknownIds(() -> store.updateEndpoint(takeover),
                () -> store.updateEndpoint(twin(TENANT, endpointId(404))), Map.of(OTHER_EP1, endpointId(404)));

        assertThat(e.kind()).isEqualTo("endpoint");
        assertThat(store.endpoint(OTHER_TENANT, OTHER_EP1)).contains(twin(OTHER_TENANT, OTHER_EP1));
        assertThat(store.endpoint(TENANT, OTHER_EP1)).isEmpty();
        assertThat(store.endpoint(TENANT, endpointId(404))).isEmpty();
        assertThat(store.endpoints(TENANT)).containsExactly(twin(TENANT, EP1));
    }

    @Test
    void rotateSecretWithAnotherTenantsIdFailsAsForAnUnknownIdAndChangesNothing() {
        givenTwinTenants();
        EndpointSecret fresh = new EndpointSecret("whsec_fresh", at(50), null);

        NotFoundException e = assertFailsAsForUnknownIds(() -> store.rotateSecret(TENANT, OTHER_EP1, fresh, at(50), at(50)),
                () -> store.rotateSecret(TENANT, endpointId(404), fresh, at(50), at(50)), Map.of(OTHER_EP1, endpointId(404)));

        assertThat(e.kind()).isEqualTo("endpoint");
        assertThat(store.endpoint(OTHER_TENANT, OTHER_EP1)).contains(twin(OTHER_TENANT, OTHER_EP1));
        assertThat(store.endpoint(TENANT, EP1)).contains(twin(TENANT, EP1));
    }

    @Test
    void recordEndpointHealthWithAnotherTenantsIdFailsAsForAnUnknownIdAndChangesNothing() {
        givenTwinTenants();

        NotFoundException e = assertFailsAsForUnknownIds(() -> store.recordEndpointHealth(TENANT, OTHER_EP1, false, at(5)),
                () -> store.recordEndpointHealth(TENANT, endpointId(404), false, at(5)), Map.of(OTHER_EP1, endpointId(404)));

        assertThat(e.kind()).isEqualTo("endpoint");
        assertThat(store.endpoint(OTHER_TENANT, OTHER_EP1)).contains(twin(OTHER_TENANT, OTHER_EP1));
        assertThat(store.endpoint(TENANT, EP1)).contains(twin(TENANT, EP1));
    }

    @Test
    void deleteEndpointWithAnotherTenantsIdReturnsFalseAndChangesNothing() {
        givenTwinTenants();
        String pending = givenDeliveryDueAt(OTHER_TENANT, at(3), OTHER_EP1);
        Delivery before = stored(OTHER_TENANT, pending);

        assertThat(store.deleteEndpoint(TENANT, OTHER_EP1, at(10))).isFalse();
        assertThat(store.deleteEndpoint(TENANT, endpointId(404), at(10))).isFalse();

        assertThat(store.endpoint(OTHER_TENANT, OTHER_EP1)).contains(twin(OTHER_TENANT, OTHER_EP1));
        assertThat(stored(OTHER_TENANT, pending)).isEqualTo(before);
        assertThat(store.claimDue(at(10), 10, NODE_B, LEASE, Set.of())).extracting(Delivery::id).containsExactly(pending);
    }

    @Test
    void scheduleReplayWithAnotherTenantsEventOrEndpointFailsAsForUnknownIdsAndChangesNothing() {
        List<String> deliveries = givenTwinTenants();
        List<Delivery> oursBefore = store.deliveries(TENANT, DeliveryQuery.all()).items();
        List<Delivery> theirsBefore = store.deliveries(OTHER_TENANT, DeliveryQuery.all()).items();
        String theirEvent = eventId(2);
        String unknownEvent = eventId(404);
        String unknownEndpoint = endpointId(404);

        NotFoundException theirEventToOurs = assertFailsAsForUnknownIds(
                () -> store.scheduleReplay(TENANT, theirEvent, EP1, deliveryId(999), at(100)),
                () -> store.scheduleReplay(TENANT, unknownEvent, EP1, deliveryId(999), at(100)),
                Map.of(theirEvent, unknownEvent));
        NotFoundException ourEventToTheirs = assertFailsAsForUnknownIds(
                () -> store.scheduleReplay(TENANT, eventId(1), OTHER_EP1, deliveryId(999), at(100)),
                () -> store.scheduleReplay(TENANT, eventId(1), unknownEndpoint, deliveryId(999), at(100)),
                Map.of(OTHER_EP1, unknownEndpoint));
        assertFailsAsForUnknownIds(
                () -> store.scheduleReplay(TENANT, theirEvent, OTHER_EP1, deliveryId(999), at(100)),
                () -> store.scheduleReplay(TENANT, unknownEvent, unknownEndpoint, deliveryId(999), at(100)),
                Map.of(theirEvent, unknownEvent, OTHER_EP1, unknownEndpoint));

        assertThat(theirEventToOurs.kind()).isEqualTo("event");
        assertThat(ourEventToTheirs.kind()).isEqualTo("endpoint");
        assertThat(store.delivery(TENANT, deliveryId(999))).isEmpty();
        assertThat(store.delivery(OTHER_TENANT, deliveryId(999))).isEmpty();
        assertThat(store.deliveries(TENANT, DeliveryQuery.all()).items()).isEqualTo(oursBefore);
        assertThat(store.deliveries(OTHER_TENANT, DeliveryQuery.all()).items()).isEqualTo(theirsBefore);
        assertThat(stored(OTHER_TENANT, deliveries.get(1)).status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(store.claimDue(at(1000), 10, NODE_B, LEASE, Set.of())).isEmpty();
    }

    // ==== tenants: append ========================================================================

    @Test
    void appendKeepsTheSubscriberKey() {
        StoredEvent keyed = subscriberEvent(TENANT, eventId(1), at(1), SUBSCRIBER);
        StoredEvent unkeyed = event(eventId(2), at(2));

        assertThat(store.append(keyed, List.of()).event()).isEqualTo(keyed);
        store.append(unkeyed, List.of());

        assertThat(store.event(TENANT, keyed.id())).contains(keyed);
        assertThat(store.event(TENANT, unkeyed.id()).orElseThrow().subscriberKey()).isNull();
        assertThat(store.events(TENANT, EventQuery.between(at(0), at(10))).items()).containsExactly(keyed, unkeyed);
    }

    @Test
    void appendKeepsTheTraceContextAndEventsWithoutOneReadBackWithAnEmptyOne() {
        StoredEvent traced = event(eventId(1), at(1)).withTraceContext(Map.of(
                "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                "tracestate", "vendor=" + "x".repeat(StoredEvent.MAX_TRACE_CONTEXT_VALUE_LENGTH - 7)));
        StoredEvent untraced = subscriberEvent(TENANT, eventId(2), at(2), SUBSCRIBER);
        givenEndpoints(EP1);

        assertThat(store.append(traced, List.of(pendingTo(EP1))).event()).isEqualTo(traced);
        store.append(untraced, List.of());

        assertThat(store.event(TENANT, traced.id())).contains(traced);
        assertThat(store.event(TENANT, untraced.id()).orElseThrow().traceContext()).isEmpty();
        assertThat(store.events(TENANT, EventQuery.between(at(0), at(10))).items()).containsExactly(traced, untraced);
        assertThat(store.append(traced.withTraceContext(Map.of()), List.of()).event()).isEqualTo(traced);
    }

    @Test
    void settingASubscriberKeyKeepsTheTraceContext() {
        StoredEvent traced = subscriberEvent(TENANT, eventId(1), at(1), null)
                .withTraceContext(Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
        store.append(traced, List.of());

        assertThat(store.setSubscriberKeys(TENANT, Map.of(traced.id(), SUBSCRIBER))).isEqualTo(1);

        assertThat(store.event(TENANT, traced.id()).orElseThrow())
                .extracting(StoredEvent::subscriberKey, StoredEvent::traceContext)
                .containsExactly(SUBSCRIBER, traced.traceContext());
    }

    @Test
    void appendRefusesADeliveryToAnotherTenantsEndpointAsToAnUnknownOneAndWritesNothing() {
        givenEndpoints(TENANT, EP1);
        givenEndpoints(OTHER_TENANT, OTHER_EP1);
        StoredEvent event = event(eventId(1), at(0));
        NewDelivery own = pendingTo(EP1);
        NewDelivery foreign = pendingTo(OTHER_EP1);
        NewDelivery unknown = pendingTo(endpointId(404));

        NotFoundException e = assertFailsAsForUnknownIds(() -> store.append(event, List.of(own, foreign)),
                () -> store.append(event, List.of(own, unknown)), Map.of(OTHER_EP1, endpointId(404)));

        assertThat(e.kind()).isEqualTo("endpoint");
        assertThat(e.id()).isEqualTo(OTHER_EP1);
        for (TenantId tenant : List.of(TENANT, OTHER_TENANT)) {
            assertThat(store.event(tenant, event.id())).isEmpty();
            assertThat(allEventIds(tenant, EventQuery.between(at(-10), at(10)))).isEmpty();
            assertThat(allDeliveryIds(tenant, DeliveryQuery.all())).isEmpty();
            assertThat(store.delivery(tenant, own.id())).isEmpty();
            assertThat(store.delivery(tenant, foreign.id())).isEmpty();
        }
        assertThat(store.claimDue(at(10), 10, NODE_A, LEASE, Set.of())).isEmpty();
    }

    @Test
    void appendRefusesAnEventIdThatAnotherTenantHoldsAndWritesNothing() {
        givenEndpoints(TENANT, EP1);
        givenEndpoints(OTHER_TENANT, OTHER_EP1);
        StoredEvent theirs = event(OTHER_TENANT, eventId(1), at(0));
        List<Delivery> theirDeliveries = givenEvent(theirs, OTHER_EP1).deliveries();
        StoredEvent ours = event(TENANT, eventId(1), "email.clicked", at(5));
        StoredEvent oursAlike = event(TENANT, eventId(1), at(0));
        NewDelivery own = pendingTo(EP1);

        assertThatThrownBy(() -> store.append(ours, List.of(own)))
                .isInstanceOf(StoreException.class).isNotInstanceOf(NotFoundException.class)
                .hasMessageNotContaining(OTHER_TENANT.value()).hasMessageNotContaining(OTHER_EP1);
        assertThatThrownBy(() -> store.append(oursAlike, List.of()))
                .isInstanceOf(StoreException.class).isNotInstanceOf(NotFoundException.class);

        assertThat(store.event(TENANT, theirs.id())).isEmpty();
        assertThat(store.delivery(TENANT, own.id())).isEmpty();
        assertThat(store.delivery(OTHER_TENANT, own.id())).isEmpty();
        assertThat(allEventIds(TENANT, EventQuery.between(at(-10), at(10)))).isEmpty();
        assertThat(allDeliveryIds(TENANT, DeliveryQuery.all())).isEmpty();
        assertThat(store.event(OTHER_TENANT, theirs.id())).contains(theirs);
        assertThat(store.deliveries(OTHER_TENANT, DeliveryQuery.all()).items()).isEqualTo(theirDeliveries);
        assertThat(store.claimDue(at(10), 10, NODE_A, LEASE, Set.of())).extracting(Delivery::id)
                .containsExactly(theirDeliveries.get(0).id());
    }

    @Test
    void appendRefusesADeliveryIdThatAnotherTenantHolds() {
        givenEndpoints(TENANT, EP1);
        givenEndpoints(OTHER_TENANT, OTHER_EP1);
        Delivery theirs = givenEvent(event(OTHER_TENANT, eventId(1), at(0)), OTHER_EP1).deliveries().get(0);

        assertThatThrownBy(() -> store.append(event(eventId(2), at(1)),
                List.of(new NewDelivery(theirs.id(), EP1, DeliveryStatus.PENDING)))).isInstanceOf(StoreException.class);

        assertThat(store.event(TENANT, eventId(2))).isEmpty();
        assertThat(store.delivery(TENANT, theirs.id())).isEmpty();
        assertThat(stored(OTHER_TENANT, theirs.id())).isEqualTo(theirs);
    }

    @Test
    void scheduleReplayRefusesANewDeliveryIdThatAnotherTenantHolds() {
        givenEndpoints(TENANT, EP1, EP2);
        givenEndpoints(OTHER_TENANT, OTHER_EP1);
        givenEvent(event(TENANT, eventId(1), at(0)), EP1);
        Delivery theirs = givenEvent(event(OTHER_TENANT, eventId(2), at(0)), OTHER_EP1).deliveries().get(0);

        assertThatThrownBy(() -> store.scheduleReplay(TENANT, eventId(1), EP2, theirs.id(), at(100)))
                .isInstanceOf(StoreException.class).isNotInstanceOf(NotFoundException.class);

        assertThat(store.delivery(TENANT, theirs.id())).isEmpty();
        assertThat(allDeliveryIds(TENANT, DeliveryQuery.all().withEndpoint(EP2))).isEmpty();
        assertThat(stored(OTHER_TENANT, theirs.id())).isEqualTo(theirs);
    }

    @Test
    void concurrentAppendsOfOneEventIdByTwoTenantsStoreItForOneOnly() throws Exception {
        givenEndpoints(TENANT, EP1);
        givenEndpoints(OTHER_TENANT, OTHER_EP1);
        List<WebhookStore> instances = List.of(store, sameDataStore(store));
        AtomicInteger threads = new AtomicInteger();

        List<Map.Entry<TenantId, Object>> results = runConcurrently(8, () -> {
            int thread = threads.getAndIncrement();
            TenantId tenant = thread % 2 == 0 ? TENANT : OTHER_TENANT;
            NewDelivery delivery = pendingTo(thread % 2 == 0 ? EP1 : OTHER_EP1);
            try {
                return Map.<TenantId, Object>entry(tenant, instances.get(thread / 2 % 2).append(event(tenant, eventId(1), at(0)), List.of(delivery)));
            } catch (StoreException e) {
                return Map.<TenantId, Object>entry(tenant, e);
            }
        });

        List<AppendResult> created = results.stream().map(Map.Entry::getValue).filter(AppendResult.class::isInstance)
                .map(AppendResult.class::cast).filter(AppendResult::created).toList();
        assertThat(created).hasSize(1);
        TenantId winner = created.get(0).event().tenant();
        TenantId loser = winner.equals(TENANT) ? OTHER_TENANT : TENANT;
        assertThat(results).allSatisfy(result -> {
            if (result.getKey().equals(winner)) {
                assertThat(result.getValue()).isInstanceOfSatisfying(AppendResult.class, appended -> {
                    assertThat(appended.event()).isEqualTo(created.get(0).event());
                    assertThat(appended.deliveries()).isEqualTo(created.get(0).deliveries());
                });
            } else {
                assertThat(result.getValue()).isInstanceOf(StoreException.class).isNotInstanceOf(NotFoundException.class);
            }
        });
        assertThat(store.event(winner, eventId(1))).contains(event(winner, eventId(1), at(0)));
        assertThat(store.event(loser, eventId(1))).isEmpty();
        assertThat(allDeliveryIds(winner, DeliveryQuery.all())).hasSize(1);
        assertThat(allDeliveryIds(loser, DeliveryQuery.all())).isEmpty();
    }

    // ==== tenants: cursors =======================================================================

    @Test
    void anEventsCursorOfOneTenantOnlyPositionsAnotherTenantsListing() {
        for (int n = 1; n <= 6; n++) {
            store.append(event(TENANT, eventId(n), at(n)), List.of());
            store.append(event(OTHER_TENANT, eventId(100 + n), at(n)), List.of());
        }
        EventQuery query = EventQuery.between(at(0), at(10)).withLimit(3);
        EventQuery newestFirst = query.withOrder(SortOrder.NEWEST_FIRST);

        Page<StoredEvent> ours = store.events(TENANT, query);
        Page<StoredEvent> theirs = store.events(OTHER_TENANT, query);
        Page<StoredEvent> oursNewestFirst = store.events(TENANT, newestFirst);

        assertThat(ids(ours, StoredEvent::id)).isEqualTo(eventIds(1, 2, 3));
        assertThat(ids(theirs, StoredEvent::id)).isEqualTo(eventIds(101, 102, 103));
        // Our cursor stands after (at(3), evt_…3): their evt_…103 at the same time sorts after it.
        assertThat(ids(store.events(OTHER_TENANT, query.withCursor(ours.nextCursor())), StoredEvent::id))
                .isEqualTo(eventIds(103, 104, 105));
        assertThat(allEventIds(OTHER_TENANT, query.withCursor(ours.nextCursor()))).isEqualTo(eventIds(103, 104, 105, 106));
        // Their cursor stands after (at(3), evt_…103): our evt_…3 at the same time sorts before it.
        assertThat(allEventIds(TENANT, query.withCursor(theirs.nextCursor()))).isEqualTo(eventIds(4, 5, 6));
        // Newest first, our cursor stands after (at(4), evt_…4), which their evt_…104 sorts before.
        assertThat(ids(oursNewestFirst, StoredEvent::id)).isEqualTo(eventIds(6, 5, 4));
        assertThat(allEventIds(OTHER_TENANT, newestFirst.withCursor(oursNewestFirst.nextCursor())))
                .isEqualTo(eventIds(103, 102, 101));
    }

    @Test
    void aDeliveriesCursorOfOneTenantOnlyPositionsAnotherTenantsListing() {
        givenEndpoints(TENANT, EP1);
        givenEndpoints(OTHER_TENANT, OTHER_EP1);
        List<String> ours = new ArrayList<>();
        List<String> theirs = new ArrayList<>();
        for (int n = 1; n <= 6; n++) {
            // Created at the same time, our delivery ids sort just before theirs.
            ours.add(givenEvent(event(TENANT, eventId(n), at(n)), EP1).deliveries().get(0).id());
            theirs.add(givenEvent(event(OTHER_TENANT, eventId(100 + n), at(n)), OTHER_EP1).deliveries().get(0).id());
        }
        DeliveryQuery query = DeliveryQuery.all().withLimit(3);

        Page<Delivery> ourPage = store.deliveries(TENANT, query);
        Page<Delivery> theirPage = store.deliveries(OTHER_TENANT, query);

        assertThat(ids(ourPage, Delivery::id)).isEqualTo(ours.subList(0, 3));
        assertThat(ids(theirPage, Delivery::id)).isEqualTo(theirs.subList(0, 3));
        assertThat(ids(store.deliveries(OTHER_TENANT, query.withCursor(ourPage.nextCursor())), Delivery::id))
                .isEqualTo(theirs.subList(2, 5));
        assertThat(allDeliveryIds(OTHER_TENANT, query.withCursor(ourPage.nextCursor()))).isEqualTo(theirs.subList(2, 6));
        assertThat(allDeliveryIds(TENANT, query.withCursor(theirPage.nextCursor()))).isEqualTo(ours.subList(3, 6));
        assertThat(allDeliveryIds(TENANT, query.withEndpoint(OTHER_EP1).withCursor(theirPage.nextCursor()))).isEmpty();
    }

    // ==== deleting an endpoint ===================================================================

    @Test
    void deleteEndpointRemovesItCancelsItsPendingDeliveriesAndKeepsItsLog() {
        givenEndpoints(EP1, EP2);
        String delivered = givenDeliveryDueAt(at(1), EP1);
        givenDelivered(delivered, at(1));
        String failed = givenDeliveryDueAt(at(2), EP1);
        givenFailed(failed, at(2));
        String retrying = givenDeliveryDueAt(at(3), EP1);
        recordAs(NODE_A, refusedAttempt(retrying, 1, at(3)), DeliveryOutcome.retryAt(at(60)));
        String due = givenDeliveryDueAt(at(4), EP1);
        List<Delivery> shared = givenEvent(event(eventId(5), at(5)), EP1, EP2).deliveries();
        String notYetDue = givenDeliveryDueAt(at(500), EP1);
        List<String> ofEp1 = List.of(delivered, failed, retrying, due, shared.get(0).id(), notYetDue);
        Map<String, Delivery> before = new LinkedHashMap<>();
        ofEp1.forEach(id -> before.put(id, stored(id)));
        Delivery toEp2 = shared.get(1);

        assertThat(store.deleteEndpoint(TENANT, EP1, at(100))).isTrue();

        assertThat(store.endpoint(TENANT, EP1)).isEmpty();
        assertThat(store.endpoints(TENANT)).containsExactly(endpoint(EP2));
        assertThat(store.subscribedEndpoints(TENANT, "email.opened")).containsExactly(endpoint(EP2));
        assertThat(stored(delivered)).isEqualTo(before.get(delivered));
        assertThat(stored(failed)).isEqualTo(before.get(failed));
        for (String pending : List.of(retrying, due, shared.get(0).id(), notYetDue)) {
            assertThat(stored(pending)).isEqualTo(before.get(pending).withStatus(DeliveryStatus.CANCELLED)
                    .withNextAttemptAt(null).withUpdatedAt(at(100)));
        }
        assertThat(stored(toEp2.id())).isEqualTo(toEp2);
        assertThat(allDeliveryIds(DeliveryQuery.all().withEndpoint(EP1))).isEqualTo(ofEp1);
        assertThat(store.attempts(TENANT, delivered)).containsExactly(attempt(delivered, 1, at(1)));
        assertThat(store.attempts(TENANT, retrying)).containsExactly(refusedAttempt(retrying, 1, at(3)));
        assertThat(allEventIds(EventQuery.between(at(0), at(1000)).withEndpoint(EP1))).hasSize(6);
        assertThat(allEventIds(EventQuery.between(at(0), at(1000))
                .withEndpoint(EP1).withDeliveryStatuses(Set.of(DeliveryStatus.CANCELLED)))).hasSize(4);
        assertThat(store.claimDue(at(1000), 100, NODE_B, LEASE, Set.of())).extracting(Delivery::id).containsExactly(toEp2.id());
    }

    @Test
    void aLeasedDeliveryOfADeletedEndpointIsCancelledAndItsAttemptIsNotRecorded() {
        givenEndpoints(EP1);
        String deliveryId = givenDeliveryDueAt(at(0), EP1);
        Delivery leased = claimed(deliveryId, NODE_A, at(0));

        assertThat(store.deleteEndpoint(TENANT, EP1, at(5))).isTrue();

        Delivery cancelled = leased.withStatus(DeliveryStatus.CANCELLED).withNextAttemptAt(null).withLeaseOwner(null)
                .withLeaseExpiresAt(null).withUpdatedAt(at(5));
        assertThat(stored(deliveryId)).isEqualTo(cancelled);
        assertThat(store.recordAttempt(NODE_A, attempt(deliveryId, 1, at(1)), DeliveryOutcome.delivered(), at(6))).isFalse();
        assertThat(store.resolve(deliveryId, NODE_A, DeliveryOutcome.retryAt(at(60)), at(6))).isFalse();
        assertThat(store.release(deliveryId, NODE_A)).isFalse();
        assertThatThrownBy(() -> store.recordEndpointHealth(TENANT, EP1, true, at(6)))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.kind()).isEqualTo("endpoint"));
        assertThat(stored(deliveryId)).isEqualTo(cancelled);
        assertThat(store.attempts(TENANT, deliveryId)).isEmpty();
        assertThat(store.claimDue(at(1000), 10, NODE_B, LEASE, Set.of())).isEmpty();
    }

    @Test
    void deleteEndpointReturnsFalseForAnUnknownOrAlreadyDeletedEndpoint() {
        givenEndpoints(EP1);

        assertThat(store.deleteEndpoint(TENANT, endpointId(404), at(1))).isFalse();
        assertThat(store.deleteEndpoint(TENANT, EP1, at(1))).isTrue();
        assertThat(store.deleteEndpoint(TENANT, EP1, at(2))).isFalse();
    }

    @Test
    void aDeletedEndpointCannotBeChangedDeliveredToOrReplayedTo() {
        givenEndpoints(EP1, EP2);
        String deliveryId = givenDeliveryDueAt(at(0), EP1);
        givenDelivered(deliveryId, at(0));
        String eventId = stored(deliveryId).eventId();
        store.deleteEndpoint(TENANT, EP1, at(10));

        assertThatThrownBy(() -> store.updateEndpoint(endpoint(EP1))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> store.rotateSecret(TENANT, EP1, new EndpointSecret("whsec_x", at(20), null), at(20), at(20)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> store.scheduleReplay(TENANT, eventId, EP1, deliveryId(999), at(20)))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.id()).isEqualTo(EP1));
        assertThatThrownBy(() -> store.append(event(eventId(2), at(20)), List.of(pendingTo(EP2), pendingTo(EP1))))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.id()).isEqualTo(EP1));

        assertThat(store.endpoint(TENANT, EP1)).isEmpty();
        assertThat(store.event(TENANT, eventId(2))).isEmpty();
        assertThat(store.delivery(TENANT, deliveryId(999))).isEmpty();
        assertThat(stored(deliveryId).status()).isEqualTo(DeliveryStatus.DELIVERED);
    }

    // ==== deleting a tenant ======================================================================

    /**
     * A tenant's endpoints, events, deliveries and attempts as its scoped reads return them.
     *
     * @param attempts every delivery's attempts, by delivery id in listing order
     */
    private record TenantData(List<Endpoint> endpoints, List<StoredEvent> events, List<Delivery> deliveries,
            Map<String, List<DeliveryAttempt>> attempts) {

        static final TenantData EMPTY = new TenantData(List.of(), List.of(), List.of(), Map.of());

        long attemptCount() {
            return attempts.values().stream().mapToLong(List::size).sum();
        }

        ErasureCounts counts() {
            return new ErasureCounts(events.size(), deliveries.size(), attemptCount(), endpoints.size());
        }

        /** What a deletion that left {@code after} removed from this. */
        ErasureCounts removedBy(TenantData after) {
            return new ErasureCounts(events.size() - after.events.size(), deliveries.size() - after.deliveries.size(),
                    attemptCount() - after.attemptCount(), endpoints.size() - after.endpoints.size());
        }

        /** This without those events and their deliveries and attempts. */
        TenantData without(Set<String> eventIds) {
            List<Delivery> kept = deliveries.stream().filter(delivery -> !eventIds.contains(delivery.eventId())).toList();
            Map<String, List<DeliveryAttempt>> keptAttempts = new LinkedHashMap<>();
            kept.forEach(delivery -> keptAttempts.put(delivery.id(), attempts.get(delivery.id())));
            return new TenantData(endpoints, events.stream().filter(event -> !eventIds.contains(event.id())).toList(),
                    kept, keptAttempts);
        }
    }

    private TenantData dataOf(TenantId tenant) {
        List<Delivery> deliveries = allDeliveries(tenant, DeliveryQuery.all().withLimit(EventQuery.MAX_LIMIT));
        Map<String, List<DeliveryAttempt>> attempts = new LinkedHashMap<>();
        deliveries.forEach(delivery -> attempts.put(delivery.id(), store.attempts(tenant, delivery.id())));
        return new TenantData(store.endpoints(tenant), allEvents(tenant, EVERY_EVENT), deliveries, attempts);
    }

    /**
     * Appends {@code count} events of the tenant a second apart from {@code at(1)}, numbered from
     * {@code firstEvent}, with that subscriber key (or none) and a pending delivery to each endpoint;
     * then takes the first delivery of every third event from the first through a successful attempt
     * (1 attempt), of every third from the second through a retry and a failure (2 attempts), and
     * leaves the rest pending and due.
     */
    private void givenEventsWithHistory(TenantId tenant, long firstEvent, int count, String subscriberKey,
            String... endpointIds) {
        for (int i = 0; i < count; i++) {
            StoredEvent event = subscriberEvent(tenant, eventId(firstEvent + i), at(i + 1), subscriberKey);
            String first = givenEvent(event, endpointIds).deliveries().get(0).id();
            if (i % 3 == 0) {
                givenDelivered(first, at(i + 1));
            } else if (i % 3 == 1) {
                recordAs(NODE_A, refusedAttempt(first, 1, at(i + 1)), DeliveryOutcome.retryAt(at(i + 1)));
                givenFailed(first, at(i + 1));
            }
        }
    }

    /** The ids of the pending deliveries in that data. */
    private static List<String> pendingIds(TenantData data) {
        return data.deliveries().stream().filter(delivery -> delivery.status() == DeliveryStatus.PENDING)
                .map(Delivery::id).toList();
    }

    /** Repeats the batch through that store until it deletes nothing (at most 10 000 times); the sum. */
    private static ErasureCounts untilEmpty(Callable<ErasureCounts> batch) throws Exception {
        ErasureCounts total = ErasureCounts.NONE;
        for (int calls = 0; calls < 10_000; calls++) {
            ErasureCounts counts = batch.call();
            if (counts.isEmpty()) {
                return total;
            }
            total = total.plus(counts);
        }
        throw new AssertionError("still deleting after 10 000 batches: " + total);
    }

    @Test
    void deleteTenantBatchDeletesTheEndpointsFirstThenTheEventsInBatchesWithExactCounts() {
        givenEndpoints(TENANT, EP1, EP2, EP3);
        givenEventsWithHistory(TENANT, 1, 5, null, EP1, EP2, EP3);
        givenEndpoints(OTHER_TENANT, OTHER_EP1);
        givenEventsWithHistory(OTHER_TENANT, 101, 3, null, OTHER_EP1);
        TenantData initial = dataOf(TENANT);
        assertThat(initial.counts()).isEqualTo(new ErasureCounts(5, 15, 6, 3));

        ErasureCounts first = store.deleteTenantBatch(TENANT, 2);

        assertThat(first).isEqualTo(new ErasureCounts(0, 0, 0, 2));
        assertThat(store.endpoints(TENANT)).hasSize(1);
        assertThat(allEventIds(EVERY_EVENT)).hasSize(5);
        TenantData before = dataOf(TENANT);
        ErasureCounts total = first;
        for (int call = 2; !before.equals(TenantData.EMPTY); call++) {
            assertThat(call).as("calls").isLessThanOrEqualTo(6);
            ErasureCounts batch = store.deleteTenantBatch(TENANT, 2);
            TenantData after = dataOf(TENANT);
            assertThat(batch).as("call %d", call).isEqualTo(before.removedBy(after));
            assertThat(batch.endpoints()).as("endpoints of call %d", call).isLessThanOrEqualTo(2);
            if (before.endpoints().isEmpty()) {
                assertThat(batch.events()).as("events of call %d", call).isEqualTo(Math.min(2, before.events().size()));
            }
            if (!after.endpoints().isEmpty()) {
                assertThat(batch.events()).as("events of call %d, while endpoints are left", call).isZero();
            }
            total = total.plus(batch);
            before = after;
        }
        assertThat(total).isEqualTo(initial.counts());
        assertThat(store.deleteTenantBatch(TENANT, 2)).isEqualTo(ErasureCounts.NONE);
    }

    @Test
    void deletingATenantUntilNothingIsLeftLeavesNothingOfItAndSparesTheOther() throws Exception {
        givenEndpoints(TENANT, EP1, EP2);
        givenEventsWithHistory(TENANT, 1, 7, SUBSCRIBER, EP1, EP2);
        givenEndpoints(OTHER_TENANT, OTHER_EP1, OTHER_EP2);
        givenEventsWithHistory(OTHER_TENANT, 101, 4, SUBSCRIBER, OTHER_EP1, OTHER_EP2);
        TenantData ours = dataOf(TENANT);
        TenantData theirs = dataOf(OTHER_TENANT);

        ErasureCounts total = untilEmpty(() -> store.deleteTenantBatch(TENANT, 3));

        assertThat(total).isEqualTo(ours.counts());
        assertThat(dataOf(TENANT)).isEqualTo(TenantData.EMPTY);
        for (Delivery delivery : ours.deliveries()) {
            assertThat(store.delivery(TENANT, delivery.id())).isEmpty();
            assertThat(store.attempts(TENANT, delivery.id())).isEmpty();
            assertThat(store.countAttempts(TENANT, delivery.id())).isZero();
        }
        ours.events().forEach(event -> assertThat(store.event(TENANT, event.id())).isEmpty());
        assertThat(store.endpoint(TENANT, EP1)).isEmpty();
        assertThat(store.subscribedEndpoints(TENANT, "email.opened")).isEmpty();
        assertThat(store.eraseSubscriberBatch(TENANT, SUBSCRIBER, 10)).isEqualTo(ErasureCounts.NONE);
        assertThat(dataOf(OTHER_TENANT)).isEqualTo(theirs);
        assertThat(store.claimDue(at(1000), 1000, NODE_B, LEASE, Set.of())).extracting(Delivery::id)
                .containsExactlyInAnyOrderElementsOf(pendingIds(theirs));
    }

    @Test
    void deleteTenantBatchIsIdempotent() throws Exception {
        givenEndpoints(TENANT, EP1);
        givenEventsWithHistory(TENANT, 1, 3, null, EP1);
        givenEndpoints(OTHER_TENANT, OTHER_EP1);
        givenEventsWithHistory(OTHER_TENANT, 101, 3, null, OTHER_EP1);
        TenantData theirs = dataOf(OTHER_TENANT);
        untilEmpty(() -> store.deleteTenantBatch(TENANT, 2));

        assertThat(store.deleteTenantBatch(TENANT, 2)).isEqualTo(ErasureCounts.NONE);
        assertThat(store.deleteTenantBatch(TENANT, 1000)).isEqualTo(ErasureCounts.NONE);
        assertThat(store.deleteTenantBatch(TenantId.of("never-seen"), 1)).isEqualTo(ErasureCounts.NONE);
        assertThat(dataOf(TENANT)).isEqualTo(TenantData.EMPTY);
        assertThat(dataOf(OTHER_TENANT)).isEqualTo(theirs);
    }

    @Test
    void anAttemptInFlightWhenItsTenantIsDeletedIsNotRecorded() throws Exception {
        givenEndpoints(EP1);
        String deliveryId = givenDeliveryDueAt(at(0), EP1);
        claimed(deliveryId, NODE_A, at(0));

        assertThat(untilEmpty(() -> store.deleteTenantBatch(TENANT, 1))).isEqualTo(new ErasureCounts(1, 1, 0, 1));

        assertThat(store.recordAttempt(NODE_A, attempt(deliveryId, 1, at(1)), DeliveryOutcome.delivered(), at(2))).isFalse();
        assertThat(store.resolve(deliveryId, NODE_A, DeliveryOutcome.retryAt(at(60)), at(2))).isFalse();
        assertThat(store.release(deliveryId, NODE_A)).isFalse();
        assertThat(store.delivery(TENANT, deliveryId)).isEmpty();
        assertThat(store.attempts(TENANT, deliveryId)).isEmpty();
        assertThat(store.claimDue(at(1000), 10, NODE_B, LEASE, Set.of())).isEmpty();
    }

    @Test
    void erasureRejectsABatchSizeBelowOne() {
        givenEndpoints(EP1);
        givenEvent(subscriberEvent(TENANT, eventId(1), at(0), SUBSCRIBER), EP1);

        assertThatThrownBy(() -> store.deleteTenantBatch(TENANT, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.eraseSubscriberBatch(TENANT, SUBSCRIBER, 0)).isInstanceOf(IllegalArgumentException.class);

        assertThat(store.endpoints(TENANT)).hasSize(1);
        assertThat(store.event(TENANT, eventId(1))).isPresent();
    }

    // ==== erasing a subscriber ===================================================================

    @Test
    void eraseSubscriberBatchDeletesOnlyThatTenantsEventsOfTheSubscriberInBatches() {
        givenEndpoints(TENANT, EP1, EP2);
        givenEndpoints(OTHER_TENANT, OTHER_EP1);
        givenEventsWithHistory(TENANT, 1, 5, SUBSCRIBER, EP1, EP2);
        givenEventsWithHistory(TENANT, 11, 3, subscriberKey(2), EP1, EP2);
        givenEventsWithHistory(TENANT, 21, 3, null, EP1);
        givenEventsWithHistory(OTHER_TENANT, 31, 3, SUBSCRIBER, OTHER_EP1);
        TenantData ours = dataOf(TENANT);
        TenantData theirs = dataOf(OTHER_TENANT);
        TenantData expected = ours.without(Set.copyOf(eventIds(1, 2, 3, 4, 5)));

        List<ErasureCounts> batches = new ArrayList<>();
        TenantData before = ours;
        for (int call = 1; call <= 4; call++) {
            ErasureCounts batch = store.eraseSubscriberBatch(TENANT, SUBSCRIBER, 2);
            TenantData after = dataOf(TENANT);
            assertThat(batch).as("call %d", call).isEqualTo(before.removedBy(after));
            batches.add(batch);
            before = after;
        }

        assertThat(batches).extracting(ErasureCounts::events).containsExactly(2L, 2L, 1L, 0L);
        assertThat(batches).extracting(ErasureCounts::endpoints).containsOnly(0L);
        assertThat(batches.stream().reduce(ErasureCounts.NONE, ErasureCounts::plus)).isEqualTo(new ErasureCounts(5, 10, 6, 0));
        assertThat(dataOf(TENANT)).isEqualTo(expected);
        assertThat(dataOf(OTHER_TENANT)).isEqualTo(theirs);
        assertThat(store.claimDue(at(1000), 1000, NODE_B, LEASE, Set.of())).extracting(Delivery::id)
                .containsExactlyInAnyOrderElementsOf(concat(pendingIds(expected), pendingIds(theirs)));
    }

    @Test
    void eventsWithoutASubscriberKeyAreListedPerTenantAndTypeOldestFirstUntilTheyTakeOne() {
        givenEndpoints(EP1);
        givenEndpoints(OTHER_TENANT, OTHER_EP1);
        store.append(event(eventId(3), "email.bounced", at(3)), List.of(pendingTo(EP1)));
        store.append(event(eventId(1), "email.opened", at(1)), List.of());
        store.append(event(eventId(2), "campaign.sent", at(2)), List.of());
        store.append(subscriberEvent(TENANT, eventId(4), at(4), SUBSCRIBER), List.of());
        store.append(event(OTHER_TENANT, eventId(5), "email.opened", at(0)), List.of());
        Set<String> types = Set.of("email.opened", "email.bounced");

        assertThat(store.eventsWithoutSubscriberKey(TENANT, types, 10)).extracting(StoredEvent::id)
                .containsExactly(eventId(1), eventId(3));
        assertThat(store.eventsWithoutSubscriberKey(TENANT, types, 1)).extracting(StoredEvent::id)
                .containsExactly(eventId(1));
        assertThat(store.eventsWithoutSubscriberKey(TENANT, Set.of(), 10)).isEmpty();

        // Only the tenant's own events without a key take one: not another tenant's, not one keyed already.
        int set = store.setSubscriberKeys(TENANT, Map.of(eventId(1), SUBSCRIBER, eventId(4), subscriberKey(9),
                eventId(5), SUBSCRIBER, eventId(99), SUBSCRIBER));

        assertThat(set).isEqualTo(1);
        assertThat(store.eventsWithoutSubscriberKey(TENANT, types, 10)).extracting(StoredEvent::id)
                .containsExactly(eventId(3));
        assertThat(store.event(TENANT, eventId(1)).orElseThrow().subscriberKey()).isEqualTo(SUBSCRIBER);
        assertThat(store.event(TENANT, eventId(4)).orElseThrow().subscriberKey()).isEqualTo(SUBSCRIBER);
        assertThat(store.event(OTHER_TENANT, eventId(5)).orElseThrow().subscriberKey()).isNull();
        assertThat(store.eraseSubscriberBatch(TENANT, SUBSCRIBER, 10).events()).isEqualTo(2);
        assertThatThrownBy(() -> store.eventsWithoutSubscriberKey(TENANT, types, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("limit must be at least 1: 0");
    }

    @Test
    void eraseSubscriberBatchIsIdempotent() throws Exception {
        givenEndpoints(TENANT, EP1);
        givenEndpoints(OTHER_TENANT, OTHER_EP1);
        givenEventsWithHistory(TENANT, 1, 3, SUBSCRIBER, EP1);
        givenEventsWithHistory(TENANT, 11, 2, subscriberKey(2), EP1);
        givenEventsWithHistory(OTHER_TENANT, 21, 2, SUBSCRIBER, OTHER_EP1);
        assertThat(untilEmpty(() -> store.eraseSubscriberBatch(TENANT, SUBSCRIBER, 2))).isEqualTo(new ErasureCounts(3, 3, 3, 0));
        TenantData ours = dataOf(TENANT);
        TenantData theirs = dataOf(OTHER_TENANT);

        assertThat(store.eraseSubscriberBatch(TENANT, SUBSCRIBER, 2)).isEqualTo(ErasureCounts.NONE);
        assertThat(store.eraseSubscriberBatch(TENANT, subscriberKey(404), 2)).isEqualTo(ErasureCounts.NONE);
        assertThat(store.eraseSubscriberBatch(TenantId.of("never-seen"), SUBSCRIBER, 2)).isEqualTo(ErasureCounts.NONE);

        assertThat(dataOf(TENANT)).isEqualTo(ours);
        assertThat(dataOf(OTHER_TENANT)).isEqualTo(theirs);
        assertThat(ours.events()).extracting(StoredEvent::id).isEqualTo(eventIds(11, 12));
    }

    @Test
    void anAttemptInFlightWhenItsSubscriberIsErasedIsNotRecorded() {
        givenEndpoints(EP1);
        String deliveryId = givenEvent(subscriberEvent(TENANT, eventId(1), at(0), SUBSCRIBER), EP1).deliveries().get(0).id();
        claimed(deliveryId, NODE_A, at(0));

        assertThat(store.eraseSubscriberBatch(TENANT, SUBSCRIBER, 10)).isEqualTo(new ErasureCounts(1, 1, 0, 0));

        assertThat(store.recordAttempt(NODE_A, attempt(deliveryId, 1, at(1)), DeliveryOutcome.delivered(), at(2))).isFalse();
        assertThat(store.resolve(deliveryId, NODE_A, DeliveryOutcome.retryAt(at(60)), at(2))).isFalse();
        assertThat(store.delivery(TENANT, deliveryId)).isEmpty();
        assertThat(store.attempts(TENANT, deliveryId)).isEmpty();
        assertThat(store.claimDue(at(1000), 10, NODE_B, LEASE, Set.of())).isEmpty();
        assertThat(store.endpoints(TENANT)).containsExactly(endpoint(EP1));
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> both = new ArrayList<>(first);
        both.addAll(second);
        return both;
    }

    // ==== erasure racing with delivery ===========================================================

    /**
     * Claims due deliveries of every endpoint but the excluded ones at {@code at(10)} through that
     * store and records a failed attempt due again at once, over and over, until {@code stop} says
     * so; how many attempts it recorded.
     */
    private static long deliverUntil(WebhookStore instance, Set<String> excluded, AtomicInteger stop, int stopAt) {
        long recorded = 0;
        while (stop.get() < stopAt && !Thread.currentThread().isInterrupted()) {
            List<Delivery> batch = instance.claimDue(at(10), 5, NODE_B, LEASE, excluded);
            for (Delivery delivery : batch) {
                if (instance.recordAttempt(NODE_B, refusedAttempt(delivery.id(), delivery.attemptCount() + 1, at(10)),
                        DeliveryOutcome.retryAt(at(10)), at(10))) {
                    recorded++;
                }
            }
            if (batch.isEmpty()) {
                Thread.yield();
            }
        }
        return recorded;
    }

    /** Repeats the batch until it deletes nothing, then counts itself done; the sum. */
    private static Callable<ErasureCounts> deleter(Callable<ErasureCounts> batch, AtomicInteger done) {
        return () -> {
            try {
                return untilEmpty(batch);
            } finally {
                done.incrementAndGet();
            }
        };
    }

    @Test
    void concurrentTenantDeletionsWhileANodeDeliversLeaveNothingOfTheTenant() throws Exception {
        String[] ourEndpoints = {EP1, EP2, EP3, endpointId(4), endpointId(5)};
        givenEndpoints(TENANT, ourEndpoints);
        givenEndpoints(OTHER_TENANT, OTHER_EP1, OTHER_EP2);
        List<String> ours = givenPendingDeliveries(TENANT, 1, 40, ourEndpoints);
        List<String> theirs = givenPendingDeliveries(OTHER_TENANT, 1001, 20, OTHER_EP1, OTHER_EP2);
        ours.subList(0, 10).forEach(deliveryId -> givenDelivered(deliveryId, T0));
        TenantData theirsBefore = dataOf(OTHER_TENANT);
        WebhookStore other = sameDataStore(store);
        WebhookStore deliverer = sameDataStore(store);
        AtomicInteger deletersDone = new AtomicInteger();
        AtomicLong recorded = new AtomicLong();
        List<Callable<ErasureCounts>> nodes = List.of(
                deleter(() -> store.deleteTenantBatch(TENANT, 7), deletersDone),
                deleter(() -> other.deleteTenantBatch(TENANT, 7), deletersDone),
                () -> {
                    recorded.set(deliverUntil(deliverer, Set.of(OTHER_EP1, OTHER_EP2), deletersDone, 2));
                    return ErasureCounts.NONE;
                });

        List<ErasureCounts> counts = runConcurrently(nodes);

        assertThat(counts.stream().reduce(ErasureCounts.NONE, ErasureCounts::plus))
                .isEqualTo(new ErasureCounts(40, 200, 10 + recorded.get(), 5));
        assertThat(dataOf(TENANT)).isEqualTo(TenantData.EMPTY);
        assertThat(dataOf(OTHER_TENANT)).isEqualTo(theirsBefore);
        assertThat(store.claimDue(at(10), 1000, NODE_A, LEASE, Set.of())).extracting(Delivery::id)
                .containsExactlyInAnyOrderElementsOf(theirs);
    }

    @Test
    void concurrentSubscriberErasuresWhileANodeDeliversLeaveNothingOfTheSubscriber() throws Exception {
        givenEndpoints(TENANT, EP1, EP2, EP3);
        givenEndpoints(OTHER_TENANT, OTHER_EP1);
        List<String> erased = new ArrayList<>();
        for (int n = 1; n <= 30; n++) {
            givenEvent(subscriberEvent(TENANT, eventId(n), T0, SUBSCRIBER), EP1, EP2).deliveries()
                    .forEach(delivery -> erased.add(delivery.id()));
        }
        erased.subList(0, 5).forEach(deliveryId -> givenDelivered(deliveryId, T0));
        for (int n = 31; n <= 45; n++) {
            givenEvent(subscriberEvent(TENANT, eventId(n), T0, n <= 40 ? subscriberKey(2) : null), EP3);
        }
        for (int n = 51; n <= 60; n++) {
            givenEvent(subscriberEvent(OTHER_TENANT, eventId(n), T0, SUBSCRIBER), OTHER_EP1);
        }
        TenantData expected = dataOf(TENANT).without(Set.copyOf(eventIds(LongStream.rangeClosed(1, 30).toArray())));
        TenantData theirsBefore = dataOf(OTHER_TENANT);
        WebhookStore other = sameDataStore(store);
        WebhookStore deliverer = sameDataStore(store);
        AtomicInteger erasersDone = new AtomicInteger();
        AtomicLong recorded = new AtomicLong();
        List<Callable<ErasureCounts>> nodes = List.of(
                deleter(() -> store.eraseSubscriberBatch(TENANT, SUBSCRIBER, 4), erasersDone),
                deleter(() -> other.eraseSubscriberBatch(TENANT, SUBSCRIBER, 4), erasersDone),
                () -> {
                    recorded.set(deliverUntil(deliverer, Set.of(EP3, OTHER_EP1), erasersDone, 2));
                    return ErasureCounts.NONE;
                });

        List<ErasureCounts> counts = runConcurrently(nodes);

        assertThat(counts.stream().reduce(ErasureCounts.NONE, ErasureCounts::plus))
                .isEqualTo(new ErasureCounts(30, 60, 5 + recorded.get(), 0));
        assertThat(dataOf(TENANT)).isEqualTo(expected);
        assertThat(dataOf(OTHER_TENANT)).isEqualTo(theirsBefore);
        assertThat(store.claimDue(at(10), 1000, NODE_A, LEASE, Set.of())).extracting(Delivery::id)
                .containsExactlyInAnyOrderElementsOf(concat(pendingIds(expected), pendingIds(theirsBefore)));
    }
}
