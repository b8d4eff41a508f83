package com.migomail.webhooks.opentelemetry;

import com.migomail.webhooks.delivery.testing.MutableClock;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.migomail.webhooks.core.EmailOpened;
import com.migomail.webhooks.core.Subscriber;
import com.migomail.webhooks.core.WebhookEvent;
import com.migomail.webhooks.delivery.EndpointAddressPolicy;
import com.migomail.webhooks.delivery.EndpointRegistration;
import com.migomail.webhooks.delivery.PublishReceipt;
import com.migomail.webhooks.delivery.RetrySchedule;
import com.migomail.webhooks.delivery.WebhookSender;
import com.migomail.webhooks.store.DeliveryStatus;
import com.migomail.webhooks.store.TenantId;
import com.migomail.webhooks.store.WebhookStore;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OpenTelemetry tracer over a real sender, a loopback receiver and the SDK's in-memory exporter. */
class OpenTelemetryTracingTest {
    private static final TenantId TENANT = TenantId.of("acme");
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
    private final OpenTelemetrySdk openTelemetry = OpenTelemetrySdk.builder().setTracerProvider(tracerProvider)
            .setPropagators(ContextPropagators.create(TextMapPropagator.composite(
                    W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance())))
            .build();
    private final MutableClock clock = MutableClock.at("2026-01-15T14:22:31Z");
    private final WebhookStore store = WebhookStore.inMemory();
    private final WireMockServer receiver = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private final List<WebhookSender> senders = new ArrayList<>();

    @BeforeEach
    void startReceiver() {
        receiver.start();
    }

    @AfterEach
    void stopEverything() {
        senders.forEach(WebhookSender::close);
        receiver.stop();
        openTelemetry.close();
    }

