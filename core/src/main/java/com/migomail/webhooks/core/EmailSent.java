package com.migomail.webhooks.core;

import com.migomail.webhooks.core.internal.Checks;

/**
 * The data of {@code email.sent}: the message was accepted by the recipient's mail server.
 *
 * <p>Immutable and thread-safe; null optional components are omitted from the JSON.
 *
 * @param messageId the message ({@code msg_…})
 * @param campaignId the campaign ({@code cmp_…}), or null when absent
 * @param subscriber the recipient
 * @param smtpResponse the server's SMTP reply, e.g. {@code 250 2.0.0 OK}, or null when absent
 */
public record EmailSent(
        String messageId,
        String campaignId,
        Subscriber subscriber,
        String smtpResponse)
        implements EmailEventData {

    /** The wire name of this type, {@code email.sent}. */
    public static final String TYPE = "email.sent";

    /**
     * Validates.
     *
     * @param messageId the message ({@code msg_…})
     * @param campaignId the campaign ({@code cmp_…}), or null when absent
     * @param subscriber the recipient
     * @param smtpResponse the server's SMTP reply, e.g. {@code 250 2.0.0 OK}, or null when absent
     * @throws NullPointerException if a required component is null
     */
    public EmailSent {
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
