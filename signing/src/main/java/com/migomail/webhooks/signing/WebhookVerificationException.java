package com.migomail.webhooks.signing;

import com.migomail.webhooks.WebhookException;
import java.util.Objects;

/**
 * A request that failed verification, with the {@link Reason}. The message says what to check in
 * the receiver; it never contains a secret or the expected signature. A {@link WebhookException}.
 */
public class WebhookVerificationException extends WebhookException {
    private static final long serialVersionUID = 1L;

    /** Why a request was refused. */
    public enum Reason {
        /** A signature header the accepted schemes need is absent. */
        MISSING_HEADER,
        /** A signature header is present but cannot be read (empty, not a number, no signature entry). */
        MALFORMED_HEADER,
        /** {@code webhook-timestamp} is further in the past than the tolerance allows: possibly a replay. */
        TIMESTAMP_TOO_OLD,
        /** {@code webhook-timestamp} is further in the future than the tolerance allows. */
        TIMESTAMP_TOO_NEW,
        /** The headers are well-formed, but no signature matches any of the verifier's keys. */
        NO_MATCHING_SIGNATURE,
        /** Refused by code outside this module for a reason not listed here. */
        OTHER
    }

    private final Reason reason;

    /**
     * Creates the exception with reason {@link Reason#OTHER}.
     *
     * @param message what to check in the receiver; never a secret or an expected signature
     */
    public WebhookVerificationException(String message) {
        this(Reason.OTHER, message);
    }

    /**
     * Creates the exception.
     *
     * @param reason why the request was refused
     * @param message what to check in the receiver; never a secret or an expected signature
     * @throws NullPointerException if the reason is null
     */
    public WebhookVerificationException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason cannot be null");
    }

    /**
     * Creates the exception with its cause.
     *
     * @param reason why the request was refused
     * @param message what to check in the receiver; never a secret or an expected signature
     * @param cause the failure that led to the refusal, chained as {@link #getCause()}; may be null
     * @throws NullPointerException if the reason is null
     */
    public WebhookVerificationException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason cannot be null");
    }

    /**
     * Why the request was refused.
     *
     * @return the reason, never null; {@link Reason#OTHER} when created without one
     */
    public Reason reason() {
        return reason;
    }
}
