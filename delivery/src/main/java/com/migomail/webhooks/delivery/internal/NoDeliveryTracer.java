package com.migomail.webhooks.delivery.internal;

import com.migomail.webhooks.delivery.AttemptInfo;
import com.migomail.webhooks.delivery.AttemptSpan;
import com.migomail.webhooks.delivery.DeliveryTracer;
import java.util.Map;

/** The tracer and span that do nothing: the sender's default. */
public final class NoDeliveryTracer implements DeliveryTracer {
    /** The one instance. */
    public static final DeliveryTracer INSTANCE = new NoDeliveryTracer();

    /** The span that does nothing. */
    public static final AttemptSpan SPAN = new AttemptSpan() {
        @Override
        public void end(int statusCode) {}

        @Override
        public void endWithError(Throwable error) {}
    };

    private NoDeliveryTracer() {}

    @Override
    public Map<String, String> captureContext() {
        return Map.of();
    }

    @Override
    public AttemptSpan startAttempt(AttemptInfo attempt, Map<String, String> storedContext) {
        return SPAN;
    }
}
