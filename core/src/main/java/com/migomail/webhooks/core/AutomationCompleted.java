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
     * Starts {@code automation.completed} data from its required fields; the optional ones stay
     * absent until set.
     *
     * @param automationId the automation ({@code aut_…})
     * @param subscriber the subscriber it ran for
     * @param stepsCompleted how many steps ran, at least 0
     * @return a new builder
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if a number is below its minimum
     */
    public static Builder builder(String automationId, Subscriber subscriber, int stepsCompleted) {
        return new Builder(automationId, subscriber, stepsCompleted);
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
     * Builds {@link AutomationCompleted} data. The required fields are the arguments of
     * {@link AutomationCompleted#builder}; each optional field has a setter and is absent until set
     * (or when set to null). Arguments are checked when they are passed, as the canonical
     * constructor checks them.
     *
     * <p>Not thread-safe. {@link #build()} may be called again, after more setters too, and creates
     * a new record each time.
     */
    public static final class Builder {
        private final String automationId;
        private final Subscriber subscriber;
        private final int stepsCompleted;
        private String automationName;

        private Builder(String automationId, Subscriber subscriber, int stepsCompleted) {
            this.automationId = Checks.notNull(automationId, "automationId");
            this.subscriber = Checks.notNull(subscriber, "subscriber");
            Checks.atLeast(stepsCompleted, 0, "stepsCompleted");
            this.stepsCompleted = stepsCompleted;
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
         * @return a new {@link AutomationCompleted}
         */
        public AutomationCompleted build() {
            return new AutomationCompleted(automationId, automationName, subscriber, stepsCompleted);
        }
    }
}
