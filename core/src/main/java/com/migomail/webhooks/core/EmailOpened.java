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
     * The wire name of the type.
     *
     * @return {@value #TYPE}
     */
    @Override
    public String eventType() {
        return TYPE;
    }
}
