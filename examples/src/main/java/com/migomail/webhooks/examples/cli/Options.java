package com.migomail.webhooks.examples.cli;

/** Parsing of option values shared by the commands. */
final class Options {
    private Options() {}

    /**
     * Whole non-negative seconds.
     *
     * @throws UsageException if the value is not 1 to 18 digits
     */
    static long unixSeconds(String option, String value) throws UsageException {
        if (!value.matches("[0-9]{1,18}")) {
            throw new UsageException(option + " must be whole seconds (digits only), not '" + value + "'");
        }
        return Long.parseLong(value);
    }
}
