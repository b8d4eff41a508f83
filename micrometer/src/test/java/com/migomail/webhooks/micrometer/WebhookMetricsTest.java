package com.migomail.webhooks.micrometer;

import com.migomail.webhooks.delivery.testing.MutableClock;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.migomail.webhooks.core.EmailOpened;
import com.migomail.webhooks.core.Subscriber;
import com.migomail.webhooks.core.WebhookEvent;
import com.migomail.webhooks.delivery.DeliveryListener;
import com.migomail.webhooks.delivery.EndpointAddressPolicy;
import com.migomail.webhooks.delivery.EndpointRegistration;
import com.migomail.webhooks.delivery.WebhookSender;
import com.migomail.webhooks.store.Delivery;
import com.migomail.webhooks.store.DeliveryAttempt;
import com.migomail.webhooks.store.DeliveryStatus;
import com.migomail.webhooks.store.TenantId;
import com.migomail.webhooks.store.WebhookStore;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookMetricsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final TenantId ACME = TenantId.of("acme");

    private final MutableClock clock = MutableClock.at("2026-01-15T14:22:31Z");
    private final WebhookStore store = WebhookStore.inMemory();
    private final WireMockServer receiver = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeEach
    void startReceiver() {
        receiver.start();
    }

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable closeable : closing) {
            closeable.close();
        }
        receiver.stop();
    }

    @Test
    void successfulDeliveriesArePublishedAttemptedCompletedAndTimedBesideTheHostsOwnListener() {
        receiver.stubFor(post("/hook").willReturn(ok()));
        AtomicInteger hostHeard = new AtomicInteger();
        DeliveryListener own = new DeliveryListener() {
            @Override
            public void onDelivered(Delivery delivery, DeliveryAttempt attempt) {
                hostHeard.incrementAndGet();
            }
        };
        WebhookMetrics metrics = metrics(b -> b);
        WebhookSender sender = startedSender(b -> b.listener(own).listener(metrics.listener()));
        sender.registerEndpoint(ACME, EndpointRegistration.of(url("/hook"), "*"));

        List<String> ids = List.of(publish(sender), publish(sender), publish(sender));

        ids.forEach(id -> awaitStatus(id, DeliveryStatus.DELIVERED));
        await().atMost(WAIT).until(() -> inFlight() == 0 && lagCount() == 3);
        assertThat(registry.get("webhooks.published").tags("type", "email.opened").counter().count()).isEqualTo(3);
        assertThat(attempts("success", "2xx")).isEqualTo(3);
        assertThat(completed("success")).isEqualTo(3);
        assertThat(hostHeard).hasValue(3);
    }

    @Test
    void aRetryThenASuccessIsTwoAttemptsOneCompletionAndTheLagFromPublishToReceipt() {
        stubSequence(serverError(), ok());
        WebhookMetrics metrics = metrics(b -> b);
        WebhookSender sender = startedSender(b -> b.listener(metrics.listener()));
        sender.registerEndpoint(ACME, EndpointRegistration.of(url("/hook"), "*"));
        String id = publish(sender);
        await().atMost(WAIT).until(() -> attempts("retry", "5xx") == 1);

        clock.advance(Duration.ofMinutes(1));

        awaitStatus(id, DeliveryStatus.DELIVERED);
        await().atMost(WAIT).until(() -> lagCount() == 1);
        assertThat(attempts("success", "2xx")).isEqualTo(1);
        assertThat(completed("success")).isEqualTo(1);
        // Published at the start, received a minute later (plus the second attempt's real latency).
        assertThat(registry.get("webhooks.delivery.lag").timer().totalTime(TimeUnit.MILLISECONDS))
                .isBetween(60_000.0, 65_000.0);
    }

    @Test
    void a410GoneFailsTheDeliveryAndCountsTheEndpointAsDisabledForGone() {
        receiver.stubFor(post("/hook").willReturn(aResponse().withStatus(410)));
        WebhookMetrics metrics = metrics(b -> b);
        WebhookSender sender = startedSender(b -> b.listener(metrics.listener()));
        sender.registerEndpoint(ACME, EndpointRegistration.of(url("/hook"), "*"));

        awaitStatus(publish(sender), DeliveryStatus.FAILED);

        await().atMost(WAIT).until(() -> registry.find("webhooks.endpoints.disabled").counter() != null);
        assertThat(attempts("gone", "4xx")).isEqualTo(1);
        assertThat(completed("gone")).isEqualTo(1);
        assertThat(registry.get("webhooks.endpoints.disabled").counter().getId().getTags())
                .containsExactly(Tag.of("reason", "gone"));
        assertThat(registry.get("webhooks.endpoints.disabled").counter().count()).isEqualTo(1);
    }

    @Test
    void aDeliveryThatKeepsFailingRetriesThreeTimesThenFailsAndItsEndpointIsDisabledForFailing() {
        receiver.stubFor(post("/hook").willReturn(serverError()));
        WebhookMetrics metrics = metrics(b -> b);
        WebhookSender sender = startedSender(b -> b.listener(metrics.listener())
                .endpointHealthPeriod(Duration.ofMinutes(30)));
        sender.registerEndpoint(ACME, EndpointRegistration.of(url("/hook"), "*"));
        String id = publish(sender);

        for (int retry = 1; retry <= 3; retry++) {
            int attempted = retry;
            await().atMost(WAIT).until(() -> attempts("retry", "5xx") == attempted && inFlight() == 0);
            clock.advance(Duration.ofMinutes(retry == 1 ? 1 : retry == 2 ? 4 : 25));
        }

        awaitStatus(id, DeliveryStatus.FAILED);
        await().atMost(WAIT).until(() -> completed("failed") == 1);
        assertThat(attempts("failed", "5xx")).isEqualTo(1);
        await().atMost(WAIT).until(() -> registry.find("webhooks.endpoints.disabled").tag("reason", "failing")
                .counter() != null);
    }

    @Test
    void aDeliveryToADisabledEndpointCompletesAsSkippedWithoutAnAttempt() {
        WebhookMetrics metrics = metrics(b -> b);
        WebhookSender sender = startedSender(b -> b.listener(metrics.listener()));
        String endpoint = sender.registerEndpoint(ACME, EndpointRegistration.of(url("/hook"), "*")).endpoint().id();
        sender.disableEndpoint(ACME, endpoint, "paused by the customer");

        publish(sender);

        assertThat(completed("skipped")).isEqualTo(1);
        assertThat(registry.find("webhooks.attempts").timers()).isEmpty();
        assertThat(registry.find("webhooks.endpoints.disabled").counters()).isEmpty();
    }

    @Test
    void theInFlightGaugeCountsAnAttemptWhileItWaitsForTheEndpointAndReturnsToZero() {
        receiver.stubFor(post("/hook").willReturn(ok().withFixedDelay(1500)));
        WebhookMetrics metrics = metrics(b -> b);
        WebhookSender sender = startedSender(b -> b.listener(metrics.listener()));
        sender.registerEndpoint(ACME, EndpointRegistration.of(url("/hook"), "*"));
        assertThat(inFlight()).isZero();

        String id = publish(sender);

        await().atMost(WAIT).until(() -> inFlight() == 1);
        awaitStatus(id, DeliveryStatus.DELIVERED);
        await().atMost(WAIT).until(() -> inFlight() == 0);
    }

    @Test
    void theBacklogGaugeReadsTheDueCountAtMostOncePerInterval() {
        CountingSender counting = new CountingSender();
        WebhookMetrics metrics = metrics(b -> b.backlogInterval(Duration.ofSeconds(10)).backlogExecutor(Runnable::run));
        WebhookSender sender = counting.wrap(sender(b -> b.listener(metrics.listener())));
        sender.registerEndpoint(ACME, EndpointRegistration.of(url("/hook"), "*"));
        publish(sender);

        metrics.bindBacklog(sender);
        assertThat(backlog()).isEqualTo(1);
        publish(sender);
        publish(sender);
        clock.advance(Duration.ofSeconds(9));
        assertThat(backlog()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(backlog()).isEqualTo(3);
        assertThat(backlog()).isEqualTo(3);

        assertThat(counting.dueReads).hasValue(2);
    }

    @Test
    void aScrapeNeverWaitsForTheBacklogReadAndStartsNoSecondOneMeanwhile() throws Exception {
        CountingSender counting = new CountingSender();
        ExecutorService reader = Executors.newSingleThreadExecutor();
        closing.add(reader::shutdownNow);
        WebhookMetrics metrics = metrics(b -> b.backlogExecutor(reader));
        WebhookSender sender = counting.wrap(sender(b -> b.listener(metrics.listener())));
        sender.registerEndpoint(ACME, EndpointRegistration.of(url("/hook"), "*"));
        publish(sender);
        counting.blockReads();

        metrics.bindBacklog(sender);
        await().atMost(WAIT).until(() -> counting.dueReads.get() == 1);
        clock.advance(Duration.ofMinutes(1));

        assertThat(backlog()).isNaN();
        assertThat(backlog()).isNaN();
        assertThat(counting.dueReads).hasValue(1);
        counting.unblockReads();
        await().atMost(WAIT).until(() -> backlog() == 1);
    }

    @Test
    void closingRemovesTheBacklogGaugeAndABindingIsRefusedTwiceOrAfterClosing() {
        WebhookMetrics metrics = metrics(b -> b.backlogExecutor(Runnable::run));
        WebhookSender sender = sender(b -> b.listener(metrics.listener()));
        metrics.bindBacklog(sender);

        assertThatThrownBy(() -> metrics.bindBacklog(sender)).isInstanceOf(IllegalStateException.class)
                .hasMessage("a sender is bound to the backlog gauge already");
        metrics.close();
        assertThat(registry.find("webhooks.backlog").gauge()).isNull();
        assertThatThrownBy(() -> metrics.bindBacklog(sender)).isInstanceOf(IllegalStateException.class)
                .hasMessage("metrics are closed");
    }

    @Test
    void byDefaultNoTagGrowsWithTenantsOrEndpoints() {
        receiver.stubFor(post("/hook").willReturn(ok()));
        WebhookMetrics metrics = metrics(b -> b);
        WebhookSender sender = startedSender(b -> b.listener(metrics.listener()));

        List<String> ids = publishToThreeTenantsWithTwoEndpointsEach(sender);

        ids.forEach(id -> awaitStatus(id, DeliveryStatus.DELIVERED));
        await().atMost(WAIT).until(() -> completed("success") == 6);
        for (Meter meter : registry.getMeters()) {
            assertThat(meter.getId().getTags()).extracting(Tag::getKey)
                    .as(meter.getId().getName()).doesNotContain("tenant", "endpoint");
        }
        assertThat(registry.find("webhooks.attempts").timers()).hasSize(1);
        assertThat(registry.find("webhooks.delivery.lag").timers()).hasSize(1);
    }

    @Test
    void tenantAndEndpointTagsAreAddedOnlyWhenAskedFor() {
        receiver.stubFor(post("/hook").willReturn(ok()));
        WebhookMetrics metrics = metrics(b -> b.tenantTags(true).endpointTags(true));
        WebhookSender sender = startedSender(b -> b.listener(metrics.listener()));

        List<String> ids = publishToThreeTenantsWithTwoEndpointsEach(sender);

        ids.forEach(id -> awaitStatus(id, DeliveryStatus.DELIVERED));
        await().atMost(WAIT).until(() -> registry.find("webhooks.deliveries.completed").counters().size() == 6);
        assertThat(registry.find("webhooks.attempts").timers()).hasSize(6);
        assertThat(registry.find("webhooks.published").counters()).extracting(c -> c.getId().getTag("tenant"))
                .containsExactlyInAnyOrder("t1", "t2", "t3");
        assertThat(registry.find("webhooks.published").counters())
                .allSatisfy(c -> assertThat(c.getId().getTag("endpoint")).isNull());
        assertThat(registry.find("webhooks.attempts").timers().stream().map(t -> t.getId().getTag("endpoint"))
                .collect(Collectors.toSet())).hasSize(6);
    }

    @Test
    void theBuilderRefusesAMissingRegistryAndABacklogIntervalThatIsNotPositive() {
        assertThatThrownBy(() -> WebhookMetrics.builder(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("registry cannot be null");
        assertThatThrownBy(() -> WebhookMetrics.builder(registry).backlogInterval(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("backlogInterval must be positive: PT0S");
        assertThatThrownBy(() -> WebhookMetrics.builder(registry).backlogExecutor(null))
                .isInstanceOf(NullPointerException.class).hasMessage("backlogExecutor cannot be null");
    }

    // ---- fixtures --------------------------------------------------------------------------------

    private List<String> publishToThreeTenantsWithTwoEndpointsEach(WebhookSender sender) {
        List<String> ids = new ArrayList<>();
        for (String tenant : List.of("t1", "t2", "t3")) {
            TenantId id = TenantId.of(tenant);
            sender.registerEndpoint(id, EndpointRegistration.of(url("/hook"), "*"));
            sender.registerEndpoint(id, EndpointRegistration.of(url("/hook"), "*"));
            ids.addAll(sender.publish(id, openedEvent()).deliveryIds().stream().map(d -> tenant + "/" + d).toList());
        }
        return ids;
    }

    private WebhookMetrics metrics(UnaryOperator<WebhookMetrics.Builder> options) {
        WebhookMetrics metrics = options.apply(WebhookMetrics.builder(registry).clock(clock)).build();
        closing.add(metrics);
        return metrics;
    }

    private WebhookSender startedSender(UnaryOperator<WebhookSender.Builder> options) {
        WebhookSender sender = sender(options);
        sender.start();
        return sender;
    }

    private WebhookSender sender(UnaryOperator<WebhookSender.Builder> options) {
        WebhookSender sender = options.apply(WebhookSender.builder().store(store).clock(clock)
                .addressPolicy(EndpointAddressPolicy.allowLoopbackForTesting()).pollInterval(Duration.ofMillis(20))
                .attemptTimeout(Duration.ofSeconds(5)).shutdownTimeout(Duration.ofSeconds(1))).build();
        closing.add(0, sender);
        return sender;
    }

    private String publish(WebhookSender sender) {
        return ACME.value() + "/" + sender.publish(ACME, openedEvent()).deliveryIds().get(0);
    }

    private WebhookEvent openedEvent() {
        return WebhookEvent.of(new EmailOpened("msg_01j8x4k7q3c9v2m5n8p0r6s1td", "cmp_8f2a1b",
                Subscriber.of("jane@example.com", "Jane Smith", "lst_98c2f"), "203.0.113.42",
                "Apple Mail/16.0", "Apple Mail", "iPhone"), clock);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + receiver.port() + path;
    }

    private void stubSequence(ResponseDefinitionBuilder... responses) {
        for (int i = 0; i < responses.length; i++) {
            receiver.stubFor(post("/hook").inScenario("sequence").whenScenarioStateIs(i == 0 ? STARTED : "step" + i)
                    .willSetStateTo("step" + (i + 1)).willReturn(responses[i]));
        }
    }

    /** Waits for a delivery named "tenant/deliveryId" to reach the status. */
    private void awaitStatus(String tenantAndId, DeliveryStatus status) {
        String[] parts = tenantAndId.split("/", 2);
        await().atMost(WAIT).until(() -> store.delivery(TenantId.of(parts[0]), parts[1]).orElseThrow().status() == status);
    }

    private long attempts(String outcome, String statusClass) {
        var timer = registry.find("webhooks.attempts").tags("outcome", outcome, "status_class", statusClass).timer();
        return timer == null ? 0 : timer.count();
    }

    private double completed(String outcome) {
        var counter = registry.find("webhooks.deliveries.completed").tags("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private long lagCount() {
        var timer = registry.find("webhooks.delivery.lag").timer();
        return timer == null ? 0 : timer.count();
    }

    private double inFlight() {
        return registry.get("webhooks.in_flight").gauge().value();
    }

    private double backlog() {
        return registry.get("webhooks.backlog").gauge().value();
    }

    /** Wraps a sender to count its dueDeliveries() calls, and to hold them until told to go on. */
    private static final class CountingSender {
        final AtomicInteger dueReads = new AtomicInteger();
        private volatile CountDownLatch gate = new CountDownLatch(0);

        void blockReads() {
            gate = new CountDownLatch(1);
        }

        void unblockReads() {
            gate.countDown();
        }

        WebhookSender wrap(WebhookSender sender) {
            return (WebhookSender) Proxy.newProxyInstance(WebhookSender.class.getClassLoader(),
                    new Class<?>[] {WebhookSender.class}, (proxy, method, args) -> {
                        if (method.getName().equals("dueDeliveries")) {
                            dueReads.incrementAndGet();
                            gate.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                        }
                        try {
                            return method.invoke(sender, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }
}
