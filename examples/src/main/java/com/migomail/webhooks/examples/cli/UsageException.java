package com.migomail.webhooks.examples.cli;

/** A command line that cannot be run as given; {@link Main} prints the message and the usage, exit 2. */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong with the command line, shown to the user
     */
    public UsageException(String message) {
        super(message);
    }
}
