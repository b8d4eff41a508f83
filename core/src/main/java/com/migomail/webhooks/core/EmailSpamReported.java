package com.migomail.webhooks.core;

import com.migomail.webhooks.core.internal.Checks;

/**
 * The data of {@code email.spam_reported}: the recipient reported the message as spam.
 *
 * <p>Immutable and thread-safe; null optional components are omitted from the JSON.
 *
 * @param messageId the message ({@code msg_…})
 * @param campaignId the campaign ({@code cmp_…}), or null when absent
 * @param subscriber the recipient
 * @param feedbackProvider the mailbox provider whose feedback loop reported it, or null when absent
 */
public record EmailSpamReported(
        String messageId,
        String campaignId,
        Subscriber subscriber,
        String feedbackProvider)
        implements EmailEventData {

    /** The wire name of this type, {@code email.spam_reported}. */
    public static final String TYPE = "email.spam_reported";

    /**
     * Validates.
     *
     * @param messageId the message ({@code msg_…})
     * @param campaignId the campaign ({@code cmp_…}), or null when absent
     * @param subscriber the recipient
     * @param feedbackProvider the mailbox provider whose feedback loop reported it, or null when absent
     * @throws NullPointerException if a required component is null
     */
    public EmailSpamReported {
        Checks.notNull(messageId, "messageId");
        Checks.notNull(subscriber, "subscriber");
    }

    /**
     * Starts {@code email.spam_reported} data from its required fields; the optional ones stay
     * absent until set.
     *
     * @param messageId the message ({@code msg_…})
     * @param subscriber the recipient
     * @return a new builder
     * @throws NullPointerException if an argument is null
     */
    public static Builder builder(String messageId, Subscriber subscriber) {
        return new Builder(messageId, subscriber);
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
     * Builds {@link EmailSpamReported} data. The required fields are the arguments of
     * {@link EmailSpamReported#builder}; each optional field has a setter and is absent until set
     * (or when set to null). Arguments are checked when they are passed, as the canonical
     * constructor checks them.
     *
     * <p>Not thread-safe. {@link #build()} may be called again, after more setters too, and creates
     * a new record each time.
     */
    public static final class Builder {
        private final String messageId;
        private final Subscriber subscriber;
        private String campaignId;
        private String feedbackProvider;

        private Builder(String messageId, Subscriber subscriber) {
            this.messageId = Checks.notNull(messageId, "messageId");
            this.subscriber = Checks.notNull(subscriber, "subscriber");
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
         * Sets {@code feedbackProvider}.
         *
         * @param feedbackProvider the mailbox provider whose feedback loop reported it, or null
         *     when absent
         * @return this builder
         */
        public Builder feedbackProvider(String feedbackProvider) {
            this.feedbackProvider = feedbackProvider;
            return this;
        }

        /**
         * The data, created by the canonical constructor.
         *
         * @return a new {@link EmailSpamReported}
         */
        public EmailSpamReported build() {
            return new EmailSpamReported(messageId, campaignId, subscriber, feedbackProvider);
        }
    }
}
