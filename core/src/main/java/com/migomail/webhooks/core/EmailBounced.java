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
     * The wire name of the type.
     *
     * @return {@value #TYPE}
     */
    @Override
    public String eventType() {
        return TYPE;
    }
}
