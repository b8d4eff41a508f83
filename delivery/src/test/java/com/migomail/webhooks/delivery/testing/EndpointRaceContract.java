package com.migomail.webhooks.delivery.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.migomail.webhooks.core.EventType;
import com.migomail.webhooks.delivery.EndpointAddressPolicy;
import com.migomail.webhooks.delivery.EndpointRegistration;
import com.migomail.webhooks.delivery.HostResolver;
import com.migomail.webhooks.delivery.RegisteredEndpoint;
import com.migomail.webhooks.delivery.RetrySchedule;
import com.migomail.webhooks.delivery.WebhookSender;
import com.migomail.webhooks.store.Endpoint;
import com.migomail.webhooks.store.EndpointSecret;
import com.migomail.webhooks.store.TenantId;
import com.migomail.webhooks.store.WebhookStore;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Changes of one endpoint racing each other through the sender, on any store: none may undo
 * another. An implementation's test extends this class and provides {@link #store()}. The races are
 * made deterministic with a resolver that holds {@code updateEndpoint}'s address check of the new
 * URL until the other change is done; each case is repeated, and works in a tenant of its own, so a
 * store may be shared by all cases.
 */
public abstract class EndpointRaceContract {

    private static final AtomicInteger RUN = new AtomicInteger();
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** The host of the URL an update moves the endpoint to; resolving it waits for the gate. */
    private static final String MOVED_HOST = "moved.webhooks.test";
    private static final String MOVED_URL = "http://" + MOVED_HOST + ":9/hooks/v2";

    private final Gate gate = new Gate();
    private final ExecutorService callers = Executors.newFixedThreadPool(2);
    private final List<AutoCloseable> resources = new ArrayList<>();

    /**
     * The store under test: may be the same instance for every test of the class.
     *
     * @return a store, empty or holding data of other tenants
     */
    protected abstract WebhookStore store();

