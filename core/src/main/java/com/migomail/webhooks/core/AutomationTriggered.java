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
     * Starts {@code automation.triggered} data from its required fields; the optional ones stay
     * absent until set.
     *
     * @param automationId the automation ({@code aut_…})
     * @param subscriber the subscriber it runs for
     * @param trigger what started it
     * @return a new builder
     * @throws NullPointerException if an argument is null
     */
    public static Builder builder(String automationId, Subscriber subscriber, String trigger) {
        return new Builder(automationId, subscriber, trigger);
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

    /**
     * Builds {@link AutomationTriggered} data. The required fields are the arguments of
     * {@link AutomationTriggered#builder}; each optional field has a setter and is absent until set
     * (or when set to null). Arguments are checked when they are passed, as the canonical
     * constructor checks them.
     *
     * <p>Not thread-safe. {@link #build()} may be called again, after more setters too, and creates
     * a new record each time.
     */
    public static final class Builder {
        private final String automationId;
        private final Subscriber subscriber;
        private final String trigger;
        private String automationName;

        private Builder(String automationId, Subscriber subscriber, String trigger) {
            this.automationId = Checks.notNull(automationId, "automationId");
            this.subscriber = Checks.notNull(subscriber, "subscriber");
            this.trigger = Checks.notNull(trigger, "trigger");
        }

        /**
         * Sets {@code automationName}.
         *
         * @param automationName its name, or null when absent
         * @return this builder
         */
        public Builder automationName(String automationName) {
            this.automationName = automationName;
            return this;
        }

        /**
         * The data, created by the canonical constructor.
         *
         * @return a new {@link AutomationTriggered}
         */
        public AutomationTriggered build() {
            return new AutomationTriggered(automationId, automationName, subscriber, trigger);
        }
    }
}
