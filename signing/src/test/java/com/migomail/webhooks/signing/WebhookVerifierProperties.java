package com.migomail.webhooks.signing;

import static com.migomail.webhooks.signing.WebhookHeaders.MIGOMAIL_SIGNATURE;
import static com.migomail.webhooks.signing.WebhookHeaders.WEBHOOK_ID;
import static com.migomail.webhooks.signing.WebhookHeaders.WEBHOOK_SIGNATURE;
import static com.migomail.webhooks.signing.WebhookHeaders.WEBHOOK_TIMESTAMP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.migomail.webhooks.signing.WebhookVerificationException.Reason;
import com.migomail.webhooks.testing.Cases;
import com.migomail.webhooks.testing.Generator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** No input escapes the typed exception, and no changed bit of a signed request passes. */
@ExtendWith(Cases.class)
class WebhookVerifierProperties {
    private static final int TRIES = 1000;
    private static final List<String> STANDARD_NAMES = List.of(WEBHOOK_ID, WEBHOOK_TIMESTAMP, WEBHOOK_SIGNATURE);
    private static final List<String> SIGNED_NAMES =
            List.of(WEBHOOK_ID, WEBHOOK_TIMESTAMP, WEBHOOK_SIGNATURE, MIGOMAIL_SIGNATURE);

    private static final SigningKeyPair PAIR = SigningKeyPair.generate();
    private static final WebhookVerifier STANDARD = TestRequest.verifier().key(PAIR.publicKey()).build();
    private static final WebhookVerifier MIGOMAIL = TestRequest.verifier().schemes(SignatureScheme.MIGOMAIL).build();
    private static final WebhookVerifier ANY = TestRequest.verifier().key(PAIR.publicKey())
            .schemes(SignatureScheme.STANDARD_WEBHOOKS, SignatureScheme.MIGOMAIL).build();
    private static final List<WebhookVerifier> VERIFIERS = List.of(STANDARD, MIGOMAIL, ANY);

    @ParameterizedTest
    @MethodSource("headersAndBodies")
    void arbitraryHeadersAndBodiesRaiseOnlyTheTypedException(Map<String, List<String>> headers, byte[] body) {
        for (WebhookVerifier verifier : VERIFIERS) {
            assertThat(catchThrowable(() -> verifier.verify(headers, body)))
                    .isInstanceOf(WebhookVerificationException.class);
        }
    }

    @ParameterizedTest
    @MethodSource("signedHeaderValues")
    void arbitraryValuesOfOneSignedHeaderRaiseOnlyTheTypedException(String name, List<String> values) {
        TestRequest request = TestRequest.signedWith(List.of(TestRequest.SECRET, PAIR))
                .with(name, values.toArray(String[]::new));
        for (WebhookVerifier verifier : VERIFIERS) {
            Throwable thrown = catchThrowable(() -> verifier.verify(request.headers, request.body));

            assertThat(thrown == null || thrown instanceof WebhookVerificationException).as("%s", thrown).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("missingStandardNames")
    void anyMissingStandardHeaderIsNamed(Set<String> missing) {
        TestRequest request = TestRequest.valid();
        missing.forEach(request::without);

        assertThatThrownBy(() -> STANDARD.verify(request.headers, request.body))
                .isInstanceOfSatisfying(WebhookVerificationException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.MISSING_HEADER))
                .hasMessageContainingAll(missing.toArray(String[]::new));
    }

    @ParameterizedTest
    @MethodSource("bodiesAndPositions")
    void aFlippedBitInTheBodyIsRefused(byte[] body, int position) {
        byte[] flipped = body.length == 0 ? new byte[] {1} : flip(body, position % (body.length * 8));
        for (SigningKey key : List.of(TestRequest.SECRET, PAIR)) {
            TestRequest request = TestRequest.signed(TestRequest.ID, TestRequest.NOW, body, List.of(key));

            assertRefused(STANDARD, request.headers, flipped);
            if (key instanceof WebhookSecret) {
                assertRefused(MIGOMAIL, request.headers, flipped);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("standardNamesPositionsAndBits")
    void aFlippedBitInIdTimestampOrSignatureIsRefused(String name, int position, int bit) {
        for (SigningKey key : List.of(TestRequest.SECRET, PAIR)) {
            TestRequest request = TestRequest.signedWith(List.of(key));
            flipOneBit(request, name, position, bit);

            assertRefused(STANDARD, request.headers, request.body);
        }
    }

    @ParameterizedTest
    @MethodSource("positionsAndBits")
    void aFlippedBitInTheMigomailSignatureIsRefused(int position, int bit) {
        TestRequest request = TestRequest.valid();
        flipOneBit(request, MIGOMAIL_SIGNATURE, position, bit);

        assertRefused(MIGOMAIL, request.headers, request.body);
    }

    private static void flipOneBit(TestRequest request, String name, int position, int bit) {
        char[] chars = request.value(name).toCharArray();
        chars[position % chars.length] ^= (char) (1 << bit);
        request.with(name, new String(chars));
    }

    private static byte[] flip(byte[] bytes, int bitIndex) {
        byte[] flipped = bytes.clone();
        flipped[bitIndex / 8] ^= (byte) (1 << (bitIndex % 8));
        return flipped;
    }

    private static void assertRefused(WebhookVerifier verifier, Map<String, List<String>> headers, byte[] body) {
        assertThatThrownBy(() -> verifier.verify(headers, body)).isInstanceOf(WebhookVerificationException.class);
    }

    // ---- cases ----------------------------------------------------------------------------

    static Stream<Arguments> headersAndBodies() {
        return Cases.generate(TRIES, random -> arguments(headers(random), random.bytes(255)));
    }

    static Stream<Arguments> signedHeaderValues() {
        return Cases.generate(TRIES, random -> arguments(random.pick(SIGNED_NAMES), headerValues(random)));
    }

    static Stream<Arguments> missingStandardNames() {
        return Cases.generate(TRIES, random -> arguments(new LinkedHashSet<>(
                random.list(1, 3, r -> r.pick(STANDARD_NAMES)))));
    }

    static Stream<Arguments> bodiesAndPositions() {
        return Cases.generate(TRIES, random -> arguments(random.bytes(300), position(random)));
    }

    static Stream<Arguments> standardNamesPositionsAndBits() {
        return Cases.generate(TRIES, random -> arguments(random.pick(STANDARD_NAMES), position(random), bit(random)));
    }

    static Stream<Arguments> positionsAndBits() {
        return Cases.generate(TRIES, random -> arguments(position(random), bit(random)));
    }

    private static int position(Generator random) {
        return random.between(0, Integer.MAX_VALUE);
    }

    private static int bit(Generator random) {
        return random.between(0, 15);
    }

    /** Up to 6 headers: signed names in any case or any text, and null names and values now and then. */
    private static Map<String, List<String>> headers(Generator random) {
        return random.map(6, r -> r.orNull(0.05, names -> names.oneOf(
                        g -> g.pick(SIGNED_NAMES),
                        g -> g.pick(SIGNED_NAMES).toUpperCase(Locale.ROOT),
                        g -> g.anyString(20))),
                r -> r.orNull(0.05, WebhookVerifierProperties::headerValues));
    }

    /** Up to 3 values, each null now and then or text that looks like an id, timestamp or signature. */
    private static List<String> headerValues(Generator random) {
        return random.list(0, 3, r -> r.orNull(0.05, values -> values.oneOf(
                g -> g.anyString(60),
                g -> g.string(0, 120, "v1a,= +/sha256ABCxyz0123456789\t"),
                g -> Long.toString(g.anyLong()),
                g -> g.string(0, 25, '0', '9'))));
    }
}