    @AfterEach
    void closeEverything() throws Exception {
        gate.open();
        callers.shutdownNow();
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    @RepeatedTest(50)
    void aDisableDuringAnUpdatesAddressCheckIsKeptAndTheUpdateToo() throws Exception {
        WebhookSender sender = sender(builder -> builder);
        TenantId tenant = freshTenant();
        String id = sender.registerEndpoint(tenant, EndpointRegistration.of("http://127.0.0.1:9/hooks", "email.*"))
                .id();

        Future<Endpoint> update = updateHeldAtTheAddressCheck(sender, tenant, id);
        Endpoint disabled = sender.disableEndpoint(tenant, id, "abuse");
        gate.open();
        Endpoint updated = update.get(WAIT.toSeconds(), TimeUnit.SECONDS);

        Endpoint stored = sender.endpoint(tenant, id).orElseThrow();
        assertMoved(stored);
        assertThat(stored.enabled()).isFalse();
        assertThat(stored.disabledReason()).isEqualTo("abuse");
        assertThat(stored.secrets()).isEqualTo(disabled.secrets());
        assertThat(updated).isEqualTo(stored);
    }

    @RepeatedTest(50)
    void anEnableDuringAnUpdatesAddressCheckIsKeptAndTheUpdateToo() throws Exception {
        WebhookSender sender = sender(builder -> builder);
        TenantId tenant = freshTenant();
        String id = sender.registerEndpoint(tenant, EndpointRegistration.of("http://127.0.0.1:9/hooks", "email.*"))
                .id();
        sender.disableEndpoint(tenant, id, "paused");

        Future<Endpoint> update = updateHeldAtTheAddressCheck(sender, tenant, id);
        sender.enableEndpoint(tenant, id);
        gate.open();
        update.get(WAIT.toSeconds(), TimeUnit.SECONDS);

        Endpoint stored = sender.endpoint(tenant, id).orElseThrow();
        assertMoved(stored);
        assertThat(stored.enabled()).isTrue();
        assertThat(stored.disabledReason()).isNull();
    }

    @RepeatedTest(50)
    void aRotationAndADisableDuringAnUpdatesAddressCheckAreKeptAndTheUpdateToo() throws Exception {
        WebhookSender sender = sender(builder -> builder);
        TenantId tenant = freshTenant();
        String id = sender.registerEndpoint(tenant, EndpointRegistration.of("http://127.0.0.1:9/hooks", "email.*"))
                .id();

        Future<Endpoint> update = updateHeldAtTheAddressCheck(sender, tenant, id);
        RegisteredEndpoint rotated = sender.rotateSecret(tenant, id);
        sender.disableEndpoint(tenant, id, "abuse");
        gate.open();
        update.get(WAIT.toSeconds(), TimeUnit.SECONDS);

        Endpoint stored = sender.endpoint(tenant, id).orElseThrow();
        assertMoved(stored);
        assertThat(stored.disabledReason()).isEqualTo("abuse");
        assertThat(stored.enabled()).isFalse();
        assertThat(stored.secrets()).isEqualTo(rotated.endpoint().secrets());
        assertThat(stored.secrets()).last().extracting(EndpointSecret::key).isEqualTo(rotated.key().encoded());
    }

    @RepeatedTest(50)
    void anAutomaticDisableOfAFailingEndpointDuringAnUpdatesAddressCheckIsKeptAndTheUpdateToo() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        Receiver failing = new Receiver(500);
        WebhookSender sender = sender(builder -> builder.clock(clock)
                .retrySchedule(RetrySchedule.fixed(Duration.ofSeconds(1), 5))
                .endpointHealthPeriod(Duration.ofMinutes(1)));
        sender.start();
        TenantId tenant = freshTenant();
        String id = sender.registerEndpoint(tenant, EndpointRegistration.of(failing.url("/hooks"), "email.*")).id();
        sender.publish(tenant, TenantEvents.of(EventType.EMAIL_OPENED, "jane@example.com", clock));
        await().atMost(WAIT).until(() -> sender.endpoint(tenant, id).orElseThrow().failingSince() != null);

        Future<Endpoint> update = updateHeldAtTheAddressCheck(sender, tenant, id);
        // The retry falls due, fails again, and the endpoint has failed for the whole health period.
        clock.advance(Duration.ofMinutes(2));
        await().atMost(WAIT).until(() -> !sender.endpoint(tenant, id).orElseThrow().enabled());
        gate.open();
        update.get(WAIT.toSeconds(), TimeUnit.SECONDS);

        Endpoint stored = sender.endpoint(tenant, id).orElseThrow();
        assertMoved(stored);
        assertThat(stored.enabled()).isFalse();
        assertThat(stored.disabledReason()).startsWith("every attempt failed since ");
        assertThat(failing.requests()).isGreaterThanOrEqualTo(2);
    }

