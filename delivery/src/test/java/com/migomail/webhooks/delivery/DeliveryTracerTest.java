package com.migomail.webhooks.delivery;

import static com.migomail.webhooks.delivery.TestTenants.TENANT;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.migomail.webhooks.store.DeliveryAttempt;
import com.migomail.webhooks.store.DeliveryStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link WebhookSender.Builder#tracer}: what the sender stores, hands to and sends for a tracer, and what it survives. */
class DeliveryTracerTest extends SenderTestSupport {
    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    /** A tracer that captures a fixed context and records every span, whose headers name its attempt. */
    static final class RecordingTracer implements DeliveryTracer {
        final Map<String, String> context;
        final List<AttemptInfo> started = new CopyOnWriteArrayList<>();
        final List<Map<String, String>> storedContexts = new CopyOnWriteArrayList<>();
        final List<Object> ends = new CopyOnWriteArrayList<>();

        RecordingTracer(Map<String, String> context) {
            this.context = context;
        }

        @Override
        public Map<String, String> captureContext() {
            return context;
        }

        @Override
        public AttemptSpan startAttempt(AttemptInfo attempt, Map<String, String> storedContext) {
            started.add(attempt);
            storedContexts.add(storedContext);
            return new AttemptSpan() {
                @Override
                public Map<String, String> headers() {
                    return Map.of("traceparent", "attempt-" + attempt.number(), "Content-Type", "text/forged",
                            "Host", "elsewhere.example", "x-bad", "a\r\nX-Injected: 1");
                }

                @Override
                public void end(int statusCode) {
                    ends.add(statusCode);
                }

                @Override
                public void endWithError(Throwable error) {
                    ends.add(error.getClass().getName());
                }
            };
        }
    }

    @Test
    void theContextCapturedAtPublishIsStoredAndHandedToEveryAttemptWhoseHeadersItsRequestCarries() {
        stubSequence();
        RecordingTracer tracer = new RecordingTracer(Map.of("traceparent", TRACEPARENT));
        WebhookSender sender = startedSender(b -> b.tracer(tracer));
        String endpointId = sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*")).id();

        PublishReceipt receipt = sender.publish(TENANT, openedEvent());
        String deliveryId = receipt.deliveryIds().get(0);
        awaitAttempts(deliveryId, 1);
        clock.advance(Duration.ofMinutes(1));
        awaitStatus(deliveryId, DeliveryStatus.DELIVERED);

        assertThat(store.event(TENANT, receipt.eventId()).orElseThrow().traceContext())
                .isEqualTo(Map.of("traceparent", TRACEPARENT));
        assertThat(tracer.started).extracting(AttemptInfo::number, AttemptInfo::resendCount, AttemptInfo::replay)
                .containsExactly(tuple(1, 0, false), tuple(2, 1, false));
        assertThat(tracer.started.get(0)).isEqualTo(new AttemptInfo(TENANT, deliveryId, receipt.eventId(),
                "email.opened", endpointId, java.net.URI.create(url("/hook")), 1, false));
        assertThat(tracer.storedContexts).containsOnly(Map.of("traceparent", TRACEPARENT));
        await(() -> tracer.ends.size() == 2);
        assertThat(tracer.ends).containsExactly(500, 200);
        List<LoggedRequest> requests = receiver.findAll(postRequestedFor(urlEqualTo("/hook")));
        assertThat(requests).extracting(r -> r.getHeader("traceparent")).containsExactly("attempt-1", "attempt-2");
        // The sender's own headers and the client's stay; a header that could split the request is left out.
        assertThat(requests).extracting(r -> r.getHeader("Content-Type")).containsOnly("application/json");
        assertThat(requests).extracting(r -> r.getHeader("Host")).containsOnly("127.0.0.1:" + receiver.port());
        assertThat(requests).allSatisfy(r -> assertThat(r.containsHeader("x-bad")).isFalse());
    }

    @Test
    void aReplayAndATestSendAreTracedAndAFailureBeforeAResponseEndsTheSpanWithTheError() {
        receiver.stubFor(post("/hook").willReturn(ok()));
        RecordingTracer tracer = new RecordingTracer(Map.of("traceparent", TRACEPARENT));
        WebhookSender sender = startedSender(b -> b.tracer(tracer).retrySchedule(RetrySchedule.none()));
        String endpointId = sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*")).id();
        String closed = sender.registerEndpoint(TENANT, EndpointRegistration.of("http://127.0.0.1:1/hook", "email.bounced")).id();

        PublishReceipt published = sender.publish(TENANT, openedEvent());
        awaitStatus(published.deliveryIds().get(0), DeliveryStatus.DELIVERED);
        sender.replay(TENANT, published.eventId());
        await(() -> tracer.ends.size() == 2);
        String testDelivery = sender.sendTest(TENANT, closed, openedEvent()).deliveryIds().get(0);
        awaitStatus(testDelivery, DeliveryStatus.FAILED);

        await(() -> tracer.ends.size() == 3);
        assertThat(tracer.started).extracting(AttemptInfo::endpointId, AttemptInfo::number, AttemptInfo::replay)
                .containsExactly(tuple(endpointId, 1, false), tuple(endpointId, 2, true), tuple(closed, 1, false));
        assertThat(tracer.ends).containsExactly(200, 200, "java.net.ConnectException");
    }

