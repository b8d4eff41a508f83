package com.migomail.webhooks.core;

/** The {@code data} of an event. Skeleton: P1.1 makes it a sealed interface of 12 records + unknown. */
public interface EventData {
    /** The wire name of the event type this data belongs to. */
    String eventType();
}
