package com.migomail.webhooks.examples.readme;

import com.migomail.webhooks.core.WebhookEvent;
import com.migomail.webhooks.delivery.DeliveryTracer;
import com.migomail.webhooks.delivery.PublishReceipt;
import com.migomail.webhooks.delivery.WebhookSender;
import com.migomail.webhooks.opentelemetry.OpenTelemetryTracing;
import com.migomail.webhooks.store.TenantId;
import com.migomail.webhooks.store.WebhookStore;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;

/** The README's tracing example: a sender traced with OpenTelemetry, and a publish inside the host's span. */
final class TracingExamples {
    private TracingExamples() {}

    static WebhookSender tracedSender(OpenTelemetry openTelemetry, WebhookStore store) {
        DeliveryTracer tracer = OpenTelemetryTracing.create(openTelemetry);  // your SDK, or GlobalOpenTelemetry.get()
        WebhookSender sender = WebhookSender.builder()
                .store(store)
                .tracer(tracer)
                .build();
        return sender;
    }

    // The scope is only closed, never read: what makeCurrent is for.
    @SuppressWarnings("try")
    static PublishReceipt publishInsideASpan(OpenTelemetry openTelemetry, WebhookSender sender, TenantId tenant,
            WebhookEvent event) {
        PublishReceipt receipt;
        Span span = openTelemetry.getTracer("shop").spanBuilder("place order").startSpan();
        try (Scope scope = span.makeCurrent()) {
            receipt = sender.publish(tenant, event);  // stores this span's traceparent with the event
        } finally {
            span.end();
        }
        return receipt;
    }
}
