package com.migomail.webhooks.core;

import com.migomail.webhooks.core.internal.Checks;

/**
 * The data of {@code email.opened}: the recipient opened the message.
 *
 * <p>Immutable and thread-safe; null optional components are omitted from the JSON.
 *
 * @param messageId the message ({@code msg_…})
 * @param campaignId the campaign ({@code cmp_…}), or null when absent
 * @param subscriber the recipient
 * @param ipAddress the address the request came from, or null when absent
 * @param userAgent the {@code User-Agent} of that request, or null when absent
 * @param client the mail client recognised from it, e.g. {@code Apple Mail}, or null when absent
 * @param device the device recognised from it, e.g. {@code iPhone}, or null when absent
 */
public record EmailOpened(
        String messageId,
        String campaignId,
        Subscriber subscriber,
        String ipAddress,
        String userAgent,
        String client,
        String device)
        implements EmailEventData {

    /** The wire name of this type, {@code email.opened}. */
    public static final String TYPE = "email.opened";

    /**
     * Validates.
     *
     * @param messageId the message ({@code msg_…})
     * @param campaignId the campaign ({@code cmp_…}), or null when absent
     * @param subscriber the recipient
     * @param ipAddress the address the request came from, or null when absent
     * @param userAgent the {@code User-Agent} of that request, or null when absent
     * @param client the mail client recognised from it, e.g. {@code Apple Mail}, or null when absent
     * @param device the device recognised from it, e.g. {@code iPhone}, or null when absent
     * @throws NullPointerException if a required component is null
     */
    public EmailOpened {
        Checks.notNull(messageId, "messageId");
        Checks.notNull(subscriber, "subscriber");
    }

    /**
     * Starts {@code email.opened} data from its required fields; the optional ones stay absent
     * until set.
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
     * Builds {@link EmailOpened} data. The required fields are the arguments of
     * {@link EmailOpened#builder}; each optional field has a setter and is absent until set (or
     * when set to null). Arguments are checked when they are passed, as the canonical constructor
     * checks them.
     *
     * <p>Not thread-safe. {@link #build()} may be called again, after more setters too, and creates
     * a new record each time.
     */
    public static final class Builder {
        private final String messageId;
        private final Subscriber subscriber;
        private String campaignId;
        private String ipAddress;
        private String userAgent;
        private String client;
        private String device;

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
         * Sets {@code ipAddress}.
         *
         * @param ipAddress the address the request came from, or null when absent
         * @return this builder
         */
        public Builder ipAddress(String ipAddress) {
            this.ipAddress = ipAddress;
            return this;
        }

        /**
         * Sets {@code userAgent}.
         *
         * @param userAgent the {@code User-Agent} of that request, or null when absent
         * @return this builder
         */
        public Builder userAgent(String userAgent) {
            this.userAgent = userAgent;
            return this;
        }

        /**
         * Sets {@code client}.
         *
         * @param client the mail client recognised from it, e.g. {@code Apple Mail}, or null when
         *     absent
         * @return this builder
         */
        public Builder client(String client) {
            this.client = client;
            return this;
        }

        /**
         * Sets {@code device}.
         *
         * @param device the device recognised from it, e.g. {@code iPhone}, or null when absent
         * @return this builder
         */
        public Builder device(String device) {
            this.device = device;
            return this;
        }

        /**
         * The data, created by the canonical constructor.
         *
         * @return a new {@link EmailOpened}
         */
        public EmailOpened build() {
            return new EmailOpened(messageId, campaignId, subscriber, ipAddress, userAgent, client, device);
        }
    }
}
