package com.migomail.webhooks.delivery;

import java.util.Map;

/**
 * The span of one delivery attempt, opened by {@link DeliveryTracer#startAttempt} and ended once,
 * by {@link #end} or {@link #endWithError}. Whatever it throws is caught and logged; it never
 * breaks the attempt.
 */
public interface AttemptSpan {

    /**
     * The span that does nothing and adds no header.
     *
     * @return the span that does nothing
     */
    static AttemptSpan none() {
        return com.migomail.webhooks.delivery.internal.NoDeliveryTracer.SPAN;
    }

    /**
     * The headers the attempt's request carries in addition to the sender's own, such as
     * {@code traceparent} and {@code tracestate}, so that the receiver can join the trace. Read once,
     * when the request is built. A header that would replace one of the sender's own
     * ({@code Content-Type}, {@code User-Agent}, {@code X-Migomail-Event}, the signature headers), that
     * HTTP clients set themselves ({@code Host}, {@code Content-Length}, {@code Connection},
     * {@code Expect}, {@code Upgrade}), or whose name is not an HTTP token or whose value is not
     * printable ASCII, is left out. Default: none.
     *
     * @return the extra headers by name
     */
    default Map<String, String> headers() {
        return Map.of();
    }

    /**
     * The endpoint answered: the attempt succeeded if the status is 2xx, and failed otherwise.
     *
     * @param statusCode the response status
     */
    void end(int statusCode);

    /**
     * The attempt ended without a response: the address check refused or failed, the connection
     * failed, no status arrived in time ({@link java.util.concurrent.TimeoutException}), or the
     * attempt was not sent at all ({@link java.util.concurrent.CancellationException}: its lease would
     * have ended first, or the sender is closing).
     *
     * @param error what ended it; for a failure the sender diagnosed itself, the underlying error
     */
    void endWithError(Throwable error);
}
