package com.migomail.webhooks.examples.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Runs the command line in-process with captured streams. */
final class Cli {
    private Cli() {}

    /** What one run produced. */
    record Result(int exitCode, String out, String err) {}

    static Result run(String... args) {
        return runWithInput(new byte[0], args);
    }

    static Result run(List<String> args) {
        return run(args.toArray(String[]::new));
    }

    static Result runWithInput(byte[] stdin, String... args) {
        return run(stdin, Map.of(), args);
    }

    static Result runWithEnvironment(Map<String, String> environment, String... args) {
        return run(new byte[0], environment, args);
    }

    private static Result run(byte[] stdin, Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = Main.run(args, new Terminal(new ByteArrayInputStream(stdin),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                environment));
        return new Result(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
