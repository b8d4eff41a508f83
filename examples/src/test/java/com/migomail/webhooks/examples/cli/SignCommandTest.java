package com.migomail.webhooks.examples.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignCommandTest {
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String KEY_PAIR =
            "whsk_6Xb/dCcHpPea21PS1N9VY/NZW723CEc77N4rJCubMbfVKIDij2HKpMKkioLlX0dRqSKJp4AJ6p9lMicMFs6Kvg==";
    private static final String V1 = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    private static final String V1A =
            "v1a,hnO3f9T8Ytu9HwrXslvumlUpqtNVqkhqw/enGzPCXe5BdqzCInXqYXFymVJaA7AZdpXwVLPo3mNl8EM+m7TBAg==";
    private static final String SHA256 = "sha256=e2cb4f5251572539d458bfb8a7adb533b08801e6a794467e06f771debbb0818b";

    @TempDir
    Path dir;
    private String body;

    @BeforeEach
    void writeBody() throws IOException {
        body = Files.writeString(dir.resolve("body.json"), "{\"test\": 2432232314}", UTF_8).toString();
    }

    @Test
    void printsTheHeadersOfBothSchemes() {
        Cli.Result result = sign("--secret", SECRET);

        assertThat(result).isEqualTo(new Cli.Result(0, """
                X-Migomail-Signature: %s
                webhook-id: msg_p5jXN8AQM9LWM0D4loKWxJek
                webhook-timestamp: 1614265330
                webhook-signature: %s
                """.formatted(SHA256, V1), ""));
    }

    @Test
    void aKeyPairAddsItsV1aSignature() {
        Cli.Result result = sign("--secret", KEY_PAIR, "--secret", SECRET);

        assertThat(result.out()).contains("webhook-signature: " + V1 + " " + V1A + "\n");
        assertThat(result.out()).contains("X-Migomail-Signature: " + SHA256 + "\n");
    }

    @Test
    void aKeyPairAloneSignsOnlyStandardWebhooks() {
        assertThat(sign("--secret", KEY_PAIR).out()).isEqualTo("""
                webhook-id: msg_p5jXN8AQM9LWM0D4loKWxJek
                webhook-timestamp: 1614265330
                webhook-signature: %s
                """.formatted(V1A));
    }

    @Test
    void aRawSecretReproducesGitHubsVector() throws IOException {
        Path github = Files.writeString(dir.resolve("github.txt"), "Hello, World!", UTF_8);

        Cli.Result result = Cli.run("sign", "--secret", "It's a Secret to Everybody", "--id", "evt_1", "--timestamp", "1",
                "--body-file", github.toString());

        assertThat(result.out()).startsWith(
                "X-Migomail-Signature: sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17\n");
    }

    @Test
    void readsTheBodyFromStandardInput() {
        Cli.Result result = Cli.runWithInput("{\"test\": 2432232314}".getBytes(UTF_8), "sign", "--secret", SECRET,
                "--id", "msg_p5jXN8AQM9LWM0D4loKWxJek", "--timestamp", "1614265330", "--body-file", "-");

        assertThat(result.out()).endsWith("webhook-signature: " + V1 + "\n");
    }

    @Test
    void signsWithEverySecretDuringARotation() {
        Cli.Result result = sign("--secret", SECRET, "--secret", "It's a Secret to Everybody");

        assertThat(result.out()).containsPattern("X-Migomail-Signature: sha256=[0-9a-f]{64} sha256=[0-9a-f]{64}\n");
        assertThat(result.out()).containsPattern("webhook-signature: v1,\\S+ v1,\\S+\n");
    }

    @Test
    void reportsABadKeyWithoutPrintingIt() {
        Cli.Result result = sign("--secret", "whsec_c2VjcmV0!");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith("error: --secret: a whsec_ key must be followed by standard base64")
                .doesNotContain("c2VjcmV0");
    }

    @Test
    void refusesAPublicKeyForSigning() {
        Cli.Result result = sign("--secret", "whpk_1SiA4o9hyqTCpIqC5V9HUakiiaeACeqfZTInDBbOir4=");

        assertThat(result.err()).startsWith(
                "error: --secret: a whpk_ public key verifies but cannot sign; sign with the whsk_ key pair\nUsage:");
        assertThat(result.exitCode()).isEqualTo(2);
    }

    @Test
    void reportsMissingAndMalformedOptions() {
        assertThat(Cli.run("sign", "--secret", SECRET, "--timestamp", "1", "--body-file", body).err())
                .startsWith("error: missing --id\n");
        assertThat(Cli.run("sign", "--id", "evt_1", "--timestamp", "1", "--body-file", body).err())
                .startsWith("error: missing --secret, --secret-file or the environment variable MIGOMAIL_WEBHOOK_SECRET\n");
        assertThat(Cli.run("sign", "--secret", SECRET, "--id", "evt_1", "--timestamp", "1736950951000.5",
                "--body-file", body).err())
                .startsWith("error: --timestamp must be whole seconds (digits only), not '1736950951000.5'\n");
        assertThat(Cli.run("sign", "--secret", SECRET, "--id", " evt_1", "--timestamp", "1", "--body-file", body).err())
                .startsWith("error: webhookId must be 1 to 256 characters of A-Z, a-z, 0-9, _ and - (a TypeID such as"
                        + " evt_01j8x4k7q3c9v2m5n8p0r6s1td or a Svix id such as msg_p5jXN8AQM9LWM0D4loKWxJek), not \" evt_1\"\n");
        assertThat(Cli.run("sign", "--secret", SECRET, "--id", "evt_1", "--timestamp", "1", "--body-file",
                dir.resolve("missing.json").toString()).err())
                .startsWith("error: cannot read --body-file " + dir.resolve("missing.json") + ": no such file\n");
    }

    private Cli.Result sign(String... keys) {
        String[] args = new String[keys.length + 7];
        args[0] = "sign";
        System.arraycopy(keys, 0, args, 1, keys.length);
        System.arraycopy(new String[] {"--id", "msg_p5jXN8AQM9LWM0D4loKWxJek", "--timestamp", "1614265330",
            "--body-file", body}, 0, args, keys.length + 1, 6);
        return Cli.run(args);
    }
}