    @RepeatedTest(50)
    void updatesRotationsAndDisablesFromThreeThreadsAllSurvive() throws Exception {
        WebhookSender sender = sender(builder -> builder);
        TenantId tenant = freshTenant();
        String id = sender.registerEndpoint(tenant, EndpointRegistration.of("http://127.0.0.1:9/hooks", "email.*"))
                .id();
        int rounds = 10;
        List<String> rotatedKeys = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> done = List.of(threads.submit(() -> {
                start.await();
                for (int i = 0; i < rounds; i++) {
                    sender.updateEndpoint(tenant, id, EndpointRegistration.of("http://127.0.0.1:9/hooks/" + i, "*")
                            .withDescription("update " + i).withMetadata(Map.of("round", Integer.toString(i))));
                }
                return null;
            }), threads.submit(() -> {
                start.await();
                // Nine: the first key and nine rotations are the ten keys an endpoint may have active.
                for (int i = 0; i < rounds - 1; i++) {
                    synchronized (rotatedKeys) {
                        rotatedKeys.add(sender.rotateSecret(tenant, id).key().encoded());
                    }
                }
                return null;
            }), threads.submit(() -> {
                start.await();
                for (int i = 0; i < rounds; i++) {
                    sender.enableEndpoint(tenant, id);
                    sender.disableEndpoint(tenant, id, "abuse " + i);
                }
                return null;
            }));
            start.countDown();
            for (Future<?> thread : done) {
                thread.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        Endpoint stored = sender.endpoint(tenant, id).orElseThrow();
        int last = rounds - 1;
        assertThat(stored.url()).isEqualTo("http://127.0.0.1:9/hooks/" + last);
        assertThat(stored.description()).isEqualTo("update " + last);
        assertThat(stored.metadata()).isEqualTo(Map.of("round", Integer.toString(last)));
        assertThat(stored.eventTypes()).containsExactly("*");
        assertThat(stored.enabled()).isFalse();
        assertThat(stored.disabledReason()).isEqualTo("abuse " + last);
        assertThat(stored.secrets()).extracting(EndpointSecret::key).containsAll(rotatedKeys);
    }

    /** Starts an update to {@link #MOVED_URL}; returns once it has read the endpoint and waits in the address check. */
    private Future<Endpoint> updateHeldAtTheAddressCheck(WebhookSender sender, TenantId tenant, String id)
            throws InterruptedException {
        Future<Endpoint> update = CompletableFuture.supplyAsync(() -> sender.updateEndpoint(tenant, id,
                EndpointRegistration.of(MOVED_URL, "*").withDescription("moved").withMetadata(Map.of("moved", "yes"))),
                callers);
        assertThat(gate.awaitHeld()).as("the update reached the address check").isTrue();
        return update;
    }

    private static void assertMoved(Endpoint stored) {
        assertThat(stored.url()).isEqualTo(MOVED_URL);
        assertThat(stored.eventTypes()).containsExactly("*");
        assertThat(stored.description()).isEqualTo("moved");
        assertThat(stored.metadata()).isEqualTo(Map.of("moved", "yes"));
    }

    private WebhookSender sender(UnaryOperator<WebhookSender.Builder> options) {
        WebhookSender sender = options.apply(WebhookSender.builder()
                        .store(store())
                        .addressPolicy(EndpointAddressPolicy.allowLoopbackForTesting().withResolver(gate))
                        .pollInterval(Duration.ofMillis(20))
                        .attemptTimeout(Duration.ofSeconds(5))
                        .shutdownTimeout(Duration.ofSeconds(1)))
                .build();
        resources.add(sender);
        return sender;
    }

    private static TenantId freshTenant() {
        return TenantId.of("race-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36) + "-" + RUN.incrementAndGet());
    }

    /**
     * Resolves {@link #MOVED_HOST} to loopback only once opened, and says when a lookup of it waits;
     * every other host as the JVM does.
     */
    private static final class Gate implements HostResolver {
        private final CountDownLatch held = new CountDownLatch(1);
        private final CountDownLatch opened = new CountDownLatch(1);

        @Override
        public List<InetAddress> resolve(String host) throws UnknownHostException {
            if (!host.equals(MOVED_HOST)) {
                return List.of(InetAddress.getAllByName(host));
            }
            held.countDown();
            try {
                if (!opened.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                    throw new UnknownHostException(host + ": the test never opened the gate");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UnknownHostException(host + ": interrupted at the gate");
            }
            return List.of(InetAddress.getLoopbackAddress());
        }

        boolean awaitHeld() throws InterruptedException {
            return held.await(WAIT.toSeconds(), TimeUnit.SECONDS);
        }

        void open() {
            opened.countDown();
        }
    }

    /** A loopback receiver answering every request with one status. */
    private final class Receiver {
        private final HttpServer server;
        private final AtomicInteger requests = new AtomicInteger();

        Receiver(int status) throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
            server.createContext("/", exchange -> {
                try (InputStream body = exchange.getRequestBody()) {
                    body.readAllBytes();
                }
                requests.incrementAndGet();
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
            resources.add(() -> server.stop(0));
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        int requests() {
            return requests.get();
        }
    }
}
