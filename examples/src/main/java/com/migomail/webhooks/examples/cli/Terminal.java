package com.migomail.webhooks.examples.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.Objects;

/**
 * Where a command reads and writes: standard streams and the process environment in
 * {@link Main#main}, captured ones in tests.
 *
 * @param in standard input (a body given as {@code --body-file -})
 * @param out results
 * @param err reasons and usage
 * @param environment the environment variables a command may read (the key in
 *     {@value SecretOptions#ENVIRONMENT_VARIABLE}); copied
 */
public record Terminal(InputStream in, PrintStream out, PrintStream err, Map<String, String> environment) {

    /**
     * Validates the streams and copies the environment.
     *
     * @param in standard input (a body given as {@code --body-file -})
     * @param out results
     * @param err reasons and usage
     * @param environment the environment variables; copied
     * @throws NullPointerException if a stream or the environment is null
     */
    public Terminal {
        Objects.requireNonNull(in, "in cannot be null");
        Objects.requireNonNull(out, "out cannot be null");
        Objects.requireNonNull(err, "err cannot be null");
        environment = Map.copyOf(environment);
    }

    /**
     * A terminal with no environment variables.
     *
     * @param in standard input
     * @param out results
     * @param err reasons and usage
     * @throws NullPointerException if a stream is null
     */
    public Terminal(InputStream in, PrintStream out, PrintStream err) {
        this(in, out, err, Map.of());
    }
}
