package com.migomail.webhooks.delivery;

import static com.migomail.webhooks.delivery.TestTenants.TENANT;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.tuple;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.migomail.webhooks.core.EventCodec;
import com.migomail.webhooks.core.WebhookEvent;
import com.migomail.webhooks.signing.SignatureScheme;
import com.migomail.webhooks.signing.WebhookVerifier;
import com.migomail.webhooks.store.Delivery;
import com.migomail.webhooks.store.DeliveryAttempt;
import com.migomail.webhooks.store.DeliveryOutcome;
import com.migomail.webhooks.store.DeliveryStatus;
import com.migomail.webhooks.store.Endpoint;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DeliveryAttemptsTest extends SenderTestSupport {

    @Test
    void postsTheEventSignedWithBothSchemesAndExactlyTheWireHeaders() {
        receiver.stubFor(post("/hook").willReturn(ok()));
        WebhookSender sender = startedSender(b -> b);
        RegisteredEndpoint endpoint = sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "email.*"));
        WebhookEvent event = openedEvent();

        PublishReceipt receipt = sender.publish(TENANT, event);

        awaitStatus(receipt.deliveryIds().get(0), DeliveryStatus.DELIVERED);
        LoggedRequest request = receiver.findAll(postRequestedFor(urlEqualTo("/hook"))).get(0);
        assertThat(request.getBody()).isEqualTo(EventCodec.write(event));
        assertThat(request.getHeaders().all().stream().map(HttpHeader::key).map(String::toLowerCase)
                .filter(name -> !Set.of("host", "content-length").contains(name)).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("content-type", "user-agent", "x-migomail-event",
                        "x-migomail-signature", "webhook-id", "webhook-timestamp", "webhook-signature");
        assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(request.getHeader("User-Agent")).isEqualTo("Migomail-Webhooks/0.1.0-SNAPSHOT");
        assertThat(request.getHeader("X-Migomail-Event")).isEqualTo("email.opened");
        assertThat(request.getHeader("webhook-id")).isEqualTo(event.id());
        assertThat(request.getHeader("webhook-timestamp")).isEqualTo(String.valueOf(clock.instant().getEpochSecond()));
        assertThat(request.getHeader("X-Migomail-Signature")).startsWith("sha256=");
        assertThat(request.getHeader("webhook-signature")).startsWith("v1,");
        for (SignatureScheme scheme : SignatureScheme.values()) {
            WebhookVerifier verifier = WebhookVerifier.builder()
                    .key(endpoint.key().encoded()).clock(clock).schemes(scheme).build();
            assertThatCode(() -> verifier.verify(headersOf(request), request.getBody())).doesNotThrowAnyException();
        }
    }

    @Test
    void retriesOneThenFiveMinutesAfterTheFirstAttemptUntilA2xx() {
        stubSequence(serverError(), serverError(), ok());
        WebhookSender sender = startedSender(b -> b);
        sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*"));
        Instant start = clock.instant();
        String deliveryId = sender.publish(TENANT, openedEvent()).deliveryIds().get(0);

        awaitAttempts(deliveryId, 1);
        assertThat(delivery(deliveryId).nextAttemptAt()).isEqualTo(start.plus(Duration.ofMinutes(1)));
        clock.advance(Duration.ofMinutes(1));
        awaitAttempts(deliveryId, 2);
        assertThat(delivery(deliveryId).nextAttemptAt()).isEqualTo(start.plus(Duration.ofMinutes(5)));
        clock.advance(Duration.ofMinutes(4));
        awaitStatus(deliveryId, DeliveryStatus.DELIVERED);

        assertThat(store.attempts(TENANT, deliveryId)).extracting(DeliveryAttempt::startedAt, DeliveryAttempt::statusCode)
                .containsExactly(
                        tuple(start, 500),
                        tuple(start.plus(Duration.ofMinutes(1)), 500),
                        tuple(start.plus(Duration.ofMinutes(5)), 200));
        assertThat(store.attempts(TENANT, deliveryId)).extracting(DeliveryAttempt::number).containsExactly(1, 2, 3);
    }

    @Test
    void failsAfterTheFourthAttemptThirtyMinutesAfterTheFirst() {
        receiver.stubFor(post("/hook").willReturn(serverError().withBody("database down")));
        List<String> failed = new CopyOnWriteArrayList<>();
        WebhookSender sender = startedSender(b -> b.listener(new DeliveryListener() {
            @Override
            public void onFailed(Delivery delivery, DeliveryAttempt attempt) {
                failed.add(delivery.id());
            }
        }));
        sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*"));
        Instant start = clock.instant();
        String deliveryId = sender.publish(TENANT, openedEvent()).deliveryIds().get(0);

        awaitAttempts(deliveryId, 1);
        clock.advance(Duration.ofMinutes(1));
        awaitAttempts(deliveryId, 2);
        clock.advance(Duration.ofMinutes(4));
        awaitAttempts(deliveryId, 3);
        assertThat(delivery(deliveryId).nextAttemptAt()).isEqualTo(start.plus(Duration.ofMinutes(30)));
        clock.advance(Duration.ofMinutes(25));
        Delivery done = awaitStatus(deliveryId, DeliveryStatus.FAILED);

        assertThat(done.nextAttemptAt()).isNull();
        assertThat(done.updatedAt()).isEqualTo(start.plus(Duration.ofMinutes(30)));
        List<DeliveryAttempt> attempts = store.attempts(TENANT, deliveryId);
        assertThat(attempts).extracting(DeliveryAttempt::startedAt).containsExactly(start,
                start.plus(Duration.ofMinutes(1)), start.plus(Duration.ofMinutes(5)), start.plus(Duration.ofMinutes(30)));
        assertThat(attempts).allSatisfy(attempt -> {
            assertThat(attempt.statusCode()).isEqualTo(500);
            assertThat(attempt.responseExcerpt()).isEqualTo("database down");
        });
        assertThat(failed).containsExactly(deliveryId);
    }

    @Test
    void aSlowAttemptDoesNotPushTheNextOneLater() throws IOException {
        HttpServer slow = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        slow.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            clock.advance(Duration.ofSeconds(20));  // the endpoint took 20 s to answer
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        slow.start();
        try {
            WebhookSender sender = startedSender(b -> b.attemptTimeout(Duration.ofSeconds(30)));
            sender.registerEndpoint(TENANT, EndpointRegistration.of(
                    "http://127.0.0.1:" + slow.getAddress().getPort() + "/hook", "*"));
            Instant start = clock.instant();
            String deliveryId = sender.publish(TENANT, openedEvent()).deliveryIds().get(0);

            awaitAttempts(deliveryId, 1);
            assertThat(delivery(deliveryId).updatedAt()).isEqualTo(start.plusSeconds(20));
            assertThat(delivery(deliveryId).nextAttemptAt()).isEqualTo(start.plus(Duration.ofMinutes(1)));
        } finally {
            slow.stop(0);
        }
    }

    @Test
    void afterAnOutageRetriesCountFromNowInsteadOfFallingDueInABurst() {
        receiver.stubFor(post("/hook").willReturn(serverError()));
        WebhookSender down = sender(b -> b);
        down.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*"));
        Instant published = clock.instant();
        String deliveryId = down.publish(TENANT, openedEvent()).deliveryIds().get(0);
        down.close();
        clock.advance(Duration.ofHours(2));
        Instant restarted = clock.instant();

        startedSender(b -> b);

        awaitAttempts(deliveryId, 1);
        assertThat(store.attempts(TENANT, deliveryId).get(0).startedAt()).isEqualTo(published.plus(Duration.ofHours(2)));
        assertThat(delivery(deliveryId).nextAttemptAt()).isEqualTo(restarted.plus(Duration.ofMinutes(1)));
        clock.advance(Duration.ofMinutes(1));
        awaitAttempts(deliveryId, 2);
        assertThat(delivery(deliveryId).nextAttemptAt()).isEqualTo(restarted.plus(Duration.ofMinutes(5)));
    }

    @Test
    void recordsATimeoutWhenNoResponseArrivesInTime() {
        receiver.stubFor(post("/hook").willReturn(ok().withFixedDelay(3_000)));
        WebhookSender sender = startedSender(b -> b.attemptTimeout(Duration.ofMillis(300)).retrySchedule(RetrySchedule.none()));
        sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*"));

        String deliveryId = sender.publish(TENANT, openedEvent()).deliveryIds().get(0);

        awaitStatus(deliveryId, DeliveryStatus.FAILED);
        DeliveryAttempt attempt = store.attempts(TENANT, deliveryId).get(0);
        assertThat(attempt.statusCode()).isNull();
        assertThat(attempt.errorClass()).isEqualTo("java.util.concurrent.TimeoutException");
        assertThat(attempt.errorMessage()).isEqualTo("no response within PT0.3S");
        assertThat(attempt.latency()).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void a2xxWhoseBodyTricklesPastTheDeadlineIsDeliveredWithTheExcerptSoFarAndNotRetried() throws IOException {
        AtomicInteger requests = new AtomicInteger();
        CountDownLatch restOfTheBody = new CountDownLatch(1);
        HttpServer trickling = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        trickling.createContext("/hook", exchange -> {
            requests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, 0);   // chunked: status and headers go out now
            exchange.getResponseBody().write("accepted; ".getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
            awaitQuietly(restOfTheBody);           // the rest comes only after the attempt's deadline
            exchange.getResponseBody().write("and the rest".getBytes(StandardCharsets.UTF_8));
            exchange.close();
        });
        trickling.start();
        try {
            WebhookSender sender = startedSender(b -> b.attemptTimeout(Duration.ofMillis(500)));
            sender.registerEndpoint(TENANT, EndpointRegistration.of(
                    "http://127.0.0.1:" + trickling.getAddress().getPort() + "/hook", "*"));

            String deliveryId = sender.publish(TENANT, openedEvent()).deliveryIds().get(0);

            awaitStatus(deliveryId, DeliveryStatus.DELIVERED);
            DeliveryAttempt attempt = store.attempts(TENANT, deliveryId).get(0);
            assertThat(attempt.statusCode()).isEqualTo(200);
            assertThat(attempt.errorClass()).isNull();
            assertThat(attempt.responseExcerpt()).isEqualTo("accepted; ");
            assertThat(attempt.latency()).isBetween(Duration.ofMillis(400), Duration.ofSeconds(2));
            assertThat(store.attempts(TENANT, deliveryId)).hasSize(1);
            assertThat(requests).hasValue(1);
        } finally {
            restOfTheBody.countDown();
            trickling.stop(0);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void keepsOnlyTheFirstFourKibOfTheResponseBody() {
        receiver.stubFor(post("/hook").willReturn(ok().withBody("é".repeat(1000) + "x".repeat(10_000))));
        WebhookSender sender = startedSender(b -> b);
        sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*"));

        String deliveryId = sender.publish(TENANT, openedEvent()).deliveryIds().get(0);

        awaitStatus(deliveryId, DeliveryStatus.DELIVERED);
        assertThat(store.attempts(TENANT, deliveryId).get(0).responseExcerpt()).isEqualTo("é".repeat(1000) + "x".repeat(2096));
    }

    @Test
    void retriesWhenTheConnectionIsRefused() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        WebhookSender sender = startedSender(b -> b);
        sender.registerEndpoint(TENANT, EndpointRegistration.of("http://127.0.0.1:" + closedPort + "/hook", "*"));

        String deliveryId = sender.publish(TENANT, openedEvent()).deliveryIds().get(0);

        DeliveryAttempt attempt = awaitAttempts(deliveryId, 1).get(0);
        assertThat(attempt.statusCode()).isNull();
        assertThat(attempt.errorClass()).isEqualTo("java.net.ConnectException");
        assertThat(attempt.errorMessage()).isEqualTo("could not connect: connection refused or host unreachable");
        assertThat(delivery(deliveryId).status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(delivery(deliveryId).nextAttemptAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));
    }

    @Test
    void retriesWhenTheConnectionIsResetMidResponse() {
        receiver.stubFor(post("/hook").willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));
        WebhookSender sender = startedSender(b -> b);
        sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*"));

        String deliveryId = sender.publish(TENANT, openedEvent()).deliveryIds().get(0);

        DeliveryAttempt attempt = awaitAttempts(deliveryId, 1).get(0);
        assertThat(attempt.statusCode()).isNull();
        assertThat(attempt.errorClass()).isEqualTo("java.io.IOException");
        assertThat(delivery(deliveryId).status()).isEqualTo(DeliveryStatus.PENDING);
    }

    @Test
    void goneDisablesTheEndpointAndFailsTheDelivery() {
        receiver.stubFor(post("/hook").willReturn(aResponse().withStatus(410)));
        List<String> disabled = new CopyOnWriteArrayList<>();
        WebhookSender sender = startedSender(b -> b.listener(new DeliveryListener() {
            @Override
            public void onEndpointDisabled(Endpoint endpoint, String reason) {
                disabled.add(endpoint.id() + ": " + reason);
            }
        }));
        String endpointId = sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*")).id();

        String deliveryId = sender.publish(TENANT, openedEvent()).deliveryIds().get(0);

        awaitStatus(deliveryId, DeliveryStatus.FAILED);
        await(() -> !disabled.isEmpty());
        Endpoint endpoint = sender.endpoint(TENANT, endpointId).orElseThrow();
        assertThat(endpoint.enabled()).isFalse();
        assertThat(endpoint.disabledReason()).isEqualTo("endpoint answered 410 Gone");
        assertThat(disabled).containsExactly(endpointId + ": endpoint answered 410 Gone");
        String next = sender.publish(TENANT, openedEvent()).deliveryIds().get(0);
        assertThat(delivery(next).status()).isEqualTo(DeliveryStatus.SKIPPED);
    }

    @Test
    void goneIsAnOrdinaryFailureWhenDisablingIsOff() {
        receiver.stubFor(post("/hook").willReturn(aResponse().withStatus(410)));
        WebhookSender sender = startedSender(b -> b.disableEndpointOnGone(false));
        String endpointId = sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*")).id();

        String deliveryId = sender.publish(TENANT, openedEvent()).deliveryIds().get(0);

        awaitAttempts(deliveryId, 1);
        assertThat(delivery(deliveryId).status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(sender.endpoint(TENANT, endpointId).orElseThrow().enabled()).isTrue();
    }

    @Test
    void tooManyRequestsWithRetryAfterSecondsDelaysTheNextAttempt() {
        receiver.stubFor(post("/hook").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "600")));
        WebhookSender sender = startedSender(b -> b);
        sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*"));

        String deliveryId = sender.publish(TENANT, openedEvent()).deliveryIds().get(0);

        awaitAttempts(deliveryId, 1);
        assertThat(delivery(deliveryId).nextAttemptAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
    }

    @Test
    void unavailableWithRetryAfterDateDelaysTheNextAttempt() {
        Instant retryAt = clock.instant().plus(Duration.ofMinutes(20));
        receiver.stubFor(post("/hook").willReturn(aResponse().withStatus(503)
                .withHeader("Retry-After", DateTimeFormatter.RFC_1123_DATE_TIME.format(retryAt.atOffset(ZoneOffset.UTC)))));
        WebhookSender sender = startedSender(b -> b);
        sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*"));

        String deliveryId = sender.publish(TENANT, openedEvent()).deliveryIds().get(0);

        awaitAttempts(deliveryId, 1);
        assertThat(delivery(deliveryId).nextAttemptAt()).isEqualTo(retryAt);
    }

    @Test
    void aShortRetryAfterDoesNotBringTheScheduleForward() {
        receiver.stubFor(post("/hook").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "5")));
        WebhookSender sender = startedSender(b -> b);
        sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*"));

        String deliveryId = sender.publish(TENANT, openedEvent()).deliveryIds().get(0);

        awaitAttempts(deliveryId, 1);
        assertThat(delivery(deliveryId).nextAttemptAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));
    }

    @Test
    void aRetryAfterCutByTheCapNeverBringsTheScheduleForward() {
        receiver.stubFor(post("/hook").willReturn(aResponse().withStatus(503).withHeader("Retry-After", "3600")));
        WebhookSender sender = startedSender(b -> b.maxRetryAfter(Duration.ofSeconds(30)));
        sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*"));

        String deliveryId = sender.publish(TENANT, openedEvent()).deliveryIds().get(0);

        awaitAttempts(deliveryId, 1);
        assertThat(delivery(deliveryId).nextAttemptAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));
    }

    @Test
    void retriesAfterARetryAfterKeepTheirGapsFromThatTime() {
        stubSequence(aResponse().withStatus(429).withHeader("Retry-After", "600"), serverError());
        WebhookSender sender = startedSender(b -> b);
        sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*"));
        Instant start = clock.instant();
        String deliveryId = sender.publish(TENANT, openedEvent()).deliveryIds().get(0);

        awaitAttempts(deliveryId, 1);
        assertThat(delivery(deliveryId).nextAttemptAt()).isEqualTo(start.plus(Duration.ofMinutes(10)));
        clock.advance(Duration.ofMinutes(10));
        awaitAttempts(deliveryId, 2);

        assertThat(delivery(deliveryId).nextAttemptAt()).isEqualTo(start.plus(Duration.ofMinutes(14)));
    }

    @Test
    void aThrowingListenerDoesNotBreakDeliveryOrOtherListeners() {
        receiver.stubFor(post("/hook").willReturn(ok()));
        List<DeliveryOutcome> outcomes = new CopyOnWriteArrayList<>();
        WebhookSender sender = startedSender(b -> b
                .listener(new DeliveryListener() {
                    @Override
                    public void onAttempt(Delivery delivery, DeliveryAttempt attempt, DeliveryOutcome outcome) {
                        throw new IllegalStateException("listener bug");
                    }
                })
                .listener(new DeliveryListener() {
                    @Override
                    public void onAttempt(Delivery delivery, DeliveryAttempt attempt, DeliveryOutcome outcome) {
                        outcomes.add(outcome);
                    }
                }));
        sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*"));

        String deliveryId = sender.publish(TENANT, openedEvent()).deliveryIds().get(0);

        awaitStatus(deliveryId, DeliveryStatus.DELIVERED);
        await(() -> outcomes.size() == 1);
        assertThat(outcomes).containsExactly(DeliveryOutcome.delivered());
    }

    private void stubSequence(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder... responses) {
        String state = STARTED;
        for (int i = 0; i < responses.length; i++) {
            String next = i == responses.length - 1 ? state : "after-" + i;
            receiver.stubFor(post("/hook").inScenario("sequence").whenScenarioStateIs(state)
                    .willReturn(responses[i]).willSetStateTo(next));
            state = next;
        }
    }

    private static void await(java.util.concurrent.Callable<Boolean> condition) {
        org.awaitility.Awaitility.await().atMost(WAIT).until(condition);
    }

    static Map<String, List<String>> headersOf(LoggedRequest request) {
        return request.getHeaders().all().stream().collect(Collectors.toMap(HttpHeader::key, HttpHeader::values));
    }
}
