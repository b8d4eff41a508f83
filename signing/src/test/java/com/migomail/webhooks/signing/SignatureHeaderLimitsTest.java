package com.migomail.webhooks.signing;

import static com.migomail.webhooks.signing.TestRequest.NOW;
import static com.migomail.webhooks.signing.WebhookHeaders.MAX_HEADER_LENGTH;
import static com.migomail.webhooks.signing.WebhookHeaders.MAX_SIGNATURES;
import static com.migomail.webhooks.signing.WebhookHeaders.MIGOMAIL_SIGNATURE;
import static com.migomail.webhooks.signing.WebhookHeaders.WEBHOOK_ID;
import static com.migomail.webhooks.signing.WebhookHeaders.WEBHOOK_SIGNATURE;
import static com.migomail.webhooks.signing.WebhookHeaders.WEBHOOK_TIMESTAMP;
import static com.migomail.webhooks.signing.WebhookVerificationException.Reason.HEADER_TOO_LARGE;
import static com.migomail.webhooks.signing.WebhookVerificationException.Reason.MALFORMED_HEADER;
import static com.migomail.webhooks.signing.WebhookVerificationException.Reason.NO_MATCHING_SIGNATURE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.migomail.webhooks.signing.WebhookVerificationException.Reason;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/**
 * Every signature header is read only up to its limits: {@value WebhookHeaders#MAX_HEADER_LENGTH}
 * characters and {@value WebhookHeaders#MAX_SIGNATURES} entries. Above them a request is refused
 * before any signature is checked, which the Ed25519 verifications counted through the JCA show.
 */
class SignatureHeaderLimitsTest {
    private static final SigningKeyPair PAIR = SigningKeyPair.generate();
    private static final WebhookVerifier PUBLIC_KEY = WebhookVerifier.builder().key(PAIR.publicKey())
            .clock(TestRequest.CLOCK).build();
    private static final WebhookVerifier MIGOMAIL = TestRequest.verifier().schemes(SignatureScheme.MIGOMAIL).build();

    @Test
    void refusesThe700EntryV1aHeaderWithoutVerifyingAny() {
        TestRequest request = TestRequest.signedWith(List.of(PAIR));
        request.with(WEBHOOK_SIGNATURE, junkV1a(700) + " " + request.value(WEBHOOK_SIGNATURE));

        try (CountingEd25519 counting = CountingEd25519.install()) {
            assertRefused(PUBLIC_KEY, request, HEADER_TOO_LARGE).hasMessage("webhook-signature is longer than 8192"
                    + " characters, all its values together; a verifier reads at most 8192");
            assertThat(counting.verifications()).isZero();
        }
    }

    @Test
    void refuses700ShortEntriesByTheirNumberWithoutVerifyingAny() {
        TestRequest request = TestRequest.signedWith(List.of(PAIR));
        request.with(WEBHOOK_SIGNATURE, request.value(WEBHOOK_SIGNATURE) + " v1a,x".repeat(699));

        try (CountingEd25519 counting = CountingEd25519.install()) {
            assertRefused(PUBLIC_KEY, request, HEADER_TOO_LARGE).hasMessage("webhook-signature has more than 10 signature"
                    + " entries; a request carries one per active key of its endpoint, and a verifier reads at most 10");
            assertThat(counting.verifications()).isZero();
        }
    }

    @Test
    void verifiesEachOfTenEntriesAndRefusesAnEleventh() {
        TestRequest request = TestRequest.signedWith(List.of(PAIR));
        String real = request.value(WEBHOOK_SIGNATURE);

        try (CountingEd25519 counting = CountingEd25519.install()) {
            assertRefused(PUBLIC_KEY, request.with(WEBHOOK_SIGNATURE, junkV1a(MAX_SIGNATURES)), NO_MATCHING_SIGNATURE);
            assertThat(counting.verifications()).isEqualTo(MAX_SIGNATURES);
            assertRefused(PUBLIC_KEY, request.with(WEBHOOK_SIGNATURE, junkV1a(MAX_SIGNATURES) + " " + real), HEADER_TOO_LARGE);
            assertThat(counting.verifications()).isEqualTo(MAX_SIGNATURES);
        }
        request.with(WEBHOOK_SIGNATURE, junkV1a(MAX_SIGNATURES - 1) + " " + real);
        assertThatCode(() -> PUBLIC_KEY.verify(request.headers, request.body)).doesNotThrowAnyException();
    }

    @Test
    void countsEntriesAcrossValuesCommaJoinedTokensAndUnknownVersions() {
        TestRequest request = TestRequest.valid();
        String real = request.value(WEBHOOK_SIGNATURE);

        assertRefused(TestRequest.verifier().build(), request.with(WEBHOOK_SIGNATURE, real, "v2,a v2,b v2,c v2,d v2,e",
                "v2,f,v2,g,v2,h,v2,i,v2,j"), HEADER_TOO_LARGE);
        request.with(WEBHOOK_SIGNATURE, real, "v2,a v2,b v2,c v2,d v2,e", "v2,f,v2,g,v2,h,v2,i");
        assertThatCode(() -> TestRequest.verifier().build().verify(request.headers, request.body)).doesNotThrowAnyException();
    }

