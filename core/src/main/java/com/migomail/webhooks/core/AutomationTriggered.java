package com.migomail.webhooks.core;

import com.migomail.webhooks.core.internal.Checks;

/**
 * The data of {@code automation.triggered}: an automation started for a subscriber.
 *
 * <p>Immutable and thread-safe; null optional components are omitted from the JSON.
 *
 * @param automationId the automation ({@code aut_…})
 * @param automationName its name, or null when absent
 * @param subscriber the subscriber it runs for
 * @param trigger what started it
 */
public record AutomationTriggered(
        String automationId,
        String automationName,
        Subscriber subscriber,
        String trigger)
        implements EventData {

    /** The wire name of this type, {@code automation.triggered}. */
    public static final String TYPE = "automation.triggered";

    /**
     * Validates.
     *
     * @param automationId the automation ({@code aut_…})
     * @param automationName its name, or null when absent
     * @param subscriber the subscriber it runs for
     * @param trigger what started it
     * @throws NullPointerException if a required component is null
     */
    public AutomationTriggered {
        Checks.notNull(automationId, "automationId");
        Checks.notNull(subscriber, "subscriber");
        Checks.notNull(trigger, "trigger");
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
