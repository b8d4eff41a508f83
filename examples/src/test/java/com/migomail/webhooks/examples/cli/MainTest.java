package com.migomail.webhooks.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainTest {
    private static final String USAGE = """
            Usage: java -jar migomail-webhooks.jar <command> [options]

            Commands:
              demo     Send all 12 event types to a local verifying receiver: retries, replay, log
              portal   Open the customer portal on a demo sender with history, for two tenants
              listen   Receive webhooks on 127.0.0.1, verify them and print each event as it arrives
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
        assertThat(Cli.run("serve")).isEqualTo(new Cli.Result(2, "", "error: unknown command 'serve'\n" + USAGE));
    }

    @Test
    void commandHelpPrintsThatCommandsUsage() {
        assertThat(Cli.run("sign", "--help")).isEqualTo(new Cli.Result(0, new SignCommand().usage(), ""));
        assertThat(Cli.run("verify", "-h")).isEqualTo(new Cli.Result(0, new VerifyCommand().usage(), ""));
        assertThat(Cli.run("demo", "--help")).isEqualTo(new Cli.Result(0, new DemoCommand().usage(), ""));
        assertThat(Cli.run("listen", "--help")).isEqualTo(new Cli.Result(0, new ListenCommand().usage(), ""));
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
