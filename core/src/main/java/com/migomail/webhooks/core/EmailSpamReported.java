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
     * The wire name of the type.
     *
     * @return {@value #TYPE}
     */
    @Override
    public String eventType() {
        return TYPE;
    }
}
