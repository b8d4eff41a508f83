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
     * The wire name of the type.
     *
     * @return {@value #TYPE}
     */
    @Override
    public String eventType() {
        return TYPE;
    }
}