    @Test
    void withoutATracerNothingIsStoredAndNoHeaderIsAdded() {
        receiver.stubFor(post("/hook").willReturn(ok()));
        WebhookSender sender = startedSender(b -> b);
        sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*"));

        PublishReceipt receipt = sender.publish(TENANT, openedEvent());
        awaitStatus(receipt.deliveryIds().get(0), DeliveryStatus.DELIVERED);

        assertThat(store.event(TENANT, receipt.eventId()).orElseThrow().traceContext()).isEmpty();
        LoggedRequest request = receiver.findAll(postRequestedFor(urlEqualTo("/hook"))).get(0);
        assertThat(request.containsHeader("traceparent")).isFalse();
        assertThat(request.containsHeader("tracestate")).isFalse();
    }

    @Test
    void aContextEntryOverTheStoresBoundsIsDroppedAndTheRestKept() {
        receiver.stubFor(post("/hook").willReturn(ok()));
        WebhookSender sender = startedSender(b -> b.tracer(new RecordingTracer(Map.of("traceparent", TRACEPARENT,
                "tracestate", "v=" + "x".repeat(600), "Baggage", "a=b"))));
        sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*"));

        PublishReceipt receipt = sender.publish(TENANT, openedEvent());

        assertThat(store.event(TENANT, receipt.eventId()).orElseThrow().traceContext())
                .isEqualTo(Map.of("traceparent", TRACEPARENT));
    }

    @Test
    void aTracerThatThrowsEverywhereBreaksNeitherThePublishNorTheDelivery() {
        receiver.stubFor(post("/hook").willReturn(ok()));
        AtomicInteger calls = new AtomicInteger();
        DeliveryTracer broken = new DeliveryTracer() {
            @Override
            public Map<String, String> captureContext() {
                calls.incrementAndGet();
                throw new IllegalStateException("capture broke");
            }

            @Override
            public AttemptSpan startAttempt(AttemptInfo attempt, Map<String, String> storedContext) {
                calls.incrementAndGet();
                throw new IllegalStateException("start broke");
            }
        };
        WebhookSender sender = startedSender(b -> b.tracer(broken));
        sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*"));

        PublishReceipt receipt = sender.publish(TENANT, openedEvent());
        awaitStatus(receipt.deliveryIds().get(0), DeliveryStatus.DELIVERED);

        assertThat(calls).hasValue(2);
        assertThat(store.event(TENANT, receipt.eventId()).orElseThrow().traceContext()).isEmpty();
        assertThat(store.attempts(TENANT, receipt.deliveryIds().get(0))).extracting(DeliveryAttempt::statusCode)
                .containsExactly(200);
    }

    @Test
    void aSpanThatThrowsFromItsHeadersAndItsEndBreaksNoDelivery() {
        receiver.stubFor(post("/hook").willReturn(ok()));
        AtomicInteger ends = new AtomicInteger();
        DeliveryTracer tracer = new DeliveryTracer() {
            @Override
            public Map<String, String> captureContext() {
                return Map.of();
            }

            @Override
            public AttemptSpan startAttempt(AttemptInfo attempt, Map<String, String> storedContext) {
                return new AttemptSpan() {
                    @Override
                    public Map<String, String> headers() {
                        throw new IllegalStateException("headers broke");
                    }

                    @Override
                    public void end(int statusCode) {
                        ends.incrementAndGet();
                        throw new IllegalStateException("end broke");
                    }

                    @Override
                    public void endWithError(Throwable error) {
                        throw new IllegalStateException("end broke");
                    }
                };
            }
        };
        WebhookSender sender = startedSender(b -> b.tracer(tracer));
        sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*"));

        String deliveryId = sender.publish(TENANT, openedEvent()).deliveryIds().get(0);

        awaitStatus(deliveryId, DeliveryStatus.DELIVERED);
        assertThat(ends).hasValue(1);
        assertThat(receiver.findAll(postRequestedFor(urlEqualTo("/hook")))).hasSize(1);
    }

    private void stubSequence() {
        receiver.stubFor(post("/hook").inScenario("sequence").whenScenarioStateIs(STARTED)
                .willReturn(serverError()).willSetStateTo("answered"));
        receiver.stubFor(post("/hook").inScenario("sequence").whenScenarioStateIs("answered").willReturn(ok()));
    }

    private static void await(java.util.concurrent.Callable<Boolean> condition) {
        org.awaitility.Awaitility.await().atMost(WAIT).until(condition);
    }
}
