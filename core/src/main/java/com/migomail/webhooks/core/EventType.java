package com.migomail.webhooks.core;

import com.migomail.webhooks.core.internal.WireNames;
import java.util.Optional;

/**
 * The 12 event types of the wire contract, with their wire names and data records. An event of
 * another type is read as {@link UnknownEventData}; {@link WebhookEvent#knownType()} is then empty.
 */
public enum EventType {
    /** Accepted by the recipient's mail server. */
    EMAIL_SENT("email.sent", EmailSent.class),
    /** Opened by the recipient. */
    EMAIL_OPENED("email.opened", EmailOpened.class),
    /** A link clicked by the recipient. */
    EMAIL_CLICKED("email.clicked", EmailClicked.class),
    /** Bounced, hard or soft. */
    EMAIL_BOUNCED("email.bounced", EmailBounced.class),
    /** Reported as spam by the recipient. */
    EMAIL_SPAM_REPORTED("email.spam_reported", EmailSpamReported.class),
    /** The recipient unsubscribed. */
    EMAIL_UNSUBSCRIBED("email.unsubscribed", EmailUnsubscribed.class),
    /** A subscriber was added. */
    SUBSCRIBER_CREATED("subscriber.created", SubscriberCreated.class),
    /** A subscriber's fields changed. */
    SUBSCRIBER_UPDATED("subscriber.updated", SubscriberUpdated.class),
    /** An automation started for a subscriber. */
    AUTOMATION_TRIGGERED("automation.triggered", AutomationTriggered.class),
    /** An automation finished for a subscriber. */
    AUTOMATION_COMPLETED("automation.completed", AutomationCompleted.class),
    /** A campaign finished sending. */
    CAMPAIGN_SENT("campaign.sent", CampaignSent.class),
    /** A campaign was paused. */
    CAMPAIGN_PAUSED("campaign.paused", CampaignPaused.class);

    private static final WireNames<EventType> BY_WIRE_NAME = WireNames.of(values(), EventType::wireName);

    private final String wireName;
    private final Class<? extends EventData> dataType;

    EventType(String wireName, Class<? extends EventData> dataType) {
        this.wireName = wireName;
        this.dataType = dataType;
    }

    /**
     * The name in the {@code event} field and the {@code X-Migomail-Event} header.
     *
     * @return e.g. {@code email.opened}
     */
    public String wireName() {
        return wireName;
    }

    /**
     * The record class of this type's data, e.g. {@code EmailOpened.class}.
     *
     * @return the class
     */
    public Class<? extends EventData> dataType() {
        return dataType;
    }

    /**
     * The type with that wire name.
     *
     * @param wireName the name on the wire
     * @return the type, or empty for a type this version does not know
     */
    public static Optional<EventType> fromWireName(String wireName) {
        return BY_WIRE_NAME.find(wireName);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
