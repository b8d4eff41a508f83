package com.migomail.webhooks.core;

import com.migomail.webhooks.core.internal.Checks;

/**
 * The data of {@code email.unsubscribed}: the recipient unsubscribed through the message.
 *
 * <p>Immutable and thread-safe; null optional components are omitted from the JSON.
 *
 * @param messageId the message ({@code msg_…})
 * @param campaignId the campaign ({@code cmp_…}), or null when absent
 * @param subscriber the recipient
 * @param method how they unsubscribed, or null when absent
 * @param listId the list they left ({@code lst_…}), or null when absent
 */
public record EmailUnsubscribed(
        String messageId,
        String campaignId,
        Subscriber subscriber,
        UnsubscribeMethod method,
        String listId)
        implements EmailEventData {

    /** The wire name of this type, {@code email.unsubscribed}. */
    public static final String TYPE = "email.unsubscribed";

    /**
     * Validates.
     *
     * @param messageId the message ({@code msg_…})
     * @param campaignId the campaign ({@code cmp_…}), or null when absent
     * @param subscriber the recipient
     * @param method how they unsubscribed, or null when absent
     * @param listId the list they left ({@code lst_…}), or null when absent
     * @throws NullPointerException if a required component is null
     */
    public EmailUnsubscribed {
        Checks.notNull(messageId, "messageId");
        Checks.notNull(subscriber, "subscriber");
    }

    /**
     * Starts {@code email.unsubscribed} data from its required fields; the optional ones stay
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
     * Builds {@link EmailUnsubscribed} data. The required fields are the arguments of
     * {@link EmailUnsubscribed#builder}; each optional field has a setter and is absent until set
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
        private UnsubscribeMethod method;
        private String listId;

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
         * Sets {@code method}.
         *
         * @param method how they unsubscribed, or null when absent
         * @return this builder
         */
        public Builder method(UnsubscribeMethod method) {
            this.method = method;
            return this;
        }

        /**
         * Sets {@code listId}.
         *
         * @param listId the list they left ({@code lst_…}), or null when absent
         * @return this builder
         */
        public Builder listId(String listId) {
            this.listId = listId;
            return this;
        }

        /**
         * The data, created by the canonical constructor.
         *
         * @return a new {@link EmailUnsubscribed}
         */
        public EmailUnsubscribed build() {
            return new EmailUnsubscribed(messageId, campaignId, subscriber, method, listId);
        }
    }
}
