package com.migomail.webhooks.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainTest {
    private static final String USAGE = """
            Usage: java -jar migomail-webhooks.jar <command> [options]

            Commands:
              sign     Print the signature headers of a request body
              verify   Verify a signed request and print its event as JSON

            Run 'java -jar migomail-webhooks.jar <command> --help' for the options of a command.
            Exit status: 0 success, 1 refused (signature, timestamp or body), 2 usage error.
            """;

    @Test
    void withoutArgumentsPrintsTheUsageAsAUsageError() {
        assertThat(Cli.run()).isEqualTo(new Cli.Result(2, "", USAGE));
    }

    @Test
    void helpPrintsTheUsageOnStandardOutput() {
        assertThat(Cli.run("--help")).isEqualTo(new Cli.Result(0, USAGE, ""));
        assertThat(Cli.run("help")).isEqualTo(new Cli.Result(0, USAGE, ""));
    }

    @Test
    void rejectsAnUnknownCommand() {
        assertThat(Cli.run("listen")).isEqualTo(new Cli.Result(2, "", "error: unknown command 'listen'\n" + USAGE));
    }

    @Test
    void commandHelpPrintsThatCommandsUsage() {
        assertThat(Cli.run("sign", "--help")).isEqualTo(new Cli.Result(0, new SignCommand().usage(), ""));
        assertThat(Cli.run("verify", "-h")).isEqualTo(new Cli.Result(0, new VerifyCommand().usage(), ""));
    }

    @Test
    void rejectsUnknownOptionsAndStrayArguments() {
        assertThat(Cli.run("sign", "--secrets", "x"))
                .isEqualTo(new Cli.Result(2, "", "error: unknown option --secrets\n" + new SignCommand().usage()));
        assertThat(Cli.run("verify", "whsec_x"))
                .isEqualTo(new Cli.Result(2, "", "error: unexpected argument 'whsec_x'\n" + new VerifyCommand().usage()));
    }

    @Test
    void rejectsAnOptionWithoutItsValue() {
        assertThat(Cli.run("sign", "--id", "--secret", "x").err()).startsWith("error: --id needs a value\n");
        assertThat(Cli.run("sign", "--secret").err()).startsWith("error: --secret needs a value\n");
    }
}
