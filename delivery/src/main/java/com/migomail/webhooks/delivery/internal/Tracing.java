package com.migomail.webhooks.delivery.internal;

import com.migomail.webhooks.delivery.AttemptInfo;
import com.migomail.webhooks.delivery.AttemptSpan;
import com.migomail.webhooks.delivery.DeliveryTracer;
import com.migomail.webhooks.delivery.WebhookResponse;
import com.migomail.webhooks.store.Delivery;
import com.migomail.webhooks.store.Endpoint;
import com.migomail.webhooks.store.StoredEvent;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sender's side of its {@link DeliveryTracer}: keeps to the store's bounds what the tracer
 * captures, keeps the sender's own and the client's own headers out of what a span adds, and
 * catches whatever the tracer throws, so that tracing never breaks a publish or an attempt.
 * Without a tracer it calls nothing and stores nothing.
 */
final class Tracing {
    private static final Logger LOG = LoggerFactory.getLogger(Tracing.class);

    /** An HTTP token (RFC 9110): what a header name may be. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}");
    /** Printable ASCII and spaces, no line break: a value that cannot split the header. */
    private static final Pattern VALUE = Pattern.compile("[\\x20-\\x7e]{0,8192}");
    /** Set by the sender ({@link SignedRequests}) or by HTTP clients themselves (restricted in java.net.http). */
    private static final Set<String> RESERVED = Set.of("content-type", "user-agent", "x-migomail-event",
            "x-migomail-signature", "webhook-id", "webhook-timestamp", "webhook-signature", "host", "content-length",
            "connection", "expect", "upgrade", "transfer-encoding", "te", "trailer");

    private final DeliveryTracer tracer;

    Tracing(DeliveryTracer tracer) {
        this.tracer = tracer;
    }

    /** What the tracer captures now, within the store's bounds; empty without a tracer or if it throws. */
    Map<String, String> capture() {
        if (tracer == NoDeliveryTracer.INSTANCE) {
            return Map.of();
        }
        Map<String, String> captured;
        try {
            captured = tracer.captureContext();
        } catch (RuntimeException | Error e) {
            LOG.warn("delivery tracer {} threw from captureContext; the event is stored without a trace context",
                    tracer.getClass().getName(), e);
            return Map.of();
        }
        if (captured == null || captured.isEmpty()) {
            return Map.of();
        }
        Map<String, String> kept = new LinkedHashMap<>();
        captured.forEach((name, value) -> {
            if (name != null && value != null && kept.size() < StoredEvent.MAX_TRACE_CONTEXT_ENTRIES
                    && StoredEvent.isStorableTraceContextEntry(name, value)) {
                kept.put(name, value);
            } else {
                LOG.debug("trace context entry {} dropped: over the bounds a store keeps", name);
            }
        });
        return kept;
    }

    /** The span of an attempt about to start; one that does nothing if the tracer throws. */
    Span start(Delivery delivery, StoredEvent event, Endpoint endpoint, int number) {
        if (tracer == NoDeliveryTracer.INSTANCE) {
            return Span.NONE;
        }
        AttemptSpan span;
        try {
            span = tracer.startAttempt(new AttemptInfo(delivery.tenant(), delivery.id(), event.id(), event.type(),
                    endpoint.id(), URI.create(endpoint.url()), number, delivery.replay()), event.traceContext());
        } catch (RuntimeException | Error e) {
            LOG.warn("delivery tracer {} threw from startAttempt; delivery {} attempt {} is sent without a span",
                    tracer.getClass().getName(), delivery.id(), number, e);
            return Span.NONE;
        }
        if (span == null) {
            return Span.NONE;
        }
        return new Span(span, headers(span));
    }

    private Map<String, String> headers(AttemptSpan span) {
        Map<String, String> given;
        try {
            given = span.headers();
        } catch (RuntimeException | Error e) {
            LOG.warn("attempt span {} threw from headers; the request carries none of its headers",
                    span.getClass().getName(), e);
            return Map.of();
        }
        if (given == null || given.isEmpty()) {
            return Map.of();
        }
        Map<String, String> kept = new LinkedHashMap<>();
        given.forEach((name, value) -> {
            if (name != null && value != null && TOKEN.matcher(name).matches() && VALUE.matcher(value).matches()
                    && !RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
                kept.put(name, value);
            } else {
                LOG.debug("attempt span header {} left out: reserved, or not a valid header", name);
            }
        });
        return kept;
    }

    /** One attempt's span, with the headers it adds, already checked. Ended once; never throws. */
    static final class Span {
        static final Span NONE = new Span(NoDeliveryTracer.SPAN, Map.of());

        private final AttemptSpan span;
        private final Map<String, String> headers;

        private Span(AttemptSpan span, Map<String, String> headers) {
            this.span = span;
            this.headers = Map.copyOf(headers);
        }

        Map<String, String> headers() {
            return headers;
        }

        /**
         * Ends the span with what the attempt came to: the response, or the error.
         *
         * @param response the response, or {@code null}
         * @param error what ended the attempt without one, or {@code null} if it was not sent
         */
        void end(WebhookResponse response, Throwable error) {
            if (this == NONE) {
                return;
            }
            try {
                if (response != null) {
                    span.end(response.statusCode());
                } else {
                    span.endWithError(error == null ? new CancellationException("not sent") : underlying(error));
                }
            } catch (RuntimeException | Error e) {
                LOG.warn("attempt span {} threw when it was ended; ignored", span.getClass().getName(), e);
            }
        }

        /** The sender's own diagnoses are internal: the tracer gets the error they diagnose. */
        private static Throwable underlying(Throwable error) {
            return error instanceof AttemptFailure && error.getCause() != null ? error.getCause() : error;
        }
    }
}