    @Test
    void acceptsAHeaderOfExactlyTheMaximumLength() {
        TestRequest request = TestRequest.valid();
        String real = request.value(WEBHOOK_SIGNATURE);
        String padded = real + " ".repeat(MAX_HEADER_LENGTH - real.length());

        assertThatCode(() -> TestRequest.verifier().build().verify(request.with(WEBHOOK_SIGNATURE, padded).headers,
                request.body)).doesNotThrowAnyException();
        assertRefused(TestRequest.verifier().build(), request.with(WEBHOOK_SIGNATURE, padded + " "), HEADER_TOO_LARGE);
        // Two values count with one separator between them.
        assertRefused(TestRequest.verifier().build(),
                request.with(WEBHOOK_SIGNATURE, real, " ".repeat(MAX_HEADER_LENGTH - real.length())), HEADER_TOO_LARGE);
    }

    @Test
    void capsIdAndTimestampHeadersToo() {
        WebhookVerifier verifier = TestRequest.verifier().build();
        // n empty values count n - 1 separators.
        List<String> manyEmpty = new ArrayList<>(Collections.nCopies(MAX_HEADER_LENGTH + 2, ""));

        assertRefused(verifier, TestRequest.valid().with(WEBHOOK_ID, "a".repeat(MAX_HEADER_LENGTH + 1)), HEADER_TOO_LARGE)
                .hasMessageStartingWith("webhook-id is longer than 8192 characters");
        assertRefused(verifier, TestRequest.valid().with(WEBHOOK_ID, "a".repeat(257)), MALFORMED_HEADER)
                .hasMessageStartingWith("webhook-id must be 1 to 256 characters of A-Z, a-z, 0-9, _ and -");
        assertRefused(verifier, TestRequest.valid().with(WEBHOOK_TIMESTAMP, IntStream.range(0, 800)
                .mapToObj(i -> Long.toString(NOW)).collect(Collectors.joining(","))), HEADER_TOO_LARGE)
                .hasMessageStartingWith("webhook-timestamp is longer than 8192 characters");
        TestRequest emptyValues = TestRequest.valid();
        emptyValues.headers.put(WEBHOOK_TIMESTAMP, manyEmpty);
        assertRefused(verifier, emptyValues, HEADER_TOO_LARGE);
    }

    @Test
    void capsTheMigomailSignatureHeader() {
        TestRequest request = TestRequest.valid();
        String real = request.value(MIGOMAIL_SIGNATURE);
        String nineOthers = " sha1=abc".repeat(MAX_SIGNATURES - 1);

        assertThatCode(() -> MIGOMAIL.verify(request.with(MIGOMAIL_SIGNATURE, real + nineOthers).headers, request.body))
                .doesNotThrowAnyException();
        assertRefused(MIGOMAIL, request.with(MIGOMAIL_SIGNATURE, real + nineOthers + ",sha1=abc"), HEADER_TOO_LARGE)
                .hasMessage("X-Migomail-Signature has more than 10 entries; a request carries one per secret of its"
                        + " endpoint, and a verifier reads at most 10");
        assertRefused(MIGOMAIL, request.with(MIGOMAIL_SIGNATURE, real + " ".repeat(MAX_HEADER_LENGTH)), HEADER_TOO_LARGE)
                .hasMessageStartingWith("X-Migomail-Signature is longer than 8192 characters");
    }

    @Test
    void signsWithUpToTenKeysWhichTheVerifierReads() {
        List<SigningKey> keys = new ArrayList<>();
        keys.add(TestRequest.SECRET);
        IntStream.range(1, MAX_SIGNATURES).forEach(i -> keys.add(i % 2 == 0 ? WebhookSecret.generate() : SigningKeyPair.generate()));
        TestRequest request = TestRequest.signedWith(keys);

        assertThatCode(() -> TestRequest.verifier().build().verify(request.headers, request.body)).doesNotThrowAnyException();
        assertThatCode(() -> MIGOMAIL.verify(request.headers, request.body)).doesNotThrowAnyException();
        keys.add(WebhookSecret.generate());
        assertThatThrownBy(() -> TestRequest.signedWith(keys))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("keys has 11 keys, more than the 10 signatures a verifier reads from one header: retire old keys");
    }

    /** Entries {@code v1a,<base64 of 64 random bytes>}: well-formed, so each costs a verification. */
    private static String junkV1a(int count) {
        Random random = new Random(count);
        return IntStream.range(0, count).mapToObj(i -> {
            byte[] signature = new byte[64];
            random.nextBytes(signature);
            return "v1a," + Base64.getEncoder().encodeToString(signature);
        }).collect(Collectors.joining(" "));
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(
            WebhookVerifier verifier, TestRequest request, Reason reason) {
        return assertThatThrownBy(() -> verifier.verify(request.headers, request.body))
                .isInstanceOfSatisfying(WebhookVerificationException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
