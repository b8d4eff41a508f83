package com.migomail.webhooks.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import com.migomail.webhooks.core.EmailOpened;
import com.migomail.webhooks.core.Subscriber;
import com.migomail.webhooks.core.WebhookEvent;
import com.migomail.webhooks.delivery.PublishReceipt;
import com.migomail.webhooks.delivery.WebhookSender;
import com.migomail.webhooks.store.TenantId;
import com.migomail.webhooks.store.WebhookStore;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TracingExamplesTest {
    private static final TenantId ACME = TenantId.of("acme");

    @Test
    void aPublishInsideTheHostsSpanStoresThatSpansTraceparentWithTheEvent() {
        InMemorySpanExporter exporter = InMemorySpanExporter.create();
        WebhookStore store = WebhookStore.inMemory();
        try (OpenTelemetrySdk openTelemetry = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build()).build();
                WebhookSender sender = TracingExamples.tracedSender(openTelemetry, store)) {
            WebhookEvent event = WebhookEvent.of(new EmailOpened("msg_01j8x4k7q3c9v2m5n8p0r6s1td", null, Subscriber.of("jane@example.com"),
                    null, null, null, null));

            PublishReceipt receipt = TracingExamples.publishInsideASpan(openTelemetry, sender, ACME, event);

            SpanData publishing = exporter.getFinishedSpanItems().get(0);
            assertThat(publishing.getName()).isEqualTo("place order");
            assertThat(store.event(ACME, receipt.eventId()).orElseThrow().traceContext()).isEqualTo(Map.of(
                    "traceparent", "00-" + publishing.getTraceId() + "-" + publishing.getSpanId() + "-"
                            + publishing.getSpanContext().getTraceFlags().asHex()));
        }
    }

    @Test
    void withoutASpanNothingIsStored() {
        WebhookStore store = WebhookStore.inMemory();
        try (OpenTelemetrySdk openTelemetry = OpenTelemetrySdk.builder().build();
                WebhookSender sender = TracingExamples.tracedSender(openTelemetry, store)) {
            WebhookEvent event = WebhookEvent.of(new EmailOpened("msg_01j8x4k7q3c9v2m5n8p0r6s1td", null, Subscriber.of("jane@example.com"),
                    null, null, null, null));

            PublishReceipt receipt = sender.publish(ACME, event);

            assertThat(store.event(ACME, receipt.eventId()).orElseThrow().traceContext()).isEmpty();
        }
    }
}
