package com.migomail.webhooks.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookSecretTest {
    private static final String ENCODED = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @Test
    void parsesPrefixedSecretAndKeepsItsEncoding() {
        assertThat(WebhookSecret.parse(ENCODED).encoded()).isEqualTo(ENCODED);
    }

    @Test
    void takesARawSecretAsItsUtf8Bytes() {
        WebhookSecret raw = WebhookSecret.parse("It's a Secret to Everybody ✓");

        assertThat(raw.encoded()).isEqualTo("It's a Secret to Everybody ✓");
    }

    @ParameterizedTest
    @ValueSource(ints = {24, 32, 48, 64})
    void acceptsKeysOf24To64Bytes(int length) {
        String encoded = "whsec_" + Base64.getEncoder().encodeToString(new byte[length]);

        assertThat(WebhookSecret.parse(encoded).encoded()).isEqualTo(encoded);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 23, 65, 128})
    void rejectsKeysOutside24To64Bytes(int length) {
        String encoded = "whsec_" + Base64.getEncoder().encodeToString(new byte[length]);

        assertThatThrownBy(() -> WebhookSecret.parse(encoded))
                .isInstanceOf(InvalidKeyFormatException.class)
                .hasMessage("a whsec_ secret has 24 to 64 key bytes, not " + length);
    }

    @Test
    void acceptsBase64WithoutPadding() {
        byte[] key = new byte[25];
        key[24] = 7;
        String unpadded = "whsec_" + Base64.getEncoder().withoutPadding().encodeToString(key);

        assertThat(WebhookSecret.parse(unpadded)).isEqualTo(WebhookSecret.ofBytes(key));
    }

    @Test
    void rejectsBadBase64WithoutQuotingTheKey() {
        assertThatThrownBy(() -> WebhookSecret.parse("whsec_MfKQ9r8G-YqrTwjU!D8ILPZIo2LaLaSw"))
                .isInstanceOf(InvalidKeyFormatException.class)
                .hasNoCause()
                .hasMessage("a whsec_ key must be followed by standard base64 (A-Z, a-z, 0-9, +, /, optional ="
                        + " padding), and this one is not");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n"})
    void rejectsBlankRawSecrets(String blank) {
        assertThatThrownBy(() -> WebhookSecret.parse(blank))
                .isInstanceOf(InvalidKeyFormatException.class)
                .hasMessage("a raw secret cannot be empty or blank");
    }

    @Test
    void acceptsARawSecretOf16Bytes() {
        assertThat(WebhookSecret.parse("0123456789abcdef").encoded()).isEqualTo("0123456789abcdef");
        assertThat(WebhookSecret.parse("Jürgen-Ødegård!").encoded()).isEqualTo("Jürgen-Ødegård!"); // 15 chars, 18 bytes
    }

    @ParameterizedTest
    @ValueSource(strings = {"Q", "hunter2", "0123456789abcde", "Ødegård東"})
    void refusesARawSecretShorterThan16BytesAndNamesTheOptIn(String shortSecret) {
        int bytes = shortSecret.getBytes(StandardCharsets.UTF_8).length;

        assertThatThrownBy(() -> WebhookSecret.parse(shortSecret))
                .isInstanceOf(InvalidKeyFormatException.class)
                .hasMessage("a raw secret needs at least 16 bytes, and this one has " + bytes + ": use a whsec_ secret"
                        + " (WebhookSecret.generate()), or, for an existing short secret,"
                        + " WebhookSecret.parseAllowingShortRawSecret")
                .message().doesNotContain(shortSecret);
    }

    @Test
    void takesAShortRawSecretWhenExplicitlyAllowed() {
        WebhookSecret shortSecret = WebhookSecret.parseAllowingShortRawSecret("hunter2");

        assertThat(shortSecret.encoded()).isEqualTo("hunter2");
        assertThat(WebhookSecret.parseAllowingShortRawSecret(ENCODED)).isEqualTo(WebhookSecret.parse(ENCODED));
        assertThatThrownBy(() -> WebhookSecret.parseAllowingShortRawSecret(" "))
                .isInstanceOf(InvalidKeyFormatException.class).hasMessage("a raw secret cannot be empty or blank");
    }

    @ParameterizedTest
    @ValueSource(strings = {"WHSEC_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "Whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "WHSK_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whPK_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"})
    void refusesAKeyPrefixInAnotherCaseInsteadOfTakingItAsARawSecret(String nearMiss) {
        String prefix = nearMiss.substring(0, nearMiss.indexOf('_') + 1).toLowerCase(Locale.ROOT);

        for (Function<String, WebhookSecret> parse : List.<Function<String, WebhookSecret>>of(
                WebhookSecret::parse, WebhookSecret::parseAllowingShortRawSecret)) {
            assertThatThrownBy(() -> parse.apply(nearMiss))
                    .isInstanceOf(InvalidKeyFormatException.class)
                    .hasMessage("a key that starts with " + prefix.toUpperCase(Locale.ROOT) + " or another case of "
                            + prefix + " is refused, not taken as a raw secret: key prefixes are lowercase");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {" whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\n",
            "It's a Secret to Everybody\r\n", "\tIt's a Secret to Everybody", "It's a Secret to Everybody\u00a0",
            "\ufeffIt's a Secret to Everybody", "It's a Secret to Everybody\u0000"})
    void refusesSurroundingWhitespaceOrControlCharacters(String copied) {
        for (Function<String, WebhookSecret> parse : List.<Function<String, WebhookSecret>>of(
                WebhookSecret::parse, WebhookSecret::parseAllowingShortRawSecret)) {
            assertThatThrownBy(() -> parse.apply(copied))
                    .isInstanceOf(InvalidKeyFormatException.class)
                    .hasMessage("a key cannot begin or end with whitespace or a control character (a newline read with"
                            + " it from a file?): remove it");
        }
    }

    @Test
    void keepsWhitespaceInsideARawSecret() {
        assertThat(WebhookSecret.parse("It's a Secret to Everybody").encoded()).isEqualTo("It's a Secret to Everybody");
    }

    @Test
    void rejectsEd25519KeysInsteadOfTakingThemAsRawSecrets() {
        String pair = SigningKeyPair.generate().encoded();

        assertThatThrownBy(() -> WebhookSecret.parse(pair)).isInstanceOf(InvalidKeyFormatException.class);
        assertThatThrownBy(() -> WebhookSecret.parse("whpk_abc")).isInstanceOf(InvalidKeyFormatException.class);
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> WebhookSecret.parse(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("encoded key cannot be null");
    }

    @Test
    void generatesDistinct32ByteSecrets() {
        WebhookSecret first = WebhookSecret.generate();
        WebhookSecret second = WebhookSecret.generate();

        assertThat(first.encoded()).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(first.encoded().substring(6))).hasSize(32);
        assertThat(first).isNotEqualTo(second);
        assertThat(WebhookSecret.parse(first.encoded())).isEqualTo(first);
    }

    @Test
    void neverPrintsTheKey() {
        assertThat(WebhookSecret.parse(ENCODED)).hasToString("WebhookSecret[whsec_***]");
        assertThat(WebhookSecret.parse("hunter2hunter2hunter2")).hasToString("WebhookSecret[raw ***]");
        assertThat(WebhookSecret.parseAllowingShortRawSecret("hunter2")).hasToString("WebhookSecret[raw ***]");
    }

    @Test
    void ofBytesCopiesTheKey() {
        byte[] key = new byte[32];
        WebhookSecret secret = WebhookSecret.ofBytes(key);
        key[0] = 1;

        assertThat(secret).isEqualTo(WebhookSecret.ofBytes(new byte[32]));
    }

    @Test
    void equalityNeedsSameKeyAndForm() {
        WebhookSecret secret = WebhookSecret.parse(ENCODED);

        assertThat(secret).isEqualTo(WebhookSecret.parse(ENCODED)).hasSameHashCodeAs(WebhookSecret.parse(ENCODED));
        assertThat(secret).isNotEqualTo(WebhookSecret.parse("whsec_" + Base64.getEncoder().encodeToString(new byte[24])));
        assertThat(secret).isNotEqualTo(WebhookSecret.parse(ENCODED.substring(6)));
    }
}
