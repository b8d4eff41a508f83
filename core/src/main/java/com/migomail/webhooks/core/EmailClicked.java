package com.migomail.webhooks.core;

import com.migomail.webhooks.core.internal.Checks;

/**
 * The data of {@code email.clicked}: the recipient clicked a link of the message.
 *
 * <p>Immutable and thread-safe; null optional components are omitted from the JSON.
 *
 * @param messageId the message ({@code msg_…})
 * @param campaignId the campaign ({@code cmp_…}), or null when absent
 * @param subscriber the recipient
 * @param url the link's target
 * @param linkPosition the link's position in the message, 1-based
 * @param ipAddress the address the request came from, or null when absent
 * @param userAgent the {@code User-Agent} of that request, or null when absent
 * @param client the mail client recognised from it, e.g. {@code Apple Mail}, or null when absent
 * @param device the device recognised from it, e.g. {@code iPhone}, or null when absent
 */
public record EmailClicked(
        String messageId,
        String campaignId,
        Subscriber subscriber,
        String url,
        int linkPosition,
        String ipAddress,
        String userAgent,
        String client,
        String device)
        implements EmailEventData {

    /** The wire name of this type, {@code email.clicked}. */
    public static final String TYPE = "email.clicked";

    /**
     * Validates.
     *
     * @param messageId the message ({@code msg_…})
     * @param campaignId the campaign ({@code cmp_…}), or null when absent
     * @param subscriber the recipient
     * @param url the link's target
     * @param linkPosition the link's position in the message, 1-based
     * @param ipAddress the address the request came from, or null when absent
     * @param userAgent the {@code User-Agent} of that request, or null when absent
     * @param client the mail client recognised from it, e.g. {@code Apple Mail}, or null when absent
     * @param device the device recognised from it, e.g. {@code iPhone}, or null when absent
     * @throws NullPointerException if a required component is null
     * @throws IllegalArgumentException if a number is below its minimum
     */
    public EmailClicked {
        Checks.notNull(messageId, "messageId");
        Checks.notNull(subscriber, "subscriber");
        Checks.notNull(url, "url");
        Checks.atLeast(linkPosition, 1, "linkPosition");
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
