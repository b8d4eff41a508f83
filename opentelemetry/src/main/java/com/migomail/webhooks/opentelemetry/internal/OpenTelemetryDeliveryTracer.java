package com.migomail.webhooks.opentelemetry.internal;

import com.migomail.webhooks.delivery.AttemptInfo;
import com.migomail.webhooks.delivery.AttemptSpan;
import com.migomail.webhooks.delivery.DeliveryTracer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.LinkedHashMap;
import java.util.Map;

/** The OpenTelemetry tracer: a CLIENT span per attempt, linked to the context stored at publish. */
public final class OpenTelemetryDeliveryTracer implements DeliveryTracer {
    static final AttributeKey<String> HTTP_REQUEST_METHOD = AttributeKey.stringKey("http.request.method");
    static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");
    static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    static final AttributeKey<Long> HTTP_RESPONSE_STATUS_CODE = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<Long> HTTP_REQUEST_RESEND_COUNT = AttributeKey.longKey("http.request.resend_count");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<String> TENANT_ID = AttributeKey.stringKey("migomail.webhooks.tenant.id");
    static final AttributeKey<String> EVENT_ID = AttributeKey.stringKey("migomail.webhooks.event.id");
    static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("migomail.webhooks.event.type");
    static final AttributeKey<String> ENDPOINT_ID = AttributeKey.stringKey("migomail.webhooks.endpoint.id");
    static final AttributeKey<String> DELIVERY_ID = AttributeKey.stringKey("migomail.webhooks.delivery.id");
    static final AttributeKey<Boolean> REPLAY = AttributeKey.booleanKey("migomail.webhooks.replay");

    private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<>() {
        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    /**
     * A tracer making spans with {@code tracer} and propagating with {@code propagator}.
     *
     * @param tracer the OpenTelemetry tracer of this library's scope
     * @param propagator what is captured at publish and sent with each attempt
     */
    public OpenTelemetryDeliveryTracer(Tracer tracer, TextMapPropagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /**
     * What the propagator injects of the current context: with the W3C one, the current span's
     * {@code traceparent} and {@code tracestate}; nothing outside a span.
     *
     * @return the headers, empty for none
     */
    @Override
    public Map<String, String> captureContext() {
        Map<String, String> carrier = new LinkedHashMap<>();
        propagator.inject(Context.current(), carrier, Map::put);
        return carrier;
    }

    /**
     * Starts the attempt's CLIENT span, a root linked to the publishing span, and the headers that
     * carry it.
     *
     * @param attempt what is attempted
     * @param storedContext the context captured at publish, empty for none
     * @return the started span
     */
    @Override
    public AttemptSpan startAttempt(AttemptInfo attempt, Map<String, String> storedContext) {
        // A root span with a link: see OpenTelemetryTracing for why not a child of the publishing span.
        SpanBuilder builder = tracer.spanBuilder("POST").setSpanKind(SpanKind.CLIENT).setNoParent()
                .setAttribute(HTTP_REQUEST_METHOD, "POST")
                .setAttribute(URL_FULL, Urls.redacted(attempt.url()))
                .setAttribute(SERVER_ADDRESS, Urls.host(attempt.url()))
                .setAttribute(SERVER_PORT, Urls.port(attempt.url()))
                .setAttribute(TENANT_ID, attempt.tenant().value())
                .setAttribute(EVENT_ID, attempt.eventId())
                .setAttribute(EVENT_TYPE, attempt.eventType())
                .setAttribute(ENDPOINT_ID, attempt.endpointId())
                .setAttribute(DELIVERY_ID, attempt.deliveryId())
                .setAttribute(REPLAY, attempt.replay());
        if (attempt.resendCount() > 0) {
            builder.setAttribute(HTTP_REQUEST_RESEND_COUNT, attempt.resendCount());
        }
        SpanContext published = publishingContext(storedContext);
        if (published.isValid()) {
            builder.addLink(published);
        }
        Span span = builder.startSpan();
        Map<String, String> headers = new LinkedHashMap<>();
        propagator.inject(Context.root().with(span), headers, Map::put);
        return new OpenTelemetryAttemptSpan(span, headers);
    }

    private SpanContext publishingContext(Map<String, String> storedContext) {
        if (storedContext.isEmpty()) {
            return SpanContext.getInvalid();
        }
        return Span.fromContext(propagator.extract(Context.root(), storedContext, MAP_GETTER)).getSpanContext();
    }

    /** One attempt's span; ended once, with the status or the error. */
    private static final class OpenTelemetryAttemptSpan implements AttemptSpan {
        private final Span span;
        private final Map<String, String> headers;

        OpenTelemetryAttemptSpan(Span span, Map<String, String> headers) {
            this.span = span;
            this.headers = Map.copyOf(headers);
        }

        @Override
        public Map<String, String> headers() {
            return headers;
        }

        @Override
        public void end(int statusCode) {
            span.setAttribute(HTTP_RESPONSE_STATUS_CODE, (long) statusCode);
            if (statusCode >= 400) {
                // The semantic conventions' error.type for a failed response: the status code itself.
                span.setAttribute(ERROR_TYPE, Integer.toString(statusCode));
                span.setStatus(StatusCode.ERROR);
            }
            span.end();
        }

        @Override
        public void endWithError(Throwable error) {
            span.setAttribute(ERROR_TYPE, error.getClass().getName());
            span.setStatus(StatusCode.ERROR);
            span.end();
        }
    }
}
