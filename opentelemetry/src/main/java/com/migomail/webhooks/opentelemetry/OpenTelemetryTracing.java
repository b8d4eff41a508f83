package com.migomail.webhooks.opentelemetry;

import com.migomail.webhooks.delivery.DeliveryTracer;
import com.migomail.webhooks.opentelemetry.internal.OpenTelemetryDeliveryTracer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.Objects;

/**
 * OpenTelemetry tracing of webhook deliveries, for {@code WebhookSender.builder().tracer(...)}.
 *
 * <p>At {@code publish} the tracer captures the current trace context (W3C {@code traceparent} and
 * {@code tracestate}), which the store keeps with the event. Every attempt of every delivery of the
 * event (the first try, each retry, each replay, a test send) is then a span of kind
 * {@code CLIENT}, named {@code POST}, with the attributes of the stable HTTP client semantic
 * conventions ({@code http.request.method}, {@code url.full}, {@code server.address},
 * {@code server.port}, {@code http.response.status_code}, {@code http.request.resend_count} from the
 * second attempt on, {@code error.type} on failure) and this library's own
 * ({@code migomail.webhooks.tenant.id}, {@code migomail.webhooks.event.id},
 * {@code migomail.webhooks.event.type}, {@code migomail.webhooks.endpoint.id},
 * {@code migomail.webhooks.delivery.id}, {@code migomail.webhooks.replay}). The request carries
 * the attempt span's {@code traceparent} (and {@code tracestate}), so that the receiver can continue
 * the trace.
 *
 * <p>An attempt span is linked to the publishing span, not its child: attempts happen later (a
 * retry 30 minutes on, a replay weeks on), on another thread and possibly another node, and a
 * parent would keep the publishing trace open for as long as retries run. Each attempt span is the
 * root of a trace of its own. An event published outside any span has no context, and its attempt
 * spans no link.
 *
 * <p>{@code url.full} is the endpoint URL with any user info removed and every query parameter's
 * value replaced by {@code REDACTED} (a query is where receivers most often put a token); the path is
 * kept as registered. A span's status is {@code ERROR} when the endpoint answered 4xx or 5xx
 * ({@code error.type} is then the status code, as in {@code "503"}) or the attempt got no answer
 * ({@code error.type} is the error's class name, such as {@code java.net.ConnectException} or
 * {@code java.util.concurrent.TimeoutException}).
 *
 * <p>Only the trace context travels: {@link #create(OpenTelemetry)} propagates with
 * {@link W3CTraceContextPropagator}, whatever propagators the {@code OpenTelemetry} instance has
 * configured, so that no {@code baggage} of the host's (user ids, internal names) is stored with an
 * event or sent to a receiver, which is another organisation's server. Give a propagator to
 * {@link #create(OpenTelemetry, TextMapPropagator)} to choose otherwise.
 *
 * <p>The tracers are thread-safe. Without this module (or with {@code DeliveryTracer.none()}),
 * nothing is stored and no tracing header is sent.
 */
public final class OpenTelemetryTracing {
    /** The instrumentation scope name of the spans. */
    public static final String INSTRUMENTATION_SCOPE = "com.migomail.webhooks";

    private OpenTelemetryTracing() {}

    /**
     * A tracer on that OpenTelemetry instance (its tracer provider), propagating the W3C trace context.
     *
     * @param openTelemetry the host's instance, such as {@code GlobalOpenTelemetry.get()} or its SDK
     * @return the tracer, for {@code WebhookSender.Builder.tracer}
     * @throws NullPointerException if openTelemetry is null
     */
    public static DeliveryTracer create(OpenTelemetry openTelemetry) {
        return create(openTelemetry, W3CTraceContextPropagator.getInstance());
    }

    /**
     * A tracer on that OpenTelemetry instance that captures and sends what {@code propagator}
     * injects. What it captures is stored with each event within the store's bounds (at most 4
     * headers, each value of at most 512 printable ASCII characters; an entry over them is dropped),
     * and what it injects for an attempt is sent to the receiver.
     *
     * @param openTelemetry the host's instance
     * @param propagator the propagator, such as {@code openTelemetry.getPropagators().getTextMapPropagator()}
     * @return the tracer, for {@code WebhookSender.Builder.tracer}
     * @throws NullPointerException if an argument is null
     */
    public static DeliveryTracer create(OpenTelemetry openTelemetry, TextMapPropagator propagator) {
        Objects.requireNonNull(openTelemetry, "openTelemetry cannot be null");
        Objects.requireNonNull(propagator, "propagator cannot be null");
        return new OpenTelemetryDeliveryTracer(openTelemetry.getTracer(INSTRUMENTATION_SCOPE), propagator);
    }
}
