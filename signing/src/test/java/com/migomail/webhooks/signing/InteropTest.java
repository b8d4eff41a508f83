package com.migomail.webhooks.signing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What we sign verifies with the Standard Webhooks and Svix reference libraries, and what they sign
 * verifies with ours. Their verifiers read the system clock, so requests are signed "now".
 */
class InteropTest {
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";

    static Stream<String> bodies() {
        return Stream.of("", "{\"test\": 2432232314}",
                "{\"subscriber\":{\"name\":\"Jürgen Ødegård 東京 🚀\"},\"note\":\"\\u00e9 é\"}");
    }

    static Stream<Arguments> keysAndBodies() {
        return Stream.of(24, 32, 48, 64).flatMap(length -> bodies().map(body -> Arguments.of(secret(length), body)));
    }

    @ParameterizedTest
    @MethodSource("keysAndBodies")
    void standardWebhooksVerifiesWhatWeSign(WebhookSecret secret, String body) throws Exception {
        Map<String, List<String>> headers = signNow(secret, body);

        assertThatCode(() -> new com.standardwebhooks.Webhook(secret.encoded()).verify(body, headers))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @MethodSource("keysAndBodies")
    void svixVerifiesWhatWeSign(WebhookSecret secret, String body) throws Exception {
        Map<String, List<String>> headers = signNow(secret, body);

        assertThatCode(() -> new com.svix.Webhook(secret.encoded()).verify(body, headers)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @MethodSource("keysAndBodies")
    void weVerifyWhatStandardWebhooksSigns(WebhookSecret secret, String body) throws Exception {
        long timestamp = Instant.now().getEpochSecond();
        String signature = new com.standardwebhooks.Webhook(secret.encoded()).sign(ID, timestamp, body);

        assertThat(signature).isEqualTo(sign(secret, timestamp, body).webhookSignature());
        assertThatCode(() -> verifierAt(secret, timestamp).verify(headers(timestamp, signature), body.getBytes(UTF_8)))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @MethodSource("keysAndBodies")
    void weVerifyWhatSvixSigns(WebhookSecret secret, String body) throws Exception {
        long timestamp = Instant.now().getEpochSecond();
        String signature = new com.svix.Webhook(secret.encoded()).sign(ID, timestamp, body);

        assertThat(signature).isEqualTo(sign(secret, timestamp, body).webhookSignature());
        assertThatCode(() -> verifierAt(secret, timestamp).verify(headers(timestamp, signature), body.getBytes(UTF_8)))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @MethodSource("keysAndBodies")
    void bothReferenceLibrariesVerifyARotationWithEitherSecret(WebhookSecret secret, String body) throws Exception {
        WebhookSecret other = WebhookSecret.generate();
        long now = Instant.now().getEpochSecond();
        Map<String, List<String>> headers = asLists(WebhookSigner.create()
                .sign(ID, now, body.getBytes(UTF_8), List.of(other, secret)).asMap());

        new com.standardwebhooks.Webhook(secret.encoded()).verify(body, headers);
        new com.standardwebhooks.Webhook(other.encoded()).verify(body, headers);
        new com.svix.Webhook(secret.encoded()).verify(body, headers);
        new com.svix.Webhook(other.encoded()).verify(body, headers);
    }

    @ParameterizedTest
    @MethodSource("keysAndBodies")
    void referenceLibrariesVerifyAMixedV1AndV1aHeader(WebhookSecret secret, String body) throws Exception {
        long now = Instant.now().getEpochSecond();
        Map<String, List<String>> headers = asLists(WebhookSigner.create()
                .sign(ID, now, body.getBytes(UTF_8), List.of(SigningKeyPair.generate(), secret)).asMap());

        new com.standardwebhooks.Webhook(secret.encoded()).verify(body, headers);
        new com.svix.Webhook(secret.encoded()).verify(body, headers);
    }

    @ParameterizedTest
    @MethodSource("bodies")
    void rawSecretsInteroperateAsTheirUtf8Bytes(String body) throws Exception {
        WebhookSecret raw = WebhookSecret.parse("It's a Secret to Everybody ✓");
        byte[] key = raw.encoded().getBytes(UTF_8);
        long now = Instant.now().getEpochSecond();

        new com.standardwebhooks.Webhook(key).verify(body, signNow(raw, body));
        new com.svix.Webhook(key).verify(body, signNow(raw, body));
        String theirs = new com.svix.Webhook(key).sign(ID, now, body);
        assertThatCode(() -> verifierAt(raw, now).verify(headers(now, theirs), body)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @MethodSource("keysAndBodies")
    void aGitHubStyleVerifierChecksWhatWeSign(WebhookSecret secret, String body) throws Exception {
        // What octokit's verify(secret, payload, signature) computes: "sha256=" + hex HMAC-SHA256 of the payload.
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(keyBytes(secret), "HmacSHA256"));
        String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(UTF_8)));

        assertThat(sign(secret, 1, body).migomailSignature()).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("bodies")
    void weVerifyWhatTheReferenceLibrariesSignWithOtherIdsOfTheAlphabet(String body) throws Exception {
        WebhookSecret secret = secret(32);
        long now = Instant.now().getEpochSecond();
        for (String id : List.of("1f81eb52-5198-4599-803e-771906343485", "01J8X4K7Q3C9V2M5N8P0R6S1TD", "wh_685342e6c53c8190")) {
            String theirs = new com.standardwebhooks.Webhook(secret.encoded()).sign(id, now, body);
            String svix = new com.svix.Webhook(secret.encoded()).sign(id, now, body);
            Map<String, List<String>> headers = Map.of("webhook-id", List.of(id),
                    "webhook-timestamp", List.of(Long.toString(now)), "webhook-signature", List.of(theirs + " " + svix));

            assertThatCode(() -> verifierAt(secret, now).verify(headers, body)).as(id).doesNotThrowAnyException();
        }
    }

    @Test
    void weRefuseAReferenceLibraryRequestWhoseIdHasADot() throws Exception {
        WebhookSecret secret = secret(32);
        long now = Instant.now().getEpochSecond();
        String body = "{\"test\": 2432232314}";
        String signature = new com.standardwebhooks.Webhook(secret.encoded()).sign("msg.1", now, body);
        Map<String, List<String>> headers = Map.of("webhook-id", List.of("msg.1"),
                "webhook-timestamp", List.of(Long.toString(now)), "webhook-signature", List.of(signature));

        assertThatThrownBy(() -> verifierAt(secret, now).verify(headers, body))
                .isInstanceOfSatisfying(WebhookVerificationException.class,
                        e -> assertThat(e.reason()).isEqualTo(WebhookVerificationException.Reason.MALFORMED_HEADER));
    }

    @Test
    void referenceLibrariesVerifyARotationAtTheMostKeysWeSignWith() throws Exception {
        List<WebhookSecret> secrets = Stream.generate(WebhookSecret::generate).limit(WebhookHeaders.MAX_SIGNATURES).toList();
        String body = "{\"test\": 2432232314}";
        Map<String, List<String>> headers = asLists(WebhookSigner.create()
                .sign(ID, Instant.now().getEpochSecond(), body.getBytes(UTF_8), secrets).asMap());

        for (WebhookSecret secret : secrets) {
            new com.standardwebhooks.Webhook(secret.encoded()).verify(body, headers);
            new com.svix.Webhook(secret.encoded()).verify(body, headers);
        }
    }

    @Test
    void referenceLibrariesVerifyABodyThatGetsNoBodyOnlySignature() throws Exception {
        WebhookSecret secret = secret(32);
        String body = "msg_x.1700000000.{}";
        SignatureHeaders signed = sign(secret, Instant.now().getEpochSecond(), body);

        assertThat(signed.migomailSignature()).isNull();
        new com.standardwebhooks.Webhook(secret.encoded()).verify(body, asLists(signed.asMap()));
        new com.svix.Webhook(secret.encoded()).verify(body, asLists(signed.asMap()));
    }

    private static byte[] keyBytes(WebhookSecret secret) {
        String encoded = secret.encoded();
        return encoded.startsWith("whsec_") ? Base64.getDecoder().decode(encoded.substring(6)) : encoded.getBytes(UTF_8);
    }

    private static WebhookSecret secret(int length) {
        byte[] key = new byte[length];
        new Random(length).nextBytes(key);
        return WebhookSecret.parse("whsec_" + Base64.getEncoder().encodeToString(key));
    }

    private static SignatureHeaders sign(WebhookSecret secret, long timestamp, String body) {
        return WebhookSigner.create().sign(ID, timestamp, body.getBytes(UTF_8), List.of(secret));
    }

    private static Map<String, List<String>> signNow(WebhookSecret secret, String body) {
        return asLists(sign(secret, Instant.now().getEpochSecond(), body).asMap());
    }

    private static Map<String, List<String>> headers(long timestamp, String signature) {
        return Map.of("webhook-id", List.of(ID), "webhook-timestamp", List.of(Long.toString(timestamp)),
                "webhook-signature", List.of(signature));
    }

    private static WebhookVerifier verifierAt(WebhookSecret secret, long timestamp) {
        return WebhookVerifier.builder().key(secret)
                .clock(Clock.fixed(Instant.ofEpochSecond(timestamp), ZoneOffset.UTC)).build();
    }

    private static Map<String, List<String>> asLists(Map<String, String> headers) {
        return headers.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue())));
    }
}
