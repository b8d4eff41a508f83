package com.migomail.webhooks.spring.autoconfigure.internal;

/**
 * Where the {@link VerifiedWebhookArgumentResolver} counts what it received. Free of Micrometer
 * types, so that a receiver without Micrometer on its class path loads the resolver.
 */
@FunctionalInterface
public interface ReceiverMetrics {

    /** Outcome of a request whose event was verified and parsed. */
    String VERIFIED = "verified";
    /** Outcome of a request refused with 401: no, a malformed or a non-matching signature, or a stale timestamp. */
    String BAD_SIGNATURE = "bad_signature";
    /** Outcome of a request refused with 400: a verified body that is not an event. */
    String BAD_BODY = "bad_body";
    /** Outcome of a request refused with 413: a body over the limit, not verified. */
    String TOO_LARGE = "too_large";
    /** The type tag of a refused request: an unverified body's type is not to be trusted, nor bounded. */
    String NO_TYPE = "none";

    /**
     * Records one request.
     *
     * @param outcome one of the outcomes above
     * @param type the verified event's type, or {@link #NO_TYPE}
     */
    void received(String outcome, String type);

    /**
     * Metrics that record nothing, when the application has no meter registry.
     *
     * @return the no-op metrics
     */
    static ReceiverMetrics none() {
        return (outcome, type) -> { };
    }
}
