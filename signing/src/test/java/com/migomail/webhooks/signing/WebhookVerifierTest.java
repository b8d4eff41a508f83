package com.migomail.webhooks.signing;

import static com.migomail.webhooks.signing.TestRequest.NOW;
import static com.migomail.webhooks.signing.TestRequest.SECRET;
import static com.migomail.webhooks.signing.TestRequest.verifier;
import static com.migomail.webhooks.signing.WebhookHeaders.MIGOMAIL_SIGNATURE;
import static com.migomail.webhooks.signing.WebhookHeaders.WEBHOOK_ID;
import static com.migomail.webhooks.signing.WebhookHeaders.WEBHOOK_SIGNATURE;
import static com.migomail.webhooks.signing.WebhookHeaders.WEBHOOK_TIMESTAMP;
import static com.migomail.webhooks.signing.WebhookVerificationException.Reason.MALFORMED_HEADER;
import static com.migomail.webhooks.signing.WebhookVerificationException.Reason.MISSING_HEADER;
import static com.migomail.webhooks.signing.WebhookVerificationException.Reason.NO_MATCHING_SIGNATURE;
import static com.migomail.webhooks.signing.WebhookVerificationException.Reason.TIMESTAMP_TOO_NEW;
import static com.migomail.webhooks.signing.WebhookVerificationException.Reason.TIMESTAMP_TOO_OLD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.migomail.webhooks.signing.WebhookVerificationException.Reason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class WebhookVerifierTest {
    private static final WebhookVerifier VERIFIER = verifier().build();

    @Test
    void acceptsARequestSignedWithItsSecret() {
        TestRequest request = TestRequest.valid();

        assertThatCode(() -> VERIFIER.verify(request.headers, request.body)).doesNotThrowAnyException();
    }

    @Test
    void acceptsTheBodyAsAString() {
        TestRequest request = TestRequest.valid();

        assertThatCode(() -> VERIFIER.verify(request.headers, TestRequest.BODY)).doesNotThrowAnyException();
    }

    @Test
    void matchesHeaderNamesCaseInsensitively() {
        TestRequest request = TestRequest.valid();
        Map<String, List<String>> upper = new HashMap<>();
        request.headers.forEach((name, values) -> upper.put(name.toUpperCase(Locale.ROOT), values));

        assertThatCode(() -> VERIFIER.verify(upper, request.body)).doesNotThrowAnyException();
    }

    @Test
    void ignoresNullNamesListsAndValues() {
        TestRequest request = TestRequest.valid();
        request.headers.put(null, List.of("HTTP/1.1 200 OK"));
        request.headers.put("X-Other", null);
        List<String> withNull = new ArrayList<>();
        withNull.add(null);
        request.headers.put("x-more", withNull);

        assertThatCode(() -> VERIFIER.verify(request.headers, request.body)).doesNotThrowAnyException();
    }

    @Test
    void acceptsARequestSignedWithOldAndNewSecretWithEither() {
        WebhookSecret old = WebhookSecret.generate();
        TestRequest request = TestRequest.signedWith(List.of(old, SECRET));

        assertThatCode(() -> VERIFIER.verify(request.headers, request.body)).doesNotThrowAnyException();
        assertThatCode(() -> TestRequest.verifier().keys(List.of()).build()).doesNotThrowAnyException();
        WebhookVerifier oldOnly = WebhookVerifier.builder().key(old).clock(TestRequest.CLOCK).build();
        assertThatCode(() -> oldOnly.verify(request.headers, request.body)).doesNotThrowAnyException();
    }

    @Test
    void acceptsARequestSignedWithTheNewSecretWhileHoldingBoth() {
        TestRequest request = TestRequest.valid();
        WebhookVerifier both = WebhookVerifier.builder().key(WebhookSecret.generate()).key(SECRET)
                .clock(TestRequest.CLOCK).build();

        assertThatCode(() -> both.verify(request.headers, request.body)).doesNotThrowAnyException();
    }

    @Test
    void acceptsSignaturesSentAsSeveralHeaderValues() {
        WebhookSecret other = WebhookSecret.generate();
        TestRequest request = TestRequest.signedWith(List.of(other, SECRET));
        String[] signatures = request.value(WEBHOOK_SIGNATURE).split(" ");
        request.with(WEBHOOK_SIGNATURE, signatures[0], signatures[1]);

        assertThatCode(() -> VERIFIER.verify(request.headers, request.body)).doesNotThrowAnyException();
    }

    @Test
    void acceptsSignaturesJoinedWithCommasByAProxy() {
        WebhookSecret other = WebhookSecret.generate();
        TestRequest request = TestRequest.signedWith(List.of(SECRET, other));
        String[] signatures = request.value(WEBHOOK_SIGNATURE).split(" ");

        request.with(WEBHOOK_SIGNATURE, signatures[1] + ", " + signatures[0]);
        assertThatCode(() -> VERIFIER.verify(request.headers, request.body)).doesNotThrowAnyException();
        request.with(WEBHOOK_SIGNATURE, signatures[1] + "," + signatures[0]);
        assertThatCode(() -> VERIFIER.verify(request.headers, request.body)).doesNotThrowAnyException();
    }

    @Test
    void acceptsRepeatedIdenticalIdAndTimestampHeaders() {
        TestRequest request = TestRequest.valid();
        request.with(WEBHOOK_ID, TestRequest.ID, TestRequest.ID);
        request.with(WEBHOOK_TIMESTAMP, NOW + ", " + NOW);

        assertThatCode(() -> VERIFIER.verify(request.headers, request.body)).doesNotThrowAnyException();
    }

    @Test
    void ignoresUnknownSignatureVersions() {
        TestRequest request = TestRequest.valid();
        request.with(WEBHOOK_SIGNATURE, "v2,c29tZXRoaW5nIG5ldw== " + request.value(WEBHOOK_SIGNATURE) + " v9,x,y");

        assertThatCode(() -> VERIFIER.verify(request.headers, request.body)).doesNotThrowAnyException();
    }

    @Test
    void acceptsV1aWithThePublicKeyInAMixedList() {
        SigningKeyPair pair = SigningKeyPair.generate();
        TestRequest request = TestRequest.signedWith(List.of(WebhookSecret.generate(), pair));
        WebhookVerifier publicOnly = WebhookVerifier.builder().key(pair.publicKey()).clock(TestRequest.CLOCK).build();

        assertThat(request.value(WEBHOOK_SIGNATURE)).matches("v1,\\S+ v1a,\\S+");
        assertThatCode(() -> publicOnly.verify(request.headers, request.body)).doesNotThrowAnyException();
    }

    @Test
    void acceptsV1aFromEncodedPublicKey() {
        TestRequest request = TestRequest.signedWith(List.of(SigningKeyPair.parse(SigningKeyPairTest.SVIX_KEY_PAIR)));
        WebhookVerifier verifier = WebhookVerifier.builder().key(SigningKeyPairTest.SVIX_PUBLIC_KEY)
                .clock(TestRequest.CLOCK).build();

        assertThatCode(() -> verifier.verify(request.headers, request.body)).doesNotThrowAnyException();
    }

    @Test
    void refusesV1aOfAnotherKeyPair() {
        TestRequest request = TestRequest.signedWith(List.of(SigningKeyPair.generate()));
        WebhookVerifier verifier = WebhookVerifier.builder().key(SigningKeyPair.generate().publicKey())
                .clock(TestRequest.CLOCK).build();

        assertRefused(verifier, request, NO_MATCHING_SIGNATURE).hasMessage("no signature in webhook-signature matches:"
                + " it has 0 well-formed v1 and 1 well-formed v1a signature(s), and this verifier holds 0 secret(s) for v1"
                + " and 1 public key(s) for v1a. Check that the key is the endpoint's current one and that the body given"
                + " to verify is the raw request body, byte for byte (not parsed and re-serialized JSON).");
    }

    @Test
    void refusesASignatureOfAnotherSecretWithoutRevealingTheExpectedOne() {
        TestRequest request = TestRequest.signedWith(List.of(WebhookSecret.generate()));
        String expected = TestRequest.valid().value(WEBHOOK_SIGNATURE).substring(3);

        assertRefused(VERIFIER, request, NO_MATCHING_SIGNATURE)
                .hasMessageStartingWith("no signature in webhook-signature matches: it has 1 well-formed v1 and 0"
                        + " well-formed v1a signature(s), and this verifier holds 1 secret(s) for v1 and 0 public key(s)")
                .message().doesNotContain(expected).doesNotContain(SECRET.encoded());
    }

    @Test
    void refusesAChangedBody() {
        assertRefused(VERIFIER, TestRequest.valid().withBody(TestRequest.BODY + " "), NO_MATCHING_SIGNATURE);
    }

    @Test
    void refusesAChangedId() {
        assertRefused(VERIFIER, TestRequest.valid().with(WEBHOOK_ID, "evt_other"), NO_MATCHING_SIGNATURE);
    }

    @Test
    void refusesOnlyUnknownVersionsAsNoMatch() {
        TestRequest request = TestRequest.valid().with(WEBHOOK_SIGNATURE, "v2,abc v3,def");

        assertRefused(VERIFIER, request, NO_MATCHING_SIGNATURE).hasMessageStartingWith("no signature in webhook-signature"
                + " matches: it has 0 well-formed v1 and 0 well-formed v1a signature(s) (versions this verifier does not"
                + " know, ignored: v2 v3), and this verifier holds 1 secret(s)");
    }

    @Test
    void acceptsTimestampExactlyAtTheToleranceInThePast() {
        TestRequest request = TestRequest.valid().signedAt(NOW - 300);

        assertThatCode(() -> VERIFIER.verify(request.headers, request.body)).doesNotThrowAnyException();
    }

    @Test
    void rejectsTimestampOlderThanTolerance() {
        assertRefused(VERIFIER, TestRequest.valid().signedAt(NOW - 301), TIMESTAMP_TOO_OLD).hasMessage(
                "webhook-timestamp 1736950650 is 301 s before the receiver's clock (2025-01-15T14:22:31Z), beyond the"
                        + " tolerance of 300 s: a replayed or long-delayed request, or a receiver clock that is off");
    }

    @Test
    void acceptsTimestampExactlyAtTheToleranceInTheFuture() {
        TestRequest request = TestRequest.valid().signedAt(NOW + 300);

        assertThatCode(() -> VERIFIER.verify(request.headers, request.body)).doesNotThrowAnyException();
    }

    @Test
    void rejectsTimestampFurtherInTheFutureThanTolerance() {
        assertRefused(VERIFIER, TestRequest.valid().signedAt(NOW + 301), TIMESTAMP_TOO_NEW).hasMessage(
                "webhook-timestamp 1736951252 is 301 s after the receiver's clock (2025-01-15T14:22:31Z), beyond the"
                        + " tolerance of 300 s: is the receiver's clock behind?");
    }

    @Test
    void hintsAtMillisecondTimestamps() {
        TestRequest request = TestRequest.valid().signedAt(NOW * 1000);

        assertRefused(VERIFIER, request, TIMESTAMP_TOO_NEW)
                .hasMessageEndingWith("it looks like milliseconds, but it must be seconds");
    }

    @Test
    void checksTheTimestampBeforeTheSignature() {
        TestRequest request = TestRequest.valid().with(WEBHOOK_TIMESTAMP, Long.toString(NOW - 3600));

        assertRefused(VERIFIER, request, TIMESTAMP_TOO_OLD);
    }

    @Test
    void honoursAConfiguredTolerance() {
        WebhookVerifier strict = verifier().tolerance(Duration.ofSeconds(10)).build();

        assertThatCode(() -> strict.verify(TestRequest.valid().signedAt(NOW - 10).headers, TestRequest.valid().body))
                .doesNotThrowAnyException();
        assertRefused(strict, TestRequest.valid().signedAt(NOW - 11), TIMESTAMP_TOO_OLD);
        assertRefused(strict, TestRequest.valid().signedAt(NOW + 11), TIMESTAMP_TOO_NEW);
    }

    @Test
    void rejectsMissingStandardHeadersByName() {
        TestRequest request = TestRequest.valid().without(WEBHOOK_ID).without(WEBHOOK_SIGNATURE);

        assertRefused(VERIFIER, request, MISSING_HEADER).hasMessage("the request has no webhook-id, webhook-signature"
                + " header; every Migomail request carries webhook-id, webhook-timestamp and webhook-signature: check"
                + " that no proxy or framework drops them");
    }

    @Test
    void refusesTheBodyOnlySchemeByDefault() {
        TestRequest request = TestRequest.valid().without(WEBHOOK_ID).without(WEBHOOK_TIMESTAMP).without(WEBHOOK_SIGNATURE);

        assertRefused(VERIFIER, request, MISSING_HEADER).hasMessage("the request has no webhook-id, webhook-timestamp,"
                + " webhook-signature header; it has X-Migomail-Signature, which this verifier accepts only with"
                + " SignatureScheme.MIGOMAIL");
    }

    @Test
    void acceptsTheBodyOnlySchemeWhenAskedTo() {
        WebhookVerifier migomail = verifier().schemes(SignatureScheme.MIGOMAIL).build();
        TestRequest request = TestRequest.valid().without(WEBHOOK_ID).without(WEBHOOK_TIMESTAMP).without(WEBHOOK_SIGNATURE);

        assertThatCode(() -> migomail.verify(request.headers, request.body)).doesNotThrowAnyException();
        assertRefused(migomail, request.withBody("{}"), NO_MATCHING_SIGNATURE);
    }

    @Test
    void migomailSchemeChecksGitHubsVector() {
        WebhookVerifier github = WebhookVerifier.builder().key("It's a Secret to Everybody")
                .schemes(SignatureScheme.MIGOMAIL).build();
        Map<String, List<String>> headers = Map.of("x-migomail-signature",
                List.of("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"));

        assertThatCode(() -> github.verify(headers, "Hello, World!")).doesNotThrowAnyException();
    }

    @Test
    void migomailSchemeTakesOnlyLowercaseHexAsWritten() {
        WebhookVerifier github = WebhookVerifier.builder().key("It's a Secret to Everybody")
                .schemes(SignatureScheme.MIGOMAIL).build();
        Map<String, List<String>> headers = Map.of("X-Migomail-Signature",
                List.of("sha256=757107EA0EB2509FC211221CCE984B8A37570B6D7586C22C46F4379C8B043E17"));

        assertThatThrownBy(() -> github.verify(headers, "Hello, World!"))
                .isInstanceOf(WebhookVerificationException.class)
                .hasMessage("X-Migomail-Signature has no sha256=<64 lowercase hex digits> entry");
    }

    @Test
    void refusesANonCanonicalBase64SpellingOfTheRightSignature() {
        TestRequest request = TestRequest.valid();
        String signature = request.value(WEBHOOK_SIGNATURE);
        // 32 bytes fill 43 base64 digits with 2 bits to spare: the last digit's lowest bit is unused.
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        int last = alphabet.indexOf(signature.charAt(signature.length() - 2));
        String sameBytes = signature.substring(0, signature.length() - 2) + alphabet.charAt(last ^ 1) + "=";
        assertThat(Base64.getDecoder().decode(sameBytes.substring(3)))
                .isEqualTo(Base64.getDecoder().decode(signature.substring(3)));

        assertRefused(VERIFIER, request.with(WEBHOOK_SIGNATURE, sameBytes), NO_MATCHING_SIGNATURE);
    }

    @Test
    void acceptsAnUnpaddedSignature() {
        TestRequest request = TestRequest.valid();
        request.with(WEBHOOK_SIGNATURE, request.value(WEBHOOK_SIGNATURE).replace("=", ""));

        assertThatCode(() -> VERIFIER.verify(request.headers, request.body)).doesNotThrowAnyException();
    }

    @Test
    void migomailSchemeAcceptsAnyOfSeveralSignatures() {
        WebhookSecret other = WebhookSecret.generate();
        TestRequest request = TestRequest.signedWith(List.of(other, SECRET));
        WebhookVerifier migomail = verifier().schemes(SignatureScheme.MIGOMAIL).build();

        assertThat(request.value(MIGOMAIL_SIGNATURE)).matches("sha256=[0-9a-f]{64} sha256=[0-9a-f]{64}");
        assertThatCode(() -> migomail.verify(request.headers, request.body)).doesNotThrowAnyException();
    }

    @Test
    void migomailSchemeRejectsMissingAndMalformedHeaders() {
        WebhookVerifier migomail = verifier().schemes(SignatureScheme.MIGOMAIL).build();

        assertRefused(migomail, TestRequest.valid().without(MIGOMAIL_SIGNATURE), MISSING_HEADER).hasMessage(
                "the request has no X-Migomail-Signature header; it has Standard Webhooks headers, which this verifier"
                        + " accepts only with SignatureScheme.STANDARD_WEBHOOKS; check that no proxy drops them");
        assertRefused(migomail, TestRequest.valid().with(MIGOMAIL_SIGNATURE, "sha1=abc"), MALFORMED_HEADER)
                .hasMessage("X-Migomail-Signature has no sha256=<64 lowercase hex digits> entry");
    }

    @Test
    void withBothSchemesStandardHeadersDecide() {
        WebhookVerifier any = verifier().schemes(SignatureScheme.STANDARD_WEBHOOKS, SignatureScheme.MIGOMAIL).build();
        TestRequest replayed = TestRequest.valid().signedAt(NOW - 3600);
        TestRequest bodyOnly = TestRequest.valid().without(WEBHOOK_ID).without(WEBHOOK_TIMESTAMP).without(WEBHOOK_SIGNATURE);

        assertRefused(any, replayed, TIMESTAMP_TOO_OLD);
        assertThatCode(() -> any.verify(bodyOnly.headers, bodyOnly.body)).doesNotThrowAnyException();
        assertRefused(any, TestRequest.valid().without(WEBHOOK_ID), MISSING_HEADER);
        assertRefused(any, TestRequest.valid().without(WEBHOOK_ID).without(WEBHOOK_TIMESTAMP).without(WEBHOOK_SIGNATURE)
                .without(MIGOMAIL_SIGNATURE), MISSING_HEADER).hasMessage("the request has no X-Migomail-Signature header"
                + " and no webhook-id, webhook-timestamp or webhook-signature header; check that no proxy drops them");
    }

    @Test
    void rejectsASignatureWithATrailingControlCharacter() {
        TestRequest request = TestRequest.valid();
        String signature = request.value(WEBHOOK_SIGNATURE);

        assertRefused(VERIFIER, request.with(WEBHOOK_SIGNATURE, signature + "\u001d"), NO_MATCHING_SIGNATURE);
    }

    @Test
    void rejectsMalformedStandardHeaders() {
        assertRefused(VERIFIER, TestRequest.valid().with(WEBHOOK_TIMESTAMP, "yesterday\r\n"), MALFORMED_HEADER)
                .hasMessage("webhook-timestamp must be whole Unix seconds (1 to 18 digits), not \"yesterday??\"");
        assertRefused(VERIFIER, TestRequest.valid().with(WEBHOOK_TIMESTAMP, "-5"), MALFORMED_HEADER);
        assertRefused(VERIFIER, TestRequest.valid().with(WEBHOOK_TIMESTAMP, "9999999999999999999"), MALFORMED_HEADER);
        assertRefused(VERIFIER, TestRequest.valid().with(WEBHOOK_ID, " "), MALFORMED_HEADER)
                .hasMessage("webhook-id is empty");
        assertRefused(VERIFIER, TestRequest.valid().with(WEBHOOK_ID, "evt_a", "evt_b"), MALFORMED_HEADER)
                .hasMessage("webhook-id has 2 different values; a request carries exactly one");
        assertRefused(VERIFIER, TestRequest.valid().with(WEBHOOK_SIGNATURE, "g0hM9SsE+OTPJTGt"), MALFORMED_HEADER)
                .hasMessage("webhook-signature has no \"version,signature\" entry; expected space-separated entries like"
                        + " v1,<base64> or v1a,<base64>");
    }

    @Test
    void builderRequiresAKey() {
        assertThatThrownBy(() -> WebhookVerifier.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("a verifier needs at least one key (whsec_ secret, raw secret or whpk_ public key)");
    }

    @Test
    void builderRefusesMigomailSchemeWithOnlyPublicKeys() {
        WebhookVerifier.Builder builder = WebhookVerifier.builder().key(SigningKeyPair.generate().publicKey())
                .schemes(SignatureScheme.MIGOMAIL);

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("scheme MIGOMAIL needs a symmetric secret; whpk_ public keys verify only v1a");
    }

    @Test
    void builderValidatesEachSetting() {
        WebhookVerifier.Builder builder = WebhookVerifier.builder();

        assertThatThrownBy(() -> builder.tolerance(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("tolerance cannot be negative: PT-1S");
        assertThatThrownBy(() -> builder.tolerance(null))
                .isInstanceOf(NullPointerException.class).hasMessage("tolerance cannot be null");
        assertThatThrownBy(() -> builder.clock(null))
                .isInstanceOf(NullPointerException.class).hasMessage("clock cannot be null");
        assertThatThrownBy(() -> builder.key((VerificationKey) null))
                .isInstanceOf(NullPointerException.class).hasMessage("key cannot be null");
        assertThatThrownBy(() -> builder.key(SigningKeyPairTest.SVIX_KEY_PAIR))
                .isInstanceOf(InvalidKeyFormatException.class);
        assertThatThrownBy(() -> builder.schemes(null))
                .isInstanceOf(NullPointerException.class).hasMessage("schemes cannot contain null");
    }

    @Test
    void builtVerifierIsUnaffectedByLaterBuilderChanges() {
        WebhookVerifier.Builder builder = verifier();
        WebhookVerifier built = builder.build();
        builder.tolerance(Duration.ZERO).schemes(SignatureScheme.MIGOMAIL);

        TestRequest request = TestRequest.valid().signedAt(NOW - 200);
        assertThatCode(() -> built.verify(request.headers, request.body)).doesNotThrowAnyException();
    }

    @Test
    void rejectsNullHeadersAndBody() {
        assertThatThrownBy(() -> VERIFIER.verify(null, new byte[0]))
                .isInstanceOf(NullPointerException.class).hasMessage("headers cannot be null");
        assertThatThrownBy(() -> VERIFIER.verify(Map.of(), (byte[]) null))
                .isInstanceOf(NullPointerException.class).hasMessage("body cannot be null");
        assertThatThrownBy(() -> VERIFIER.verify(Map.of(), (String) null))
                .isInstanceOf(NullPointerException.class).hasMessage("body cannot be null");
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(
            WebhookVerifier verifier, TestRequest request, Reason reason) {
        return assertThatThrownBy(() -> verifier.verify(request.headers, request.body))
                .isInstanceOfSatisfying(WebhookVerificationException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
