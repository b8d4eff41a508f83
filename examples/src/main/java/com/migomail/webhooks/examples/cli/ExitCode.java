package com.migomail.webhooks.examples.cli;

/** The exit statuses of the command line. */
public final class ExitCode {
    /** Success: the request is valid, or the headers were printed. */
    public static final int OK = 0;
    /** The request was refused (signature, timestamp or body), or the command failed. */
    public static final int REFUSED = 1;
    /** The command line itself is wrong: the usage is printed. */
    public static final int USAGE = 2;

    private ExitCode() {}
}
