package com.migomail.webhooks.benchmarks;

/** Keeps library logs (slf4j-simple) to warnings, so the harnesses' figures stay readable. */
final class Logging {

    private Logging() {}

    /** Sets the default slf4j-simple level to {@code warn} unless the command line chose one. */
    static void quiet() {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
    }
}
