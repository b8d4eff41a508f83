package com.migomail.webhooks.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class CommandLineProperties {

    @Property(tries = 300)
    void noArgumentsEverLeadToAStackTrace(@ForAll("commandLines") List<String> args) {
        Cli.Result result = Cli.run(args);

        assertThat(result.exitCode()).isBetween(0, 2);
        assertThat(result.err()).doesNotContain("\tat ").doesNotContain("Exception:");
    }

    @Property(tries = 200)
    void listenAndDemoRefuseWhatTheyCannotRunWithUsageAndNoStackTrace(@ForAll("refusedListenOrDemo") List<String> args) {
        Cli.Result result = Cli.run(args);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith("error: ").contains("Usage: java -jar migomail-webhooks.jar " + args.get(0))
                .doesNotContain("\tat ").doesNotContain("Exception");
    }

    /** listen without a port it could open (it would listen until stopped), demo with any argument. */
    @Provide
    Arbitrary<List<String>> refusedListenOrDemo() {
        Arbitrary<String> words = Arbitraries.oneOf(
                Arbitraries.of("--port", "--secret", "--scheme", "--tolerance", "--now", "--raw", "-1", "65536", "http",
                        "99999999999999999999", "--port=", "--port=x", "whsec_", "whpk_", "whsk_", "standard", "github",
                        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", ":", "--help=no"),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12));
        Arbitrary<List<String>> listen = words.list().ofMaxSize(8).map(rest -> prepend("listen", rest));
        Arbitrary<List<String>> demo = words.list().ofMinSize(1).ofMaxSize(4).map(rest -> prepend("demo", rest));
        return Arbitraries.oneOf(listen, demo);
    }

    private static List<String> prepend(String command, List<String> rest) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(rest);
        return args;
    }

    @Provide
    Arbitrary<List<String>> commandLines() {
        Arbitrary<String> words = Arbitraries.oneOf(
                Arbitraries.of("sign", "verify", "--secret", "--id", "--timestamp", "--body-file", "--header", "--scheme",
                        "--tolerance", "--now", "--raw", "-", "any", "migomail", "standard", "whsec_", "whpk_", "whsk_",
                        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "webhook-id: evt_1", "webhook-timestamp: 99",
                        "webhook-signature: v1,abc", "X-Migomail-Signature: sha256=00", "/", "/nonexistent", "--secret=",
                        ":", "1736950951", "99999999999999999999"),
                Arbitraries.strings().ofMaxLength(12));
        Arbitrary<String> command = Arbitraries.of("sign", "verify");
        return Combinators.combine(command, words.list().ofMaxSize(10))
                .as((name, rest) -> {
                    List<String> args = new ArrayList<>(List.of(name));
                    args.addAll(rest);
                    return args;
                });
    }
}
