package com.migomail.webhooks.signing;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/**
 * Coverage-guided fuzzing of the key parsers (Jazzer): for any string, each of
 * {@link WebhookSecret#parse}, {@link WebhookSecret#parseAllowingShortRawSecret},
 * {@link SigningKeyPair#parse}, {@link WebhookPublicKey#parse}, {@link SigningKey#parse},
 * {@link SigningKey#parseAllowingShortRawSecret} and {@link VerificationKey#parse} returns a key or
 * throws {@link InvalidKeyFormatException}, never another exception; a key's {@code encoded()}
 * parses back (by the same parser) to an equal key, its {@code toString()} does not show a secret,
 * and a refusal's message does not quote the key. A {@code parseAllowingShortRawSecret} gives the
 * key its strict twin gives, and accepts more only as a raw secret shorter than
 * {@link WebhookSecret#MIN_RAW_LENGTH} bytes.
 *
 * <p>The input is the string, read by {@link FuzzedDataProvider#consumeRemainingAsString()}: UTF-8,
 * with invalid sequences mended, so the seeds under {@code KeyParsingFuzzTestInputs/parse} are the
 * keys as written. Plain {@code mvn verify} replays them; the {@code fuzz} profile fuzzes.
 */
class KeyParsingFuzzTest {
    private static final List<Function<String, ?>> PARSERS = List.of(WebhookSecret::parse,
            WebhookSecret::parseAllowingShortRawSecret, SigningKeyPair::parse, WebhookPublicKey::parse, SigningKey::parse,
            SigningKey::parseAllowingShortRawSecret, VerificationKey::parse);
    /** Indexes into {@link #PARSERS} of each strict parser, followed by its lenient twin. */
    private static final int[][] TWINS = {{0, 1}, {4, 5}};
    /** Shorter key material may appear in a message by chance (a prefix, a word). */
    private static final int QUOTABLE = 12;

    @FuzzTest
    void parse(FuzzedDataProvider data) {
        String encoded = data.consumeRemainingAsString();
        Object[] keys = new Object[PARSERS.size()];
        for (int i = 0; i < PARSERS.size(); i++) {
            Function<String, ?> parser = PARSERS.get(i);
            try {
                keys[i] = parser.apply(encoded);
            } catch (InvalidKeyFormatException refused) {
                requireSafeMessage(refused, encoded);
                continue;
            }
            requireRoundTrip(keys[i], parser);
        }
        for (int[] twins : TWINS) {
            requireOnlyShortRawSecretsAdded(encoded, keys[twins[0]], keys[twins[1]]);
        }
    }

    /** The lenient parser's key is the strict one's, or, where that refused, a short raw secret. */
    private static void requireOnlyShortRawSecretsAdded(String encoded, Object strict, Object lenient) {
        if (strict != null && !strict.equals(lenient)) {
            throw new AssertionError("parseAllowingShortRawSecret gives " + lenient + " where parse gives " + strict);
        }
        if (strict == null && lenient != null && !(lenient instanceof WebhookSecret secret && secret.encoded().equals(encoded)
                && !encoded.startsWith("whsec_")
                && encoded.getBytes(StandardCharsets.UTF_8).length < WebhookSecret.MIN_RAW_LENGTH)) {
            throw new AssertionError("parseAllowingShortRawSecret accepts " + lenient + ", which is not a short raw"
                    + " secret, where parse refuses");
        }
    }

    private static void requireSafeMessage(InvalidKeyFormatException refused, String encoded) {
        String material = encoded.substring(encoded.indexOf('_') + 1);
        if (refused.getMessage() == null || material.length() >= QUOTABLE && refused.getMessage().contains(material)) {
            throw new AssertionError("the message is missing or quotes the key", refused);
        }
    }

    private static void requireRoundTrip(Object key, Function<String, ?> parser) {
        String encoded = key instanceof SigningKey signing ? signing.encoded() : ((VerificationKey) key).encoded();
        Object again = parser.apply(encoded);
        if (!again.equals(key) || again.hashCode() != key.hashCode()) {
            throw new AssertionError("encoded() does not parse back to an equal key: " + key);
        }
        boolean secret = key instanceof WebhookSecret || key instanceof SigningKeyPair;
        String shown = key.toString();
        if (secret && shown.contains(encoded) && !redaction(key).contains(encoded)) {
            throw new AssertionError("toString() shows the key");
        }
    }

    /** The fixed text of a redacted {@code toString()}, which a raw secret may happen to be part of. */
    private static String redaction(Object key) {
        return key instanceof SigningKeyPair ? "SigningKeyPair[whsk_***, public=" : "WebhookSecret[raw ***][whsec_***]";
    }
}
