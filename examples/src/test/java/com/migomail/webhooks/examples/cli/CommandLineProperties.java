package com.migomail.webhooks.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.migomail.webhooks.testing.Cases;
import com.migomail.webhooks.testing.Generator;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(Cases.class)
class CommandLineProperties {

    @ParameterizedTest
    @MethodSource("commandLines")
    void noArgumentsEverLeadToAStackTrace(List<String> args) {
        Cli.Result result = Cli.run(args);

        assertThat(result.exitCode()).isBetween(0, 2);
        assertThat(result.err()).doesNotContain("\tat ").doesNotContain("Exception:");
    }

    @ParameterizedTest
    @MethodSource("refusedListenOrDemo")
    void listenAndDemoRefuseWhatTheyCannotRunWithUsageAndNoStackTrace(List<String> args) {
        Cli.Result result = Cli.run(args);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith("error: ").contains("Usage: java -jar migomail-webhooks.jar " + args.get(0))
                .doesNotContain("\tat ").doesNotContain("Exception");
    }

    /** listen without a port it could open (it would listen until stopped), demo with any argument. */
    static Stream<Arguments> refusedListenOrDemo() {
        return Cases.generate(200, random -> arguments(random.chance(0.5)
                ? prepend("listen", random.list(0, 8, CommandLineProperties::listenOrDemoWord))
                : prepend("demo", random.list(1, 4, CommandLineProperties::listenOrDemoWord))));
    }

    static Stream<Arguments> commandLines() {
        return Cases.generate(300, random -> arguments(
                prepend(random.pick("sign", "verify"), random.list(0, 10, CommandLineProperties::signOrVerifyWord))));
    }

    private static String listenOrDemoWord(Generator random) {
        return random.chance(0.5)
                ? random.pick("--port", "--secret", "--scheme", "--tolerance", "--now", "--raw", "-1", "65536", "http",
                        "99999999999999999999", "--port=", "--port=x", "whsec_", "whpk_", "whsk_", "standard", "github",
                        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", ":", "--help=no")
                : random.string(1, 12, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
    }

    private static String signOrVerifyWord(Generator random) {
        return random.chance(0.5)
                ? random.pick("sign", "verify", "--secret", "--id", "--timestamp", "--body-file", "--header", "--scheme",
                        "--tolerance", "--now", "--raw", "-", "any", "migomail", "standard", "whsec_", "whpk_", "whsk_",
                        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "webhook-id: evt_1", "webhook-timestamp: 99",
                        "webhook-signature: v1,abc", "X-Migomail-Signature: sha256=00", "/", "/nonexistent", "--secret=",
                        ":", "1736950951", "99999999999999999999")
                : random.anyString(12);
    }

    private static List<String> prepend(String command, List<String> rest) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(rest);
        return args;
    }
}
