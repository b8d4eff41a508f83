package com.migomail.webhooks.core;

/**
 * The data of the six {@code email.*} events, which all start with {@code message_id},
 * {@code campaign_id?} and {@code subscriber}. Immutable and thread-safe.
 */
public sealed interface EmailEventData extends EventData
        permits EmailSent, EmailOpened, EmailClicked, EmailBounced, EmailSpamReported, EmailUnsubscribed {

    /**
     * The message ({@code msg_…}).
     *
     * @return the id, never null
     */
    String messageId();

    /**
     * The campaign the message belongs to ({@code cmp_…}).
     *
     * @return the id, or null for a message outside a campaign (transactional, automation)
     */
    String campaignId();

    /**
     * The recipient.
     *
     * @return the subscriber, never null
     */
    Subscriber subscriber();
}
