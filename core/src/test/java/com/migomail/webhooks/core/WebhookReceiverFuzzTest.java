package com.migomail.webhooks.core;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.migomail.webhooks.signing.SigningKey;
import com.migomail.webhooks.signing.SigningKeyPair;
import com.migomail.webhooks.signing.WebhookSecret;
import com.migomail.webhooks.signing.WebhookSigner;
import com.migomail.webhooks.signing.WebhookVerificationException;
import com.migomail.webhooks.signing.WebhookVerifier;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Coverage-guided fuzzing of {@link WebhookReceiver} end to end (Jazzer): a request signed with
 * one of the receiver's keys gives the event {@link EventCodec#read} gives for its body, or the same
 * {@link EventFormatException}; a signed request whose body or signature header was changed is
 * refused with {@link WebhookVerificationException} before its body is parsed; nothing else escapes.
 *
 * <p>The input, as a {@link FuzzedDataProvider} reads it: the last byte is the kind ({@code 0}
 * signed, {@code 1} signed then one bit of the body flipped, {@code 2} signed then one character of
 * {@code webhook-signature} changed); the byte before picks the key ({@code 0} a secret,
 * {@code 1} an Ed25519 key pair); for kinds 1 and 2, 4 more bytes say where; the rest, from the
 * start, is the body. The seeds under {@code WebhookReceiverFuzzTestInputs/receive} are the golden
 * events of the 12 types, signed. Plain {@code mvn verify} replays them; the {@code fuzz} profile
 * fuzzes.
 */
class WebhookReceiverFuzzTest {
    private static final Instant NOW = Instant.parse("2025-01-15T14:22:40Z");
    private static final WebhookSecret SECRET = WebhookSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    private static final SigningKeyPair PAIR = SigningKeyPair.parse(
            "whsk_6Xb/dCcHpPea21PS1N9VY/NZW723CEc77N4rJCubMbfVKIDij2HKpMKkioLlX0dRqSKJp4AJ6p9lMicMFs6Kvg==");
    private static final List<SigningKey> KEYS = List.of(SECRET, PAIR);
    private static final WebhookReceiver RECEIVER = WebhookReceiver.create(WebhookVerifier.builder()
            .key(SECRET)
            .key(PAIR.publicKey())
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .build());

    @FuzzTest
    void receive(FuzzedDataProvider data) {
        int kind = data.consumeInt(0, 2);
        SigningKey key = data.pickValue(KEYS);
        int where = kind == 0 ? 0 : data.consumeInt(0, Integer.MAX_VALUE);
        byte[] body = data.consumeRemainingAsBytes();
        Map<String, List<String>> headers = signed(body, key);
        if (kind == 0) {
            requireSameAsTheCodec(headers, body);
        } else if (kind == 1) {
            requireRefused(headers, flipOneBit(body, where));
        } else {
            String signature = headers.get("webhook-signature").get(0);
            int at = where % signature.length();
            char changed = (char) (signature.charAt(at) ^ (1 << (where >>> 24) % 7));
            headers.put("webhook-signature", List.of(signature.substring(0, at) + changed + signature.substring(at + 1)));
            requireRefused(headers, body);
        }
    }

    /** Accepted: the receiver's answer is the codec's, event or format error. */
    private static void requireSameAsTheCodec(Map<String, List<String>> headers, byte[] body) {
        WebhookEvent expected;
        String expectedError;
        try {
            expected = EventCodec.read(body);
            expectedError = null;
        } catch (EventFormatException refused) {
            expected = null;
            expectedError = refused.getMessage();
        }
        try {
            WebhookEvent received = RECEIVER.receive(headers, body);
            if (!received.equals(expected)) {
                throw new AssertionError("received " + received + " but the codec reads " + expected);
            }
        } catch (EventFormatException refused) {
            if (!Objects.equals(refused.getMessage(), expectedError)) {
                throw new AssertionError("the receiver refused a signed body that the codec reads: " + expected, refused);
            }
        } catch (WebhookVerificationException refused) {
            throw new AssertionError("refused a request signed with one of its keys", refused);
        }
    }

    private static void requireRefused(Map<String, List<String>> headers, byte[] body) {
        try {
            RECEIVER.receive(headers, body);
        } catch (WebhookVerificationException refused) {
            return;
        } catch (EventFormatException parsed) {
            throw new AssertionError("parsed the body of a request that does not verify", parsed);
        }
        throw new AssertionError("accepted a changed request");
    }

    private static Map<String, List<String>> signed(byte[] body, SigningKey key) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of("application/json"));
        WebhookSigner.create().sign(Events.ID, NOW.getEpochSecond() - 5, body, List.of(key)).asMap()
                .forEach((name, value) -> headers.put(name, new ArrayList<>(List.of(value))));
        return headers;
    }

    private static byte[] flipOneBit(byte[] body, int where) {
        if (body.length == 0) {
            return new byte[] {(byte) where};
        }
        byte[] flipped = body.clone();
        flipped[where / 8 % body.length] ^= (byte) (1 << where % 8);
        return flipped;
    }
}
