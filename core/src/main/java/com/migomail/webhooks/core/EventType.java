package com.migomail.webhooks.core;

import java.util.Optional;

/** The 12 event types of the wire contract, with their wire names. */
public enum EventType {
    /** Accepted by the recipient's mail server. */
    EMAIL_SENT("email.sent"),
    /** Opened by the recipient. */
    EMAIL_OPENED("email.opened"),
    /** A link clicked by the recipient. */
    EMAIL_CLICKED("email.clicked"),
    /** Bounced, hard or soft. */
    EMAIL_BOUNCED("email.bounced"),
    /** Reported as spam by the recipient. */
    EMAIL_SPAM_REPORTED("email.spam_reported"),
    /** The recipient unsubscribed. */
    EMAIL_UNSUBSCRIBED("email.unsubscribed"),
    /** A subscriber was added. */
    SUBSCRIBER_CREATED("subscriber.created"),
    /** A subscriber's fields changed. */
    SUBSCRIBER_UPDATED("subscriber.updated"),
    /** An automation started for a subscriber. */
    AUTOMATION_TRIGGERED("automation.triggered"),
    /** An automation finished for a subscriber. */
    AUTOMATION_COMPLETED("automation.completed"),
    /** A campaign finished sending. */
    CAMPAIGN_SENT("campaign.sent"),
    /** A campaign was paused. */
    CAMPAIGN_PAUSED("campaign.paused");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    /** The name in the {@code event} field and the {@code X-Migomail-Event} header, e.g. {@code email.opened}. */
    public String wireName() {
        return wireName;
    }

    /** The type with that wire name, or empty for a type this version does not know. */
    public static Optional<EventType> fromWireName(String wireName) {
        for (EventType type : values()) {
            if (type.wireName.equals(wireName)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
