package com.migomail.webhooks.signing;

import static com.migomail.webhooks.signing.WebhookHeaders.MIGOMAIL_SIGNATURE;
import static com.migomail.webhooks.signing.WebhookHeaders.WEBHOOK_ID;
import static com.migomail.webhooks.signing.WebhookHeaders.WEBHOOK_SIGNATURE;
import static com.migomail.webhooks.signing.WebhookHeaders.WEBHOOK_TIMESTAMP;
import static com.migomail.webhooks.signing.WebhookVerificationException.Reason.MALFORMED_HEADER;
import static com.migomail.webhooks.signing.WebhookVerificationException.Reason.MISSING_HEADER;
import static com.migomail.webhooks.signing.WebhookVerificationException.Reason.SCHEME_CONFUSION;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.migomail.webhooks.signing.WebhookVerificationException.Reason;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both HMAC schemes share the endpoint's key, so a body-only MAC must never pass as a {@code v1}
 * signature of a split of the same bytes, nor a {@code v1} signature as the body-only MAC of
 * {@code id.ts.body}. Each forgery is built for real (the test first shows that its MAC matches),
 * then every verifier configuration refuses it with a typed reason.
 */
class SchemeConfusionTest {
    private static final String EVENT_ID = "evt_01j8x4k7q3c9v2m5n8p0r6s1td";
    private static final long FORGED_TIMESTAMP = 1_700_000_000L;
    private static final String CUT = "." + FORGED_TIMESTAMP + ".";
    /** An email.opened event whose user agent, which the recipient's mail client controls, holds {@code .1700000000.}. */
    private static final String BODY = "{\"event\":\"email.opened\",\"timestamp\":\"2023-11-14T22:13:20Z\",\"id\":\""
            + EVENT_ID + "\",\"data\":{\"message_id\":\"msg_01j8x4k7q3c9v2m5n8p0r6s1te\",\"subscriber\":{\"email\":"
            + "\"jane@example.com\"},\"ip_address\":\"203.0.113.42\",\"user_agent\":\"Mozilla/5.0 (X" + CUT
            + "{\\\"a\\\":1})\",\"client\":\"Apple Mail\"}}";
    private static final Clock AT_FORGED_TIME = Clock.fixed(Instant.ofEpochSecond(FORGED_TIMESTAMP), ZoneOffset.UTC);

    static Stream<WebhookSecret> secrets() {
        return Stream.of(TestRequest.SECRET, WebhookSecret.parse("It's a Secret to Everybody"), WebhookSecret.generate());
    }

    @ParameterizedTest
    @MethodSource("secrets")
    void aBodyOnlyMacPresentedAsV1IsRefusedByEveryConfiguration(WebhookSecret secret) {
        SignatureHeaders sent = WebhookSigner.create().sign(EVENT_ID, FORGED_TIMESTAMP - 3600, BODY.getBytes(UTF_8),
                List.of(secret));
        byte[] bodyMac = HexFormat.of().parseHex(sent.migomailSignature().substring("sha256=".length()));
        int cut = BODY.indexOf(CUT);
        String forgedId = BODY.substring(0, cut);
        String forgedBody = BODY.substring(cut + CUT.length());
        Map<String, List<String>> forged = Map.of(WEBHOOK_ID, List.of(forgedId),
                WEBHOOK_TIMESTAMP, List.of(Long.toString(FORGED_TIMESTAMP)),
                WEBHOOK_SIGNATURE, List.of("v1," + Base64.getEncoder().encodeToString(bodyMac)));

        assertThat(hmac(secret, forgedId + CUT + forgedBody)).as("the forgery's v1 MAC is the body MAC").isEqualTo(bodyMac);
        assertRefused(verifier(secret), forged, forgedBody, MALFORMED_HEADER)
                .hasMessageStartingWith("webhook-id must be 1 to 256 characters of A-Z, a-z, 0-9, _ and -")
                .hasMessageEndingWith(", not \"{?event?:?email.opened?,?timestamp?:?202...\"");
        assertRefused(verifier(secret, SignatureScheme.STANDARD_WEBHOOKS, SignatureScheme.MIGOMAIL), forged, forgedBody,
                MALFORMED_HEADER);
        assertRefused(verifier(secret, SignatureScheme.MIGOMAIL), forged, forgedBody, MISSING_HEADER);
    }

