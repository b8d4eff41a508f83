package com.migomail.webhooks.examples.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys from --secret-file and MIGOMAIL_WEBHOOK_SECRET, so that a secret need not be on the command line. */
class SecretOptionsTest {
    private static final String SECRET = SignCommandTest.SECRET;
    private static final String OTHER = "whsec_" + "A".repeat(43) + "=";
    private static final String V1 = "webhook-signature: v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=\n";
    private static final String VARIABLE = "MIGOMAIL_WEBHOOK_SECRET";

    @TempDir
    Path dir;
    private String body;

    @BeforeEach
    void writeBody() throws IOException {
        body = Files.writeString(dir.resolve("body.json"), "{\"test\": 2432232314}", UTF_8).toString();
    }

    @Test
    void signsWithTheKeyOfASecretFile() throws IOException {
        Cli.Result result = Cli.run(sign("--secret-file", file("key", SECRET + "\n")));

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).endsWith(V1);
    }

    @Test
    void aSecretFileHoldsOneKeyPerLineWithAnyLineEnding() throws IOException {
        Cli.Result result = Cli.run(sign("--secret-file", file("keys", OTHER + "\r\n\r\n" + SECRET)));

        assertThat(result.out()).contains(" v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=\n").startsWith("X-Migomail-Signature: sha256=");
        assertThat(result.out().lines().filter(line -> line.startsWith("webhook-signature:")).findFirst().orElseThrow()
                .split(" ")).hasSize(3);
    }

    @Test
    void signsWithTheKeyOfTheEnvironmentWhenNoOptionGivesOne() {
        Cli.Result result = Cli.runWithEnvironment(Map.of(VARIABLE, SECRET), sign());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).endsWith(V1);
    }

    @Test
    void theCommandLineTakesPrecedenceOverTheEnvironment() throws IOException {
        Cli.Result result = Cli.runWithEnvironment(Map.of(VARIABLE, OTHER), sign("--secret-file", file("key", SECRET)));

        assertThat(result.out()).endsWith(V1);
    }

    @Test
    void verifiesWithAKeyFromTheEnvironment() {
        Cli.Result result = Cli.runWithEnvironment(Map.of(VARIABLE, OTHER + " " + SECRET), "verify",
                "--header", "webhook-id: msg_p5jXN8AQM9LWM0D4loKWxJek", "--header", "webhook-timestamp: 1614265330",
                "--header", V1.strip(), "--body-file", body, "--now", "1614265330", "--raw");

        assertThat(result).isEqualTo(new Cli.Result(0, "valid\n", ""));
    }

    @Test
    void verifiesWithAKeyFromASecretFile() throws IOException {
        Cli.Result result = Cli.run("verify", "--secret-file", file("key", SECRET + "\n"),
                "--header", "webhook-id: msg_p5jXN8AQM9LWM0D4loKWxJek", "--header", "webhook-timestamp: 1614265330",
                "--header", V1.strip(), "--body-file", body, "--now", "1614265330", "--raw");

        assertThat(result).isEqualTo(new Cli.Result(0, "valid\n", ""));
    }

    @Test
    void aMissingSecretFileIsAUsageError() {
        Cli.Result result = Cli.run(sign("--secret-file", dir.resolve("absent").toString()));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("error: cannot read --secret-file " + dir.resolve("absent") + ": no such file\n");
    }

    @Test
    void anEmptySecretFileIsAUsageError() throws IOException {
        String file = file("empty", "\n\n");

        assertThat(Cli.run(sign("--secret-file", file)).err()).startsWith("error: --secret-file " + file + " holds no key\n");
    }

    @Test
    void aBadKeyInAFileIsReportedWithItsLineAndWithoutTheKey() throws IOException {
        String file = file("bad", SECRET + "\nwhsec_c2VjcmV0!\n");

        Cli.Result result = Cli.run(sign("--secret-file", file));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("error: --secret-file " + file + " line 2: ").doesNotContain(SECRET);
    }

    @Test
    void aFileTooLargeToBeAKeyFileIsRefused() throws IOException {
        String file = file("large", "x".repeat(70_000));

        assertThat(Cli.run(sign("--secret-file", file)).err())
                .startsWith("error: --secret-file " + file + " is larger than 65536 bytes: not a key file\n");
    }

    @Test
    void anEnvironmentVariableWithoutAKeyIsAUsageError() {
        Cli.Result result = Cli.runWithEnvironment(Map.of(VARIABLE, "  "), sign());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("error: MIGOMAIL_WEBHOOK_SECRET is set but holds no key\n");
    }

    @Test
    void noKeyAnywhereIsAUsageErrorNamingEverySource() {
        assertThat(Cli.run(sign()).err()).startsWith(
                "error: missing --secret, --secret-file or the environment variable MIGOMAIL_WEBHOOK_SECRET\n");
    }

    private String[] sign(String... keyOptions) {
        String[] common = {"sign", "--id", "msg_p5jXN8AQM9LWM0D4loKWxJek", "--timestamp", "1614265330", "--body-file", body};
        String[] args = new String[common.length + keyOptions.length];
        System.arraycopy(common, 0, args, 0, common.length);
        System.arraycopy(keyOptions, 0, args, common.length, keyOptions.length);
        return args;
    }

    private String file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, UTF_8).toString();
    }
}
