package com.migomail.webhooks.delivery;

import java.util.Map;

/**
 * Traces the sender's work in the host's tracing system: captures the trace context current when
 * an event is published, which the store keeps with the event ({@code StoredEvent.traceContext()}),
 * and opens one span per delivery attempt (first try, retry, replay or test send), which may add
 * propagation headers to the request. Handed to {@link WebhookSender.Builder#tracer}; the optional
 * {@code migomail-webhooks-opentelemetry} module has one for OpenTelemetry. The default,
 * {@link #none()}, captures nothing, stores nothing and adds no header.
 *
 * <p>Implementations must be thread-safe and quick: {@link #captureContext} runs on the thread that
 * publishes, inside {@code publish}; {@link #startAttempt} and the span's methods run on the
 * sender's worker threads. Whatever a tracer throws is caught and logged and never breaks a publish
 * or a delivery: a capture that throws stores no context, a start that throws sends the attempt
 * without a span.
 */
public interface DeliveryTracer {

    /**
     * The tracer that does nothing: no context is captured or stored, no header is added.
     *
     * @return the tracer that does nothing
     */
    static DeliveryTracer none() {
        return com.migomail.webhooks.delivery.internal.NoDeliveryTracer.INSTANCE;
    }

    /**
     * The trace context current on the calling thread, as the propagation headers that carry it
     * (W3C {@code traceparent} and {@code tracestate}), to be stored with the event being published.
     * Called once per publish (also by {@link WebhookSender#publish(com.migomail.webhooks.store.TenantId,
     * com.migomail.webhooks.core.WebhookEvent, EventAppender) publish with an appender} and
     * {@link WebhookSender#sendTest sendTest}). An entry the store cannot keep (see
     * {@code StoredEvent.isStorableTraceContextEntry}: a lower-case name, a value of at most 512
     * printable ASCII characters, at most 4 entries) is dropped, and the rest is kept.
     *
     * @return the context by header name, empty when there is none
     */
    Map<String, String> captureContext();

    /**
     * Opens the span of one attempt, just before the endpoint's address is checked. The span is
     * ended exactly once, with the response status or the error that ended the attempt.
     *
     * @param attempt what is attempted
     * @param storedContext the context captured when the event was published, empty for none (an
     *     event published without a tracer, or before the store kept contexts)
     * @return the attempt's span; {@link AttemptSpan#none()} to trace nothing
     */
    AttemptSpan startAttempt(AttemptInfo attempt, Map<String, String> storedContext);
}
