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
        /**
         * A signature header is present but cannot be read: empty, several different ids or
         * timestamps, a {@code webhook-id} that is not 1 to {@value WebhookHeaders#MAX_ID_LENGTH}
         * characters of {@code A-Z a-z 0-9 _ -}, a timestamp that is not a number, no signature entry.
         */
        MALFORMED_HEADER,
        /**
         * A signature header is longer than {@value WebhookHeaders#MAX_HEADER_LENGTH} characters or
         * has more than {@value WebhookHeaders#MAX_SIGNATURES} signature entries; refused before any
         * signature is checked.
         */
        HEADER_TOO_LARGE,
        /**
         * {@code X-Migomail-Signature} over a body that begins like Standard Webhooks signed content
         * ({@code <id characters>.<digits>.}): the body-only MAC of such a body is also a {@code v1}
         * signature, so it is refused before any MAC is computed. No signer of this library sends it.
         */
        SCHEME_CONFUSION,
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
