package com.migomail.webhooks.examples.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.migomail.webhooks.signing.SigningKey;
import com.migomail.webhooks.signing.WebhookSigner;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {
    private static final String SECRET = SignCommandTest.SECRET;
    private static final String PUBLIC_KEY = "whpk_1SiA4o9hyqTCpIqC5V9HUakiiaeACeqfZTInDBbOir4=";
    private static final long NOW = 1_736_950_951L;
    private static final String UNKNOWN_TYPE = "{\"event\":\"email.delivered_later\",\"timestamp\":\"2025-01-15T14:22:31Z\","
            + "\"id\":\"evt_01jhn8wygrfgz8ybavd8e9w3t2\",\"data\":{\"reason\":\"greylisted\",\"attempts\":[1,2]}}";

    @TempDir
    Path dir;
    private String event;

    @BeforeEach
    void readGoldenEvent() throws IOException {
        try (InputStream golden = getClass().getResourceAsStream("/email.opened.json")) {
            event = new String(golden.readAllBytes(), UTF_8);
        }
    }

    @Test
    void printsTheEventOfAValidRequestAsJson() {
        Cli.Result result = verify(event, signed(event, NOW, SECRET), "--secret", SECRET, "--now", Long.toString(NOW));

        assertThat(result).isEqualTo(new Cli.Result(0, event + "\n", ""));
    }

    @Test
    void printsAnEventOfUnknownTypeToo() {
        Cli.Result result = verify(UNKNOWN_TYPE, signed(UNKNOWN_TYPE, NOW, SECRET), "--secret", SECRET, "--now",
                Long.toString(NOW));

        assertThat(result).isEqualTo(new Cli.Result(0, UNKNOWN_TYPE + "\n", ""));
    }

    @Test
    void rawChecksOnlyTheSignature() {
        Cli.Result result = verify("not an event", signed("not an event", NOW, SECRET), "--secret", SECRET,
                "--now", Long.toString(NOW), "--raw");

        assertThat(result).isEqualTo(new Cli.Result(0, "valid\n", ""));
    }

    @Test
    void refusesASignedBodyThatIsNotAnEvent() {
        Cli.Result result = verify("[1,2]", signed("[1,2]", NOW, SECRET), "--secret", SECRET, "--now", Long.toString(NOW));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith("refused: the signature is valid, but the body is not an event: ")
                .endsWith(" (use --raw to check only the signature)\n");
    }

    @Test
    void refusesAWrongSecretWithTheReason() {
        Cli.Result result = verify(event, signed(event, NOW, "whsec_" + "A".repeat(32)), "--secret", SECRET,
                "--now", Long.toString(NOW));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith("refused: NO_MATCHING_SIGNATURE: no signature in webhook-signature matches:")
                .doesNotContain(SECRET);
    }

    @Test
    void refusesATamperedBody() {
        Cli.Result result = verify(event.replace("Jane", "Joan"), signed(event, NOW, SECRET), "--secret", SECRET,
                "--now", Long.toString(NOW));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("refused: NO_MATCHING_SIGNATURE: ");
    }

    @Test
    void checksTheTimestampAgainstNowAndTolerance() {
        List<String> headers = signed(event, NOW - 301, SECRET);

        assertThat(verify(event, headers, "--secret", SECRET, "--now", Long.toString(NOW)).err())
                .startsWith("refused: TIMESTAMP_TOO_OLD: webhook-timestamp 1736950650 is 301 s before the receiver's clock");
        assertThat(verify(event, headers, "--secret", SECRET, "--now", Long.toString(NOW), "--tolerance", "301").exitCode())
                .isZero();
        assertThat(verify(event, signed(event, NOW + 301, SECRET), "--secret", SECRET, "--now", Long.toString(NOW)).err())
                .startsWith("refused: TIMESTAMP_TOO_NEW: ");
    }

    @Test
    void usesTheClockWithoutNow() {
        long now = System.currentTimeMillis() / 1000;

        assertThat(verify(event, signed(event, now, SECRET), "--secret", SECRET).exitCode()).isZero();
    }

    @Test
    void verifiesV1aWithAPublicKey() {
        List<String> headers = signed(event, NOW, SignCommandTest.KEY_PAIR, SECRET);

        assertThat(verify(event, headers, "--secret", PUBLIC_KEY, "--now", Long.toString(NOW)).exitCode()).isZero();
    }

    @Test
    void acceptsAnyOfSeveralSecrets() {
        List<String> headers = signed(event, NOW, SECRET);

        assertThat(verify(event, headers, "--secret", "whsec_" + "B".repeat(32), "--secret", SECRET, "--now",
                Long.toString(NOW)).exitCode()).isZero();
    }

    @Test
    void takesHeaderNamesInAnyCase() {
        List<String> headers = signed(event, NOW, SECRET).stream().map(h -> h.replace("webhook-", "Webhook-")).toList();

        assertThat(verify(event, headers, "--secret", SECRET, "--now", Long.toString(NOW)).exitCode()).isZero();
    }

    @Test
    void bodyOnlySignatureNeedsTheMigomailScheme() {
        List<String> bodyOnly = signed(event, NOW, SECRET).subList(0, 1);

        assertThat(verify(event, bodyOnly, "--secret", SECRET).err()).startsWith("refused: MISSING_HEADER: the request"
                + " has no webhook-id, webhook-timestamp, webhook-signature header; it has X-Migomail-Signature, which this"
                + " verifier accepts only with SignatureScheme.MIGOMAIL\n");
        assertThat(verify(event, bodyOnly, "--secret", SECRET, "--scheme", "migomail")).isEqualTo(new Cli.Result(0, event + "\n", ""));
        assertThat(verify(event, bodyOnly, "--secret", SECRET, "--scheme", "any").exitCode()).isZero();
    }

    @Test
    void anySchemeJudgesByStandardWebhooksWhenPresent() {
        List<String> old = signed(event, NOW - 3600, SECRET);

        assertThat(verify(event, old, "--secret", SECRET, "--scheme", "any", "--now", Long.toString(NOW)).err())
                .startsWith("refused: TIMESTAMP_TOO_OLD: ");
    }

    @Test
    void readsTheBodyFromStandardInput() {
        List<String> args = new ArrayList<>(List.of("verify", "--secret", SECRET, "--now", Long.toString(NOW), "--body-file", "-"));
        signed(event, NOW, SECRET).forEach(header -> args.addAll(List.of("--header", header)));

        assertThat(Cli.runWithInput(event.getBytes(UTF_8), args.toArray(String[]::new)).out()).isEqualTo(event + "\n");
    }

    @Test
    void reportsUsageErrors() {
        List<String> headers = signed(event, NOW, SECRET);

        assertUsageError(verify(event, headers, "--secret", SECRET, "--scheme", "github"),
                "error: --scheme must be standard, migomail or any, not 'github'");
        assertUsageError(verify(event, List.of("webhook-id evt_1"), "--secret", SECRET),
                "error: --header must be \"Name: value\", not 'webhook-id evt_1'");
        assertUsageError(verify(event, headers, "--secret", SignCommandTest.KEY_PAIR),
                "error: --secret: a whsk_ key is the sender's private key pair; a receiver verifies with its whpk_ public key");
        assertUsageError(verify(event, headers), "error: missing --secret, --secret-file or the environment variable MIGOMAIL_WEBHOOK_SECRET");
        assertUsageError(verify(event, headers, "--secret", SECRET, "--tolerance", "-5"),
                "error: --tolerance must be whole seconds (digits only), not '-5'");
        assertUsageError(verify(event, headers, "--secret", SECRET, "--now", "1", "--now", "2"),
                "error: --now may be given only once");
        assertUsageError(verify(event, headers, "--secret", PUBLIC_KEY, "--scheme", "migomail"),
                "error: scheme MIGOMAIL needs a symmetric secret; whpk_ public keys verify only v1a");
        assertUsageError(Cli.run("verify", "--secret", SECRET), "error: missing --body-file");
    }

    private static void assertUsageError(Cli.Result result, String message) {
        assertThat(result).isEqualTo(new Cli.Result(2, "", message + "\n" + new VerifyCommand().usage()));
    }

    private Cli.Result verify(String body, List<String> headers, String... options) {
        List<String> args = new ArrayList<>(List.of("verify"));
        args.addAll(List.of(options));
        headers.forEach(header -> args.addAll(List.of("--header", header)));
        args.addAll(List.of("--body-file", write(body)));
        return Cli.run(args);
    }

    /** The "Name: value" lines the sign command would print. */
    private static List<String> signed(String body, long timestamp, String... keys) {
        Map<String, String> headers = WebhookSigner.create().sign("evt_01jhn8wygrfgz8ybavd8e9w3t2", timestamp,
                body.getBytes(UTF_8), List.of(keys).stream().map(SigningKey::parse).toList()).asMap();
        return headers.entrySet().stream().map(h -> h.getKey() + ": " + h.getValue()).toList();
    }

    private String write(String body) {
        try {
            return Files.writeString(Files.createTempFile(dir, "body", ".json"), body, UTF_8).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