    @ParameterizedTest
    @MethodSource("secrets")
    void aV1SignaturePresentedAsABodyOnlyMacIsRefusedByEveryConfiguration(WebhookSecret secret) {
        SignatureHeaders sent = WebhookSigner.create().sign(EVENT_ID, FORGED_TIMESTAMP, BODY.getBytes(UTF_8),
                List.of(secret));
        byte[] v1Mac = Base64.getDecoder().decode(sent.webhookSignature().substring("v1,".length()));
        String forgedBody = EVENT_ID + CUT + BODY;
        Map<String, List<String>> forged = Map.of(MIGOMAIL_SIGNATURE, List.of("sha256=" + HexFormat.of().formatHex(v1Mac)));

        assertThat(hmac(secret, forgedBody)).as("the forgery's body MAC is the v1 MAC").isEqualTo(v1Mac);
        assertRefused(verifier(secret, SignatureScheme.MIGOMAIL), forged, forgedBody, SCHEME_CONFUSION).hasMessage(
                "X-Migomail-Signature is not accepted for a body that begins like Standard Webhooks signed content"
                        + " (<webhook-id>.<digits>.): the body-only MAC of such a body is also a v1 signature of another"
                        + " request, and no Migomail signer sends one. Check that the body given to verify is the raw"
                        + " request body.");
        assertRefused(verifier(secret, SignatureScheme.STANDARD_WEBHOOKS, SignatureScheme.MIGOMAIL), forged, forgedBody,
                SCHEME_CONFUSION);
        assertRefused(verifier(secret), forged, forgedBody, MISSING_HEADER);
    }

    @Test
    void theRealRequestsStillVerify() {
        TestRequest request = TestRequest.signed(EVENT_ID, FORGED_TIMESTAMP, BODY.getBytes(UTF_8), List.of(TestRequest.SECRET));

        assertThatCode(() -> verifier(TestRequest.SECRET).verify(request.headers, request.body)).doesNotThrowAnyException();
        assertThatCode(() -> verifier(TestRequest.SECRET, SignatureScheme.MIGOMAIL).verify(
                request.without(WEBHOOK_ID).without(WEBHOOK_TIMESTAMP).without(WEBHOOK_SIGNATURE).headers, request.body))
                .doesNotThrowAnyException();
    }

    @Test
    void theSignerSendsNoBodyOnlyMacForABodyThatBeginsLikeSignedContent() {
        byte[] body = (EVENT_ID + CUT + BODY).getBytes(UTF_8);
        TestRequest request = TestRequest.signed(EVENT_ID, FORGED_TIMESTAMP, body, List.of(TestRequest.SECRET));

        assertThat(request.headers).doesNotContainKey(MIGOMAIL_SIGNATURE);
        assertThatCode(() -> verifier(TestRequest.SECRET).verify(request.headers, request.body)).doesNotThrowAnyException();
    }

    @Test
    void onlyBodiesThatBeginWithIdCharactersADotDigitsAndADotLookSigned() {
        for (String signed : List.of("a.1.", "evt_1.1700000000.{}", "A-b_9.0001.x", "x.123456789012345678901234.")) {
            assertThat(SignedContent.looksSigned(signed.getBytes(UTF_8))).as(signed).isTrue();
        }
        for (String body : List.of("", ".1.", "a.", "a.1", "a..", "a.1x.", " a.1.", "{\"a.1.\"}", "a b.1.", "é.1.",
                "Hello, World!", "1.5", "[1.5, 2.5]")) {
            assertThat(SignedContent.looksSigned(body.getBytes(UTF_8))).as(body).isFalse();
        }
    }

    private static WebhookVerifier verifier(WebhookSecret secret, SignatureScheme... schemes) {
        WebhookVerifier.Builder builder = WebhookVerifier.builder().key(secret).clock(AT_FORGED_TIME);
        return schemes.length == 0 ? builder.build()
                : builder.schemes(schemes[0], Arrays.copyOfRange(schemes, 1, schemes.length)).build();
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(
            WebhookVerifier verifier, Map<String, List<String>> headers, String body, Reason reason) {
        return assertThatThrownBy(() -> verifier.verify(headers, body))
                .isInstanceOfSatisfying(WebhookVerificationException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    /** HMAC-SHA256 straight from the JDK, under the secret's key bytes. */
    private static byte[] hmac(WebhookSecret secret, String content) {
        String encoded = secret.encoded();
        byte[] key = encoded.startsWith("whsec_") ? Base64.getDecoder().decode(encoded.substring(6)) : encoded.getBytes(UTF_8);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(content.getBytes(UTF_8));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
