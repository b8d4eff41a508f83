package com.migomail.webhooks.signing;

import static com.migomail.webhooks.signing.WebhookHeaders.MIGOMAIL_SIGNATURE;
import static com.migomail.webhooks.signing.WebhookHeaders.WEBHOOK_ID;
import static com.migomail.webhooks.signing.WebhookHeaders.WEBHOOK_SIGNATURE;
import static com.migomail.webhooks.signing.WebhookHeaders.WEBHOOK_TIMESTAMP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.migomail.webhooks.signing.WebhookVerificationException.Reason;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.NotEmpty;
import net.jqwik.api.constraints.Size;

class WebhookVerifierProperties {
    private static final SigningKeyPair PAIR = SigningKeyPair.generate();
    private static final WebhookVerifier STANDARD = TestRequest.verifier().key(PAIR.publicKey()).build();
    private static final WebhookVerifier MIGOMAIL = TestRequest.verifier().schemes(SignatureScheme.MIGOMAIL).build();
    private static final WebhookVerifier ANY = TestRequest.verifier().key(PAIR.publicKey())
            .schemes(SignatureScheme.STANDARD_WEBHOOKS, SignatureScheme.MIGOMAIL).build();
    private static final List<WebhookVerifier> VERIFIERS = List.of(STANDARD, MIGOMAIL, ANY);

    @Property
    void arbitraryHeadersAndBodiesRaiseOnlyTheTypedException(
            @ForAll("headers") Map<String, List<String>> headers, @ForAll byte[] body) {
        for (WebhookVerifier verifier : VERIFIERS) {
            assertThat(catchThrowable(() -> verifier.verify(headers, body)))
                    .isInstanceOf(WebhookVerificationException.class);
        }
    }

    @Property
    void arbitraryValuesOfOneSignedHeaderRaiseOnlyTheTypedException(
            @ForAll("signedHeaderNames") String name, @ForAll("headerValues") List<String> values) {
        TestRequest request = TestRequest.signedWith(List.of(TestRequest.SECRET, PAIR))
                .with(name, values.toArray(String[]::new));
        for (WebhookVerifier verifier : VERIFIERS) {
            Throwable thrown = catchThrowable(() -> verifier.verify(request.headers, request.body));

            assertThat(thrown == null || thrown instanceof WebhookVerificationException).as("%s", thrown).isTrue();
        }
    }

    @Property
    void anyMissingStandardHeaderIsNamed(@ForAll @NotEmpty @Size(max = 3) Set<@From("standardNames") String> missing) {
        TestRequest request = TestRequest.valid();
        missing.forEach(request::without);

        assertThatThrownBy(() -> STANDARD.verify(request.headers, request.body))
                .isInstanceOfSatisfying(WebhookVerificationException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.MISSING_HEADER))
                .hasMessageContainingAll(missing.toArray(String[]::new));
    }

    @Property
    void aFlippedBitInTheBodyIsRefused(@ForAll @Size(max = 300) byte[] body, @ForAll @IntRange(min = 0) int position) {
        byte[] flipped = body.length == 0 ? new byte[] {1} : flip(body, position % (body.length * 8));
        for (SigningKey key : List.of(TestRequest.SECRET, PAIR)) {
            TestRequest request = TestRequest.signed(TestRequest.ID, TestRequest.NOW, body, List.of(key));

            assertRefused(STANDARD, request.headers, flipped);
            if (key instanceof WebhookSecret) {
                assertRefused(MIGOMAIL, request.headers, flipped);
            }
        }
    }

    @Property
    void aFlippedBitInIdTimestampOrSignatureIsRefused(@ForAll("standardNames") String name,
            @ForAll @IntRange(min = 0) int position, @ForAll @IntRange(min = 0, max = 15) int bit) {
        for (SigningKey key : List.of(TestRequest.SECRET, PAIR)) {
            TestRequest request = TestRequest.signedWith(List.of(key));
            flipOneBit(request, name, position, bit);

            assertRefused(STANDARD, request.headers, request.body);
        }
    }

    @Property
    void aFlippedBitInTheMigomailSignatureIsRefused(
            @ForAll @IntRange(min = 0) int position, @ForAll @IntRange(min = 0, max = 15) int bit) {
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

    @Provide
    Arbitrary<String> standardNames() {
        return Arbitraries.of(WEBHOOK_ID, WEBHOOK_TIMESTAMP, WEBHOOK_SIGNATURE);
    }

    @Provide
    Arbitrary<String> signedHeaderNames() {
        return Arbitraries.of(WEBHOOK_ID, WEBHOOK_TIMESTAMP, WEBHOOK_SIGNATURE, MIGOMAIL_SIGNATURE);
    }

    @Provide
    Arbitrary<List<String>> headerValues() {
        Arbitrary<String> plausible = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(60),
                Arbitraries.strings().withChars("v1a,= +/sha256ABCxyz0123456789\t").ofMaxLength(120),
                Arbitraries.longs().map(Object::toString),
                Arbitraries.strings().numeric().ofMaxLength(25));
        return plausible.injectNull(0.05).list().ofMaxSize(3);
    }

    @Provide
    Arbitrary<Map<String, List<String>>> headers() {
        Arbitrary<String> names = Arbitraries.oneOf(
                signedHeaderNames(),
                signedHeaderNames().map(name -> name.toUpperCase(Locale.ROOT)),
                Arbitraries.strings().ofMaxLength(20));
        return Arbitraries.maps(names.injectNull(0.05), headerValues().injectNull(0.05)).ofMaxSize(6)
                .map(map -> {
                    Map<String, List<String>> copy = new LinkedHashMap<>();
                    map.forEach(copy::put);
                    return copy;
                });
    }

}
