package com.migomail.webhooks.core;

import java.util.Optional;

/**
 * The {@code data} of an event: one record per type of the wire contract, or
 * {@link UnknownEventData} for a type this version does not know.
 *
 * <p>Optional fields are nullable record components: {@code null} means absent, and an absent
 * field is omitted from the JSON (never written as {@code null}). Optional counts are boxed
 * ({@code Long}) for that reason. Required fields are checked in the constructors, which throw
 * {@link NullPointerException} ({@code "x cannot be null"}) or {@link IllegalArgumentException}.
 * All implementations are immutable and thread-safe.
 *
 * <p>Each record type also has a builder, started with its required fields and with one setter per
 * optional field, e.g. {@code EmailOpened.builder(messageId, subscriber).client("Apple Mail").build()}.
 * It checks its arguments as the canonical constructor does, and {@code build()} calls that
 * constructor, so a builder gives exactly the record the constructor gives.
 */
public sealed interface EventData
        permits EmailEventData,
                SubscriberCreated,
                SubscriberUpdated,
                AutomationTriggered,
                AutomationCompleted,
                CampaignSent,
                CampaignPaused,
                UnknownEventData {

    /**
     * The wire name of the event type this data belongs to.
     *
     * @return e.g. {@code email.opened}
     */
    String eventType();

    /**
     * The type, when this version knows it.
     *
     * @return the type, or empty for {@link UnknownEventData}
     */
    default Optional<EventType> knownType() {
        return EventType.fromWireName(eventType());
    }
}
