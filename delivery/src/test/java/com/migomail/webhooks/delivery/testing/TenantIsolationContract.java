package com.migomail.webhooks.delivery.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.migomail.webhooks.core.EventType;
import com.migomail.webhooks.core.WebhookEvent;
import com.migomail.webhooks.delivery.EndpointAddressPolicy;
import com.migomail.webhooks.delivery.EndpointRegistration;
import com.migomail.webhooks.delivery.ReplayRequest;
import com.migomail.webhooks.delivery.RetrySchedule;
import com.migomail.webhooks.delivery.UnknownIdException;
import com.migomail.webhooks.delivery.WebhookSender;
import com.migomail.webhooks.store.AttemptCount;
import com.migomail.webhooks.store.AttemptCountQuery;
import com.migomail.webhooks.store.Delivery;
import com.migomail.webhooks.store.DeliveryQuery;
import com.migomail.webhooks.store.DeliveryStatus;
import com.migomail.webhooks.store.Endpoint;
import com.migomail.webhooks.store.EventQuery;
import com.migomail.webhooks.store.StoredEvent;
import com.migomail.webhooks.store.TenantId;
import com.migomail.webhooks.store.WebhookStore;
import com.migomail.webhooks.testing.Cases;
import com.migomail.webhooks.testing.Generator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tenant isolation through the sender, on any store: an implementation's test extends this class
 * and provides {@link #store()}. Every case works in tenants of its own (fresh names), so a store may
 * be shared by all cases, and is then full of other tenants' data, as a real one is.
 */
@ExtendWith(Cases.class)
public abstract class TenantIsolationContract {

    private static final AtomicInteger RUN = new AtomicInteger();
    private static final List<String> FILTERS = List.of("*", "email.*", "subscriber.*", "automation.*", "campaign.*",
            "email.opened", "email.bounced", "campaign.sent", "subscriber.updated");
    private static final List<String> PATHS = List.of("/hooks", "/hooks/a", "/b");

    /**
     * The store under test: may be the same instance for every test of the class.
     *
     * @return a store, empty or holding data of other tenants
     */
    protected abstract WebhookStore store();

    /** One endpoint a case registers. */
    record EndpointSpec(int tenant, String path, List<String> filters, boolean enabled) {}

    /** One event a case publishes. */
    record EventSpec(int tenant, EventType type) {}

    static Stream<Arguments> fanOuts() {
        return Cases.generate(40, random -> {
            int tenants = random.between(2, 4);
            List<EndpointSpec> endpoints = random.list(0, 10, r -> new EndpointSpec(r.between(0, tenants - 1),
                    r.pick(PATHS), r.list(1, 2, g -> g.pick(FILTERS)), r.chance(0.8)));
            List<EventSpec> events = random.list(1, 12, r -> new EventSpec(r.between(0, tenants - 1),
                    r.pick(EventType.class)));
            return Arguments.of(tenants, endpoints, events);
        });
    }

    @ParameterizedTest
    @MethodSource("fanOuts")
    void everyDeliveryGoesToAnEndpointOfTheEventsTenantAndToEachSubscribedOne(int tenantCount,
            List<EndpointSpec> endpointSpecs, List<EventSpec> eventSpecs) {
        List<TenantId> tenants = freshTenants(tenantCount);
        try (WebhookSender sender = sender(Clock.systemUTC())) {
            Map<String, TenantId> ownerOf = new HashMap<>();
            for (EndpointSpec spec : endpointSpecs) {
                // The same URL and filters may be registered by several tenants.
                Endpoint endpoint = sender.registerEndpoint(tenants.get(spec.tenant()),
                        new EndpointRegistration("http://127.0.0.1:9" + spec.path(), spec.filters(), "", Map.of(), null))
                        .endpoint();
                if (!spec.enabled()) {
                    sender.disableEndpoint(endpoint.tenant(), endpoint.id(), "paused");
                }
                ownerOf.put(endpoint.id(), endpoint.tenant());
            }
            for (EventSpec spec : eventSpecs) {
                TenantId tenant = tenants.get(spec.tenant());
                WebhookEvent event = TenantEvents.of(spec.type(), "someone@example.com", Clock.systemUTC());
                List<String> deliveryIds = sender.publish(tenant, event).deliveryIds();

                List<Delivery> deliveries = sender.deliveries(tenant, DeliveryQuery.all().withEvent(event.id())).items();
                Set<String> expected = sender.endpoints(tenant).stream()
                        .filter(endpoint -> endpoint.subscribesTo(event.type()))
                        .map(Endpoint::id).collect(Collectors.toSet());
                assertThat(deliveries).extracting(Delivery::id).containsExactlyInAnyOrderElementsOf(deliveryIds);
                assertThat(deliveries).allSatisfy(delivery -> {
                    assertThat(delivery.tenant()).isEqualTo(tenant);
                    assertThat(ownerOf.get(delivery.endpointId())).isEqualTo(tenant);
                });
                assertThat(deliveries).extracting(Delivery::endpointId).containsExactlyInAnyOrderElementsOf(expected);
                for (TenantId other : tenants) {
                    if (!other.equals(tenant)) {
                        assertThat(sender.deliveries(other, DeliveryQuery.all().withEvent(event.id())).items()).isEmpty();
                        assertThat(eventIds(sender, other)).doesNotContain(event.id());
                        deliveryIds.forEach(id -> assertThat(sender.attempts(other, id)).isEmpty());
                    }
                }
            }
        }
    }

    @Test
    void twoTenantsOnOneReceiverSeeOnlyTheirOwnEventsAfterRetriesAndReplays() throws IOException {
        List<TenantId> tenants = freshTenants(2);
        TenantId acme = tenants.get(0);
        TenantId globex = tenants.get(1);
        try (Receiver receiver = new Receiver(); WebhookSender sender = sender(Clock.systemUTC())) {
            String acmeEndpoint = sender.registerEndpoint(acme, EndpointRegistration.of(receiver.url("/acme"), "*")).id();
            String globexEndpoint = sender.registerEndpoint(globex, EndpointRegistration.of(receiver.url("/globex"), "*"))
                    .id();
            sender.start();
            Instant from = Instant.now().minusSeconds(1);
            Set<String> acmeEvents = new HashSet<>();
            Set<String> globexEvents = new HashSet<>();
            for (EventType type : EventType.values()) {
                acmeEvents.add(sender.publish(acme, TenantEvents.of(type, "jane@example.com", Clock.systemUTC())).eventId());
                globexEvents.add(sender.publish(globex, TenantEvents.of(type, "jane@example.com", Clock.systemUTC()))
                        .eventId());
            }

            // Every first attempt is answered 503, so everything is delivered by a retry.
            awaitAllDelivered(sender, acme, acmeEndpoint, acmeEvents.size());
            awaitAllDelivered(sender, globex, globexEndpoint, globexEvents.size());
            sender.replay(acme, ReplayRequest.between(from, Instant.now().plusSeconds(1)));
            sender.replay(globex, globexEvents.iterator().next());
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    receiver.requests("/acme").size() == 3 * acmeEvents.size()
                            && receiver.requests("/globex").size() == 2 * globexEvents.size() + 1);

            assertThat(Set.copyOf(receiver.requests("/acme"))).isEqualTo(acmeEvents);
            assertThat(Set.copyOf(receiver.requests("/globex"))).isEqualTo(globexEvents);
            String globexEvent = globexEvents.iterator().next();
            assertThatThrownBy(() -> sender.replay(acme, globexEvent)).isInstanceOf(UnknownIdException.class)
                    .hasMessage(unknownMessage(() -> sender.replay(acme, "evt_unknown")).replace("evt_unknown", globexEvent));
            assertThatThrownBy(() -> sender.replay(acme, globexEvent, acmeEndpoint)).isInstanceOf(UnknownIdException.class);
            assertThatThrownBy(() -> sender.replay(acme, acmeEvents.iterator().next(), globexEndpoint))
                    .isInstanceOf(UnknownIdException.class);
            assertThatThrownBy(() -> sender.replay(acme, ReplayRequest.between(from, Instant.now())
                    .withEndpoints(Set.of(globexEndpoint)))).isInstanceOf(UnknownIdException.class);
            assertThatThrownBy(() -> sender.countReplay(acme, ReplayRequest.between(from, Instant.now())
                    .withEndpoints(Set.of(globexEndpoint)))).isInstanceOf(UnknownIdException.class);

            // Each tenant's counts are its own endpoint's attempts, as many as its receiver path got
            // (once the last answers are recorded: the receiver logs a request before it answers).
            AttemptCountQuery range = new AttemptCountQuery(from, Instant.now().plusSeconds(1), Duration.ofDays(1), null);
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    totalAttempts(sender, acme, range) == receiver.requests("/acme").size()
                            && totalAttempts(sender, globex, range) == receiver.requests("/globex").size());
            assertThat(sender.attemptCounts(acme, range)).extracting(AttemptCount::endpointId).containsExactly(acmeEndpoint);
            assertThat(sender.attemptCounts(globex, range)).extracting(AttemptCount::endpointId)
                    .containsExactly(globexEndpoint);
            assertThat(sender.attemptCounts(acme, range.withEndpoint(globexEndpoint))).isEmpty();
            assertThat(sender.latestAttempt(acme, globexEndpoint)).isEmpty();
            assertThat(sender.latestAttempt(globex, globexEndpoint)).isPresent();
        }
    }

    @Test
    void anotherTenantsEndpointIdBehavesExactlyAsAnUnknownOne() {
        List<TenantId> tenants = freshTenants(2);
        try (WebhookSender sender = sender(Clock.systemUTC())) {
            Endpoint theirs = sender.registerEndpoint(tenants.get(1),
                    EndpointRegistration.of("http://127.0.0.1:9/hooks", "*")).endpoint();
            TenantId mine = tenants.get(0);
            String unknown = "ep_00000000000000000000000000";
            List<java.util.function.Function<String, Object>> calls = List.of(
                    id -> sender.updateEndpoint(mine, id, EndpointRegistration.of("http://127.0.0.1:9/x", "*")),
                    id -> sender.rotateSecret(mine, id),
                    id -> sender.enableEndpoint(mine, id),
                    id -> sender.disableEndpoint(mine, id, "no"),
                    id -> sender.sendTest(mine, id, TenantEvents.of(EventType.EMAIL_OPENED, "jane@example.com",
                            Clock.systemUTC())),
                    id -> sender.countReplay(mine, ReplayRequest.between(Instant.EPOCH, Instant.now())
                            .withEndpoints(Set.of(id))),
                    id -> {
                        sender.deleteEndpoint(mine, id);
                        return null;
                    });
            for (var call : calls) {
                String expected = unknownMessage(() -> call.apply(unknown));
                assertThatThrownBy(() -> call.apply(theirs.id())).isInstanceOf(UnknownIdException.class)
                        .hasMessage(expected.replace(unknown, theirs.id()));
            }
            assertThat(sender.endpoint(mine, theirs.id())).isEmpty();
            assertThat(sender.endpoints(mine)).isEmpty();
            assertThat(sender.latestAttempt(mine, theirs.id())).isEmpty();
            assertThat(sender.attemptCounts(mine, AttemptCountQuery.hourly(Instant.now().minusSeconds(3600),
                    Instant.now()).withEndpoint(theirs.id()))).isEmpty();
            assertThat(sender.endpoint(tenants.get(1), theirs.id()).orElseThrow())
                    .usingRecursiveComparison().ignoringFields("updatedAt").isEqualTo(theirs);
        }
    }

    @Test
    void erasingASubscriberRemovesExactlyThatTenantsEventsOfThatAddress() {
        List<TenantId> tenants = freshTenants(2);
        TenantId acme = tenants.get(0);
        TenantId globex = tenants.get(1);
        try (WebhookSender sender = sender(Clock.systemUTC())) {
            sender.registerEndpoint(acme, EndpointRegistration.of("http://127.0.0.1:9/hooks", "*"));
            sender.registerEndpoint(globex, EndpointRegistration.of("http://127.0.0.1:9/hooks", "*"));
            List<String> janeAtAcme = new ArrayList<>();
            for (EventType type : EventType.values()) {
                String id = sender.publish(acme, TenantEvents.of(type, "Jane@Example.com", Clock.systemUTC())).eventId();
                if (!type.wireName().startsWith("campaign.")) {
                    janeAtAcme.add(id);
                }
                sender.publish(globex, TenantEvents.of(type, "jane@example.com", Clock.systemUTC()));
                sender.publish(acme, TenantEvents.of(type, "john@example.com", Clock.systemUTC()));
            }
            Set<String> acmeBefore = eventIds(sender, acme);
            Set<String> globexBefore = eventIds(sender, globex);

            var erased = sender.eraseSubscriber(acme, "JANE@example.COM");

            assertThat(erased.events()).isEqualTo(10);
            assertThat(erased.deliveries()).isEqualTo(10);
            assertThat(erased.endpoints()).isZero();
            Set<String> acmeAfter = eventIds(sender, acme);
            assertThat(acmeAfter).doesNotContainAnyElementsOf(janeAtAcme).hasSize(acmeBefore.size() - 10);
            assertThat(eventIds(sender, globex)).isEqualTo(globexBefore);
            janeAtAcme.forEach(id -> assertThat(sender.deliveries(acme, DeliveryQuery.all().withEvent(id)).items())
                    .isEmpty());
            assertThat(sender.eraseSubscriber(acme, "jane@example.com").isEmpty()).isTrue();
        }
    }

    @Test
    void deletingATenantLeavesNothingOfItAndTheOtherTenantUntouched() {
        List<TenantId> tenants = freshTenants(2);
        TenantId gone = tenants.get(0);
        TenantId stays = tenants.get(1);
        try (WebhookSender sender = sender(Clock.systemUTC())) {
            for (TenantId tenant : tenants) {
                sender.registerEndpoint(tenant, EndpointRegistration.of("http://127.0.0.1:9/hooks", "*"));
                sender.registerEndpoint(tenant, EndpointRegistration.of("http://127.0.0.1:9/b", "email.*"));
                for (EventType type : EventType.values()) {
                    sender.publish(tenant, TenantEvents.of(type, "jane@example.com", Clock.systemUTC()));
                }
            }
            Set<String> staying = eventIds(sender, stays);

            var deleted = sender.deleteTenant(gone);

            assertThat(deleted.endpoints()).isEqualTo(2);
            assertThat(deleted.events()).isEqualTo(12);
            assertThat(deleted.deliveries()).isEqualTo(12 + 6);
            assertThat(sender.endpoints(gone)).isEmpty();
            assertThat(eventIds(sender, gone)).isEmpty();
            assertThat(sender.deliveries(gone, DeliveryQuery.all()).items()).isEmpty();
            assertThat(sender.endpoints(stays)).hasSize(2);
            assertThat(eventIds(sender, stays)).isEqualTo(staying);
            assertThat(sender.deliveries(stays, DeliveryQuery.all().withLimit(100)).items()).hasSize(18);
            assertThat(sender.deleteTenant(gone).isEmpty()).isTrue();
        }
    }

    private WebhookSender sender(Clock clock) {
        return WebhookSender.builder()
                .store(store())
                .clock(clock)
                .addressPolicy(EndpointAddressPolicy.allowLoopbackForTesting())
                .pollInterval(Duration.ofMillis(50))
                .retrySchedule(RetrySchedule.fixed(Duration.ofMillis(100), 5))
                .replayBatch(1000, Duration.ZERO)
                .attemptTimeout(Duration.ofSeconds(5))
                .shutdownTimeout(Duration.ofSeconds(1))
                .build();
    }

    private static void awaitAllDelivered(WebhookSender sender, TenantId tenant, String endpointId, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> sender.deliveries(tenant,
                DeliveryQuery.all().withEndpoint(endpointId).withStatuses(Set.of(DeliveryStatus.DELIVERED)))
                .items().size() == count);
    }

    private static long totalAttempts(WebhookSender sender, TenantId tenant, AttemptCountQuery query) {
        return sender.attemptCounts(tenant, query).stream().mapToLong(AttemptCount::total).sum();
    }

    /** Every event id the tenant can list. */
    private static Set<String> eventIds(WebhookSender sender, TenantId tenant) {
        Set<String> ids = new HashSet<>();
        EventQuery query = EventQuery.between(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z")).withLimit(100);
        String cursor = null;
        do {
            var page = sender.events(tenant, query.withCursor(cursor));
            page.items().stream().map(StoredEvent::id).forEach(ids::add);
            cursor = page.nextCursor();
        } while (cursor != null);
        return ids;
    }

    private static List<TenantId> freshTenants(int count) {
        int run = RUN.incrementAndGet();
        String prefix = "t" + Long.toString(System.nanoTime() % 1_000_000_000L, 36) + "-" + run + "-";
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> TenantId.of(prefix + i)).toList();
    }

    private static String unknownMessage(Runnable call) {
        try {
            call.run();
        } catch (UnknownIdException e) {
            return e.getMessage();
        }
        throw new AssertionError("an unknown id was accepted");
    }

    /** A loopback receiver that answers each event's first request per path 503 and later ones 204. */
    private static final class Receiver implements AutoCloseable {
        private final HttpServer server;
        private final ExecutorService threads = Executors.newFixedThreadPool(8);
        private final Map<String, List<String>> byPath = new ConcurrentHashMap<>();
        private final Set<String> seen = ConcurrentHashMap.newKeySet();

        Receiver() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
            server.createContext("/", this::handle);
            server.setExecutor(threads);
            server.start();
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        List<String> requests(String path) {
            return byPath.getOrDefault(path, List.of());
        }

        private void handle(HttpExchange exchange) throws IOException {
            try (InputStream body = exchange.getRequestBody()) {
                body.readAllBytes();
            }
            String path = exchange.getRequestURI().getPath();
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            byPath.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(id);
            exchange.sendResponseHeaders(seen.add(path + " " + id) ? 503 : 204, -1);
            exchange.close();
        }

        @Override
        public void close() {
            server.stop(0);
            threads.shutdownNow();
        }
    }
}