    @Test
    void onePublishTwoFailuresAndASuccessAreThreeClientSpansLinkedToThePublishSpanWhoseIdsTheRequestsCarry() {
        stubAnswers(500, 500, 200);
        WebhookSender sender = startedSender(b -> b.tracer(OpenTelemetryTracing.create(openTelemetry)));
        String endpointId = sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*")).id();

        Span publishing = openTelemetry.getTracer("host").spanBuilder("place order").startSpan();
        PublishReceipt receipt;
        try (Scope scope = publishing.makeCurrent()) {
            receipt = sender.publish(TENANT, openedEvent());
        } finally {
            publishing.end();
        }
        String deliveryId = receipt.deliveryIds().get(0);
        awaitAttempts(deliveryId, 1);
        clock.advance(Duration.ofMinutes(1));
        awaitAttempts(deliveryId, 2);
        clock.advance(Duration.ofMinutes(1));
        awaitAttempts(deliveryId, 3);

        assertThat(store.delivery(TENANT, deliveryId).orElseThrow().status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(store.event(TENANT, receipt.eventId()).orElseThrow().traceContext())
                .isEqualTo(Map.of("traceparent", traceparent(publishing.getSpanContext())));
        List<SpanData> attempts = attemptSpans();
        assertThat(attempts).hasSize(3).allSatisfy(span -> {
            assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
            assertThat(span.getName()).isEqualTo("POST");
            assertThat(span.getParentSpanContext().isValid()).isFalse();
            assertThat(linkedIds(span)).containsExactly(ids(publishing.getSpanContext()));
            assertThat(span.getInstrumentationScopeInfo().getName()).isEqualTo("com.migomail.webhooks");
            assertThat(span.getAttributes().get(AttributeKey.stringKey("http.request.method"))).isEqualTo("POST");
            assertThat(span.getAttributes().get(AttributeKey.stringKey("url.full"))).isEqualTo(url("/hook"));
            assertThat(span.getAttributes().get(AttributeKey.stringKey("server.address"))).isEqualTo("127.0.0.1");
            assertThat(span.getAttributes().get(AttributeKey.longKey("server.port"))).isEqualTo((long) receiver.port());
            assertThat(span.getAttributes().get(AttributeKey.stringKey("migomail.webhooks.tenant.id"))).isEqualTo("acme");
            assertThat(span.getAttributes().get(AttributeKey.stringKey("migomail.webhooks.event.id")))
                    .isEqualTo(receipt.eventId());
            assertThat(span.getAttributes().get(AttributeKey.stringKey("migomail.webhooks.event.type")))
                    .isEqualTo("email.opened");
            assertThat(span.getAttributes().get(AttributeKey.stringKey("migomail.webhooks.endpoint.id")))
                    .isEqualTo(endpointId);
            assertThat(span.getAttributes().get(AttributeKey.stringKey("migomail.webhooks.delivery.id")))
                    .isEqualTo(deliveryId);
            assertThat(span.getAttributes().get(AttributeKey.booleanKey("migomail.webhooks.replay"))).isFalse();
        });
        assertThat(attempts).extracting(span -> span.getAttributes().get(AttributeKey.longKey("http.response.status_code")))
                .containsExactly(500L, 500L, 200L);
        assertThat(attempts).extracting(span -> span.getAttributes().get(AttributeKey.longKey("http.request.resend_count")))
                .containsExactly(null, 1L, 2L);
        assertThat(attempts).extracting(span -> span.getAttributes().get(AttributeKey.stringKey("error.type")))
                .containsExactly("500", "500", null);
        assertThat(attempts).extracting(span -> span.getStatus().getStatusCode())
                .containsExactly(StatusCode.ERROR, StatusCode.ERROR, StatusCode.UNSET);
        assertThat(receivedTraceparents()).containsExactly(traceparent(attempts.get(0).getSpanContext()),
                traceparent(attempts.get(1).getSpanContext()), traceparent(attempts.get(2).getSpanContext()));
    }

    @Test
    void aReplayIsAnotherClientSpanLinkedToThePublishSpan() {
        stubAnswers(200);
        WebhookSender sender = startedSender(b -> b.tracer(OpenTelemetryTracing.create(openTelemetry)));
        sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*"));
        Span publishing = openTelemetry.getTracer("host").spanBuilder("place order").startSpan();
        PublishReceipt receipt;
        try (Scope scope = publishing.makeCurrent()) {
            receipt = sender.publish(TENANT, openedEvent());
        } finally {
            publishing.end();
        }
        String deliveryId = receipt.deliveryIds().get(0);
        awaitAttempts(deliveryId, 1);

        sender.replay(TENANT, receipt.eventId());
        awaitAttempts(deliveryId, 2);

        List<SpanData> attempts = attemptSpans();
        assertThat(attempts).hasSize(2);
        SpanData replay = attempts.get(1);
        assertThat(replay.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(linkedIds(replay)).containsExactly(ids(publishing.getSpanContext()));
        assertThat(replay.getAttributes().get(AttributeKey.booleanKey("migomail.webhooks.replay"))).isTrue();
        assertThat(replay.getAttributes().get(AttributeKey.longKey("http.request.resend_count"))).isEqualTo(1L);
        assertThat(replay.getTraceId()).isNotEqualTo(attempts.get(0).getTraceId());
        assertThat(receivedTraceparents()).containsExactly(traceparent(attempts.get(0).getSpanContext()),
                traceparent(replay.getSpanContext()));
    }

    @Test
    void withoutTheTracerNoTraceparentIsSentAndNothingIsStoredEvenInsideASpan() {
        stubAnswers(200);
        WebhookSender sender = startedSender(b -> b);
        sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*"));

        Span publishing = openTelemetry.getTracer("host").spanBuilder("place order").startSpan();
        PublishReceipt receipt;
        try (Scope scope = publishing.makeCurrent()) {
            receipt = sender.publish(TENANT, openedEvent());
        } finally {
            publishing.end();
        }
        awaitAttempts(receipt.deliveryIds().get(0), 1);

        assertThat(store.event(TENANT, receipt.eventId()).orElseThrow().traceContext()).isEmpty();
        LoggedRequest request = receiver.findAll(postRequestedFor(urlEqualTo("/hook"))).get(0);
        assertThat(request.containsHeader("traceparent")).isFalse();
        assertThat(request.containsHeader("tracestate")).isFalse();
        assertThat(attemptSpans()).isEmpty();
    }

    @Test
    void aPublishOutsideAnySpanStoresNothingAndItsAttemptSpanHasNoLinkButStillTravels() {
        stubAnswers(200);
        WebhookSender sender = startedSender(b -> b.tracer(OpenTelemetryTracing.create(openTelemetry)));
        sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*"));

        PublishReceipt receipt = sender.publish(TENANT, openedEvent());
        awaitAttempts(receipt.deliveryIds().get(0), 1);

        assertThat(store.event(TENANT, receipt.eventId()).orElseThrow().traceContext()).isEmpty();
        SpanData attempt = attemptSpans().get(0);
        assertThat(attempt.getLinks()).isEmpty();
        assertThat(receivedTraceparents()).containsExactly(traceparent(attempt.getSpanContext()));
    }

    @Test
    void theTracestateTravelsAndTheHostsBaggageIsNeitherStoredNorSent() {
        stubAnswers(200);
        WebhookSender sender = startedSender(b -> b.tracer(OpenTelemetryTracing.create(openTelemetry)));
        sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*"));
        SpanContext upstream = SpanContext.createFromRemoteParent("4bf92f3577b34da6a3ce929d0e0e4736",
                "00f067aa0ba902b7", io.opentelemetry.api.trace.TraceFlags.getSampled(),
                TraceState.builder().put("vendor", "abc").build());

        PublishReceipt receipt;
        try (Scope scope = Context.root().with(Span.wrap(upstream))
                .with(Baggage.builder().put("user.email", "jane@example.com").build()).makeCurrent()) {
            receipt = sender.publish(TENANT, openedEvent());
        }
        awaitAttempts(receipt.deliveryIds().get(0), 1);

        assertThat(store.event(TENANT, receipt.eventId()).orElseThrow().traceContext()).isEqualTo(Map.of(
                "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "tracestate", "vendor=abc"));
        SpanData attempt = attemptSpans().get(0);
        assertThat(linkedIds(attempt)).containsExactly(ids(upstream));
        LoggedRequest request = receiver.findAll(postRequestedFor(urlEqualTo("/hook"))).get(0);
        assertThat(request.containsHeader("baggage")).isFalse();
        assertThat(request.getHeader("traceparent")).isEqualTo(traceparent(attempt.getSpanContext()));
    }

    @Test
    void aConnectionErrorEndsTheSpanWithTheErrorsClassAndNoStatusCode() {
        WebhookSender sender = startedSender(b -> b.tracer(OpenTelemetryTracing.create(openTelemetry))
                .retrySchedule(RetrySchedule.none()));
        // Port 1 on loopback: nothing listens there, so the connection is refused.
        String deliveryId = sender.sendTest(TENANT, sender.registerEndpoint(TENANT,
                EndpointRegistration.of("http://127.0.0.1:1/hook?token=s3cret", "*")).id(), openedEvent())
                .deliveryIds().get(0);
        awaitAttempts(deliveryId, 1);

        SpanData attempt = attemptSpans().get(0);
        Attributes attributes = attempt.getAttributes();
        assertThat(attributes.get(AttributeKey.stringKey("error.type"))).isEqualTo("java.net.ConnectException");
        assertThat(attributes.get(AttributeKey.longKey("http.response.status_code"))).isNull();
        assertThat(attributes.get(AttributeKey.stringKey("url.full"))).isEqualTo("http://127.0.0.1:1/hook?token=REDACTED");
        assertThat(attributes.get(AttributeKey.longKey("server.port"))).isEqualTo(1L);
        assertThat(attempt.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    }

    @Test
    void refusesNullArguments() {
        assertThatThrownBy(() -> OpenTelemetryTracing.create(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("openTelemetry cannot be null");
        assertThatThrownBy(() -> OpenTelemetryTracing.create(openTelemetry, null))
                .isInstanceOf(NullPointerException.class).hasMessage("propagator cannot be null");
    }

    private WebhookSender startedSender(UnaryOperator<WebhookSender.Builder> options) {
        WebhookSender sender = options.apply(WebhookSender.builder()
                        .store(store)
                        .clock(clock)
                        .addressPolicy(EndpointAddressPolicy.allowLoopbackForTesting())
                        .retrySchedule(RetrySchedule.fixed(Duration.ofMinutes(1), 3))
                        .pollInterval(Duration.ofMillis(20))
                        .attemptTimeout(Duration.ofSeconds(5))
                        .shutdownTimeout(Duration.ofSeconds(1)))
                .build();
        senders.add(sender);
        sender.start();
        return sender;
    }

    /** The receiver answers each request with the next status, the last one from then on. */
    private void stubAnswers(int... statuses) {
        String state = STARTED;
        for (int i = 0; i < statuses.length; i++) {
            String next = i == statuses.length - 1 ? state : "answered-" + i;
            receiver.stubFor(post("/hook").inScenario("answers").whenScenarioStateIs(state)
                    .willReturn(statuses[i] == 200 ? ok() : serverError().withStatus(statuses[i])).willSetStateTo(next));
            state = next;
        }
    }

    private void awaitAttempts(String deliveryId, int count) {
        await().atMost(WAIT).until(() -> store.attempts(TENANT, deliveryId).size() >= count
                && store.delivery(TENANT, deliveryId).orElseThrow().leaseOwner() == null);
    }

    /** The attempt spans, in the order they ended (the host's own spans left out). */
    private List<SpanData> attemptSpans() {
        return exporter.getFinishedSpanItems().stream().filter(span -> span.getKind() == SpanKind.CLIENT).toList();
    }

    private List<String> receivedTraceparents() {
        return receiver.findAll(postRequestedFor(urlEqualTo("/hook"))).stream()
                .map(request -> request.getHeader("traceparent")).toList();
    }

    /** The trace and span id of each span the attempt links to (a link's context is remote, the span's own is not). */
    private static List<String> linkedIds(SpanData span) {
        return span.getLinks().stream().map(LinkData::getSpanContext).map(OpenTelemetryTracingTest::ids).toList();
    }

    private static String ids(SpanContext context) {
        return context.getTraceId() + "/" + context.getSpanId();
    }

    private static String traceparent(SpanContext context) {
        return "00-" + context.getTraceId() + "-" + context.getSpanId() + "-" + context.getTraceFlags().asHex();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + receiver.port() + path;
    }

    private WebhookEvent openedEvent() {
        return WebhookEvent.of(new EmailOpened("msg_01j8x4k7q3c9v2m5n8p0r6s1td", "cmp_8f2a1b",
                Subscriber.of("jane@example.com", "Jane Smith", "lst_98c2f"), "203.0.113.42",
                "Apple Mail/16.0", "Apple Mail", "iPhone"), clock);
    }
}
