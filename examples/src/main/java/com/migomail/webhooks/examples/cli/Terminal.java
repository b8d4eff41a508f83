package com.migomail.webhooks.examples.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Objects;

/**
 * Where a command reads and writes: standard streams in {@link Main#main}, captured ones in tests.
 *
 * @param in standard input (a body given as {@code --body-file -})
 * @param out results
 * @param err reasons and usage
 */
public record Terminal(InputStream in, PrintStream out, PrintStream err) {

    /**
     * Validates the streams.
     *
     * @param in standard input (a body given as {@code --body-file -})
     * @param out results
     * @param err reasons and usage
     * @throws NullPointerException if a stream is null
     */
    public Terminal {
        Objects.requireNonNull(in, "in cannot be null");
        Objects.requireNonNull(out, "out cannot be null");
        Objects.requireNonNull(err, "err cannot be null");
    }
}
