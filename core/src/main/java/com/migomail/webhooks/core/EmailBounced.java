package com.migomail.webhooks.core;

import com.migomail.webhooks.core.internal.Checks;

/**
 * The data of {@code email.bounced}: the message bounced.
 *
 * <p>Immutable and thread-safe; null optional components are omitted from the JSON.
 *
 * @param messageId the message ({@code msg_…})
 * @param campaignId the campaign ({@code cmp_…}), or null when absent
 * @param subscriber the recipient
 * @param bounceType hard or soft
 * @param bounceCode the enhanced status code, e.g. {@code 5.1.1}
 * @param diagnostic the server's diagnostic text, or null when absent
 */
public record EmailBounced(
        String messageId,
        String campaignId,
        Subscriber subscriber,
        BounceType bounceType,
        String bounceCode,
        String diagnostic)
        implements EmailEventData {

    /** The wire name of this type, {@code email.bounced}. */
    public static final String TYPE = "email.bounced";

    /**
     * Validates.
     *
     * @param messageId the message ({@code msg_…})
     * @param campaignId the campaign ({@code cmp_…}), or null when absent
     * @param subscriber the recipient
     * @param bounceType hard or soft
     * @param bounceCode the enhanced status code, e.g. {@code 5.1.1}
     * @param diagnostic the server's diagnostic text, or null when absent
     * @throws NullPointerException if a required component is null
     */
    public EmailBounced {
        Checks.notNull(messageId, "messageId");
        Checks.notNull(subscriber, "subscriber");
        Checks.notNull(bounceType, "bounceType");
        Checks.notNull(bounceCode, "bounceCode");
    }

    /**
     * Starts {@code email.bounced} data from its required fields; the optional ones stay absent
     * until set.
     *
     * @param messageId the message ({@code msg_…})
     * @param subscriber the recipient
     * @param bounceType hard or soft
     * @param bounceCode the enhanced status code, e.g. {@code 5.1.1}
     * @return a new builder
     * @throws NullPointerException if an argument is null
     */
    public static Builder builder(String messageId, Subscriber subscriber, BounceType bounceType, String bounceCode) {
        return new Builder(messageId, subscriber, bounceType, bounceCode);
    }

    /**
     * The wire name of the type.
     *
     * @return {@value #TYPE}
     */
    @Override
    public String eventType() {
        return TYPE;
    }

    /**
     * Builds {@link EmailBounced} data. The required fields are the arguments of
     * {@link EmailBounced#builder}; each optional field has a setter and is absent until set (or
     * when set to null). Arguments are checked when they are passed, as the canonical constructor
     * checks them.
     *
     * <p>Not thread-safe. {@link #build()} may be called again, after more setters too, and creates
     * a new record each time.
     */
    public static final class Builder {
        private final String messageId;
        private final Subscriber subscriber;
        private final BounceType bounceType;
        private final String bounceCode;
        private String campaignId;
        private String diagnostic;

        private Builder(String messageId, Subscriber subscriber, BounceType bounceType, String bounceCode) {
            this.messageId = Checks.notNull(messageId, "messageId");
            this.subscriber = Checks.notNull(subscriber, "subscriber");
            this.bounceType = Checks.notNull(bounceType, "bounceType");
            this.bounceCode = Checks.notNull(bounceCode, "bounceCode");
        }

        /**
         * Sets {@code campaignId}.
         *
         * @param campaignId the campaign ({@code cmp_…}), or null when absent
         * @return this builder
         */
        public Builder campaignId(String campaignId) {
            this.campaignId = campaignId;
            return this;
        }

        /**
         * Sets {@code diagnostic}.
         *
         * @param diagnostic the server's diagnostic text, or null when absent
         * @return this builder
         */
        public Builder diagnostic(String diagnostic) {
            this.diagnostic = diagnostic;
            return this;
        }

        /**
         * The data, created by the canonical constructor.
         *
         * @return a new {@link EmailBounced}
         */
        public EmailBounced build() {
            return new EmailBounced(messageId, campaignId, subscriber, bounceType, bounceCode, diagnostic);
        }
    }
}
