package com.migomail.webhooks.core;

import com.migomail.webhooks.core.internal.Checks;

/**
 * The data of {@code automation.completed}: an automation finished for a subscriber.
 *
 * <p>Immutable and thread-safe; null optional components are omitted from the JSON.
 *
 * @param automationId the automation ({@code aut_…})
 * @param automationName its name, or null when absent
 * @param subscriber the subscriber it ran for
 * @param stepsCompleted how many steps ran, at least 0
 */
public record AutomationCompleted(
        String automationId,
        String automationName,
        Subscriber subscriber,
        int stepsCompleted)
        implements EventData {

    /** The wire name of this type, {@code automation.completed}. */
    public static final String TYPE = "automation.completed";

    /**
     * Validates.
     *
     * @param automationId the automation ({@code aut_…})
     * @param automationName its name, or null when absent
     * @param subscriber the subscriber it ran for
     * @param stepsCompleted how many steps ran, at least 0
     * @throws NullPointerException if a required component is null
     * @throws IllegalArgumentException if a number is below its minimum
     */
    public AutomationCompleted {
        Checks.notNull(automationId, "automationId");
        Checks.notNull(subscriber, "subscriber");
        Checks.atLeast(stepsCompleted, 0, "stepsCompleted");
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
