package com.migomail.webhooks.signing;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Coverage-guided fuzzing of {@link WebhookVerifier} (Jazzer). For any headers and body, under each
 * scheme configuration, {@code verify} returns or throws {@link WebhookVerificationException},
 * never another exception; it accepts a request only if one of its headers carries a signature
 * that {@link WebhookSigner} makes with one of the verifier's keys for that body (and, for Standard
 * Webhooks, for one of the request's ids and timestamps within the tolerance); and it accepts every
 * request the signer signed with one of its keys within the tolerance (for the body-only scheme,
 * every such request whose body begins like an event). And neither scheme's MAC passes for the
 * other's: every configuration refuses the body-only MAC of a body presented as a {@code v1}
 * signature of a split of it, and a {@code v1} signature presented as the body-only MAC of
 * {@code id.ts.body} (README, "Signatures: one key, two schemes, no confusion").
 *
 * <p>Plain {@code mvn verify} replays the inputs under {@code WebhookVerifierFuzzTestInputs/verify}
 * in the test resources; the {@code fuzz} profile of the parent pom fuzzes (see the README).
 *
 * <p>The input, as a {@link FuzzedDataProvider} reads it: numbers are taken from its end, the last
 * byte first; text and the body from its start.
 * <ol>
 *   <li>Last byte: the verifier, an index into {@link #VERIFIERS}.
 *   <li>The byte before: the kind of request. {@code 0}: the rest of the input is a request as
 *       text, header lines {@code name: value} (or {@code name} alone for a null value, or
 *       {@code : value} for a null name) separated by {@code \n}, an empty line, then the body;
 *       the seeds of this kind are real requests. {@code 1}: a request the signer signs, as chosen
 *       by the next numbers. {@code 2}: the same, then changed in one place. {@code 3}: the two
 *       cross-scheme forgeries of {@link #confuseSchemes}, presented to every verifier.
 *   <li>For kinds 1 to 3, going on backwards: the signing keys, a 1-byte bit mask over
 *       {@link #SIGNING_KEYS} ({@code 0} counts as {@code 1}); the timestamp, 2 bytes, seconds after
 *       {@link #NOW} (0 to 400, or {@code -400 + n % 801} above 400); the id, 1 byte ({@code 0} a
 *       TypeID, {@code 1} a Svix id, {@code 2} text read from the start of the input up to a
 *       backslash followed by another character, both dropped ({@code \\} is one backslash)); for
 *       kind 2, the change (1 byte), where (4 bytes) and a character (2 bytes); for kind 3, the
 *       number of zeros before the cut's digits (1 byte, 0 to 3) and whether the forged body-only
 *       request keeps the signer's {@code webhook-*} headers (1 byte, its lowest bit), then from the
 *       start the text before the cut, read as the id text is. The rest of the start is the body.
 * </ol>
 */
class WebhookVerifierFuzzTest {
    /** The time of the Standard Webhooks and Svix test vectors (WIRE.md), so that they verify. */
    static final long NOW = 1_614_265_330L;
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);

    /** The symmetric vector's secret (WIRE.md). */
    static final WebhookSecret SECRET = WebhookSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    /** GitHub's vector secret, raw (WIRE.md). */
    static final WebhookSecret RAW_SECRET = WebhookSecret.parse("It's a Secret to Everybody");
    /** Svix's Ed25519 vector key pair (WIRE.md). */
    static final SigningKeyPair PAIR = SigningKeyPair.parse(
            "whsk_6Xb/dCcHpPea21PS1N9VY/NZW723CEc77N4rJCubMbfVKIDij2HKpMKkioLlX0dRqSKJp4AJ6p9lMicMFs6Kvg==");
    /** A key that no verifier holds. */
    static final WebhookSecret STRANGER = WebhookSecret.ofBytes(new byte[32]);
    static final List<SigningKey> SIGNING_KEYS = List.of(SECRET, PAIR, RAW_SECRET, STRANGER);

    static final List<Verifier> VERIFIERS = List.of(
            new Verifier(List.of(SECRET), List.of(PAIR), true, false, Duration.ofMinutes(5)),
            new Verifier(List.of(SECRET, RAW_SECRET), List.of(), false, true, Duration.ofMinutes(5)),
            new Verifier(List.of(SECRET, RAW_SECRET), List.of(PAIR), true, true, Duration.ofMinutes(5)),
            new Verifier(List.of(), List.of(PAIR), true, false, Duration.ZERO),
            new Verifier(List.of(RAW_SECRET), List.of(), true, true, Duration.ofSeconds(90)));

    private static final List<String> IDS = List.of("evt_01j8x4k7q3c9v2m5n8p0r6s1td", "msg_p5jXN8AQM9LWM0D4loKWxJek");
    /** Longest text before the cut of kind 3, in characters. */
    private static final int MAX_PREFIX = 512;
    /** Most cuts of one body tried by kind 3. */
    private static final int MAX_CUTS = 16;

    @FuzzTest
    void verify(FuzzedDataProvider data) {
        Verifier verifier = data.pickValue(VERIFIERS);
        int kind = data.consumeInt(0, 3);
        if (kind == 0) {
            Request request = Request.parse(data.consumeRemainingAsBytes());
            verifier.check(request.headers, request.body);
            return;
        }
        List<SigningKey> keys = keys(data.consumeInt(1, (1 << SIGNING_KEYS.size()) - 1));
        long timestamp = NOW + data.consumeInt(-400, 400);
        int idChoice = data.consumeInt(0, IDS.size());
        String id = idChoice < IDS.size() ? IDS.get(idChoice) : data.consumeString(64);
        if (kind == 3) {
            confuseSchemes(data, keys, timestamp, id);
            return;
        }
        if (kind == 1) {
            byte[] body = data.consumeRemainingAsBytes();
            Map<String, List<String>> headers = signed(id, timestamp, body, keys);
            if (headers != null) {
                verifier.checkSigned(headers, body, keys, timestamp);
            }
            return;
        }
        int change = data.consumeInt(0, 3);
        int where = data.consumeInt(0, Integer.MAX_VALUE);
        char character = data.consumeChar();
        byte[] body = data.consumeRemainingAsBytes();
        Map<String, List<String>> headers = signed(id, timestamp, body, keys);
        if (headers == null) {
            return;
        }
        if (change == 0) {
            verifier.checkRefused(headers, flipOneBit(body, where));
        } else {
            verifier.check(changeOneHeader(headers, change, where, character), body);
        }
    }

    /**
     * Kind 3: each HMAC scheme's MAC presented as the other's, under the same keys, which every
     * verifier configuration must refuse (each forgery carries a real MAC under keys they hold).
     * <ol>
     *   <li>A body-only MAC as {@code v1}: the signer signs the body {@code B = prefix.digits.body}
     *       (digits: the timestamp, after the zeros), and its {@code X-Migomail-Signature} MACs are
     *       sent as {@code v1,<base64>} with id, timestamp and body cut out of {@code B} at each
     *       {@code .digits.} in it (the built one and any in prefix or body). When the signer sends
     *       no body-only MAC ({@code B} begins like signed content), there is nothing to forge.
     *   <li>A {@code v1} signature as a body-only MAC: the signer signs (id, timestamp, body), and
     *       its {@code v1} MACs are sent as {@code X-Migomail-Signature: sha256=<hex>} of the body
     *       {@code id.timestamp.body}, alone or with the signer's {@code webhook-*} headers.
     * </ol>
     */
    private static void confuseSchemes(FuzzedDataProvider data, List<SigningKey> keys, long timestamp, String id) {
        String digits = "0".repeat(data.consumeInt(0, 3)) + timestamp;
        boolean keepStandardHeaders = data.consumeBoolean();
        String prefix = data.consumeString(MAX_PREFIX);
        byte[] body = data.consumeRemainingAsBytes();

        byte[] cutBody = concat(prefix.getBytes(UTF_8), ("." + digits + ".").getBytes(US_ASCII), body);
        String bodyOnly = WebhookSigner.create().sign(IDS.get(0), NOW, cutBody, keys).migomailSignature();
        if (bodyOnly != null) {
            String asV1 = convert(bodyOnly, "sha256=", "v1,");
            for (int[] cut : cuts(cutBody)) {
                Map<String, List<String>> forged = new LinkedHashMap<>();
                forged.put(WebhookHeaders.WEBHOOK_ID, List.of(new String(cutBody, 0, cut[0], ISO_8859_1)));
                forged.put(WebhookHeaders.WEBHOOK_TIMESTAMP,
                        List.of(new String(cutBody, cut[0] + 1, cut[1] - cut[0] - 1, ISO_8859_1)));
                forged.put(WebhookHeaders.WEBHOOK_SIGNATURE, List.of(asV1));
                byte[] forgedBody = Arrays.copyOfRange(cutBody, cut[1] + 1, cutBody.length);
                for (Verifier verifier : VERIFIERS) {
                    verifier.checkForgeryRefused(forged, forgedBody, "a body-only MAC as v1");
                }
            }
        }

        Map<String, List<String>> sent = signed(id, timestamp, body, keys);
        String v1 = sent == null ? null : convert(sent.get(WebhookHeaders.WEBHOOK_SIGNATURE).get(0), "v1,", "sha256=");
        if (v1 != null) {
            Map<String, List<String>> forged = new LinkedHashMap<>();
            if (keepStandardHeaders) {
                sent.remove(WebhookHeaders.MIGOMAIL_SIGNATURE);
                forged.putAll(sent);
            }
            forged.put(WebhookHeaders.MIGOMAIL_SIGNATURE, List.of(v1));
            byte[] forgedBody = concat((id + "." + timestamp + ".").getBytes(US_ASCII), body);
            for (Verifier verifier : VERIFIERS) {
                verifier.checkForgeryRefused(forged, forgedBody, "a v1 MAC as the body-only MAC of id.ts.body");
            }
        }
    }

    /**
     * The HMAC entries of a header the signer wrote ({@code sha256=<hex>} or {@code v1,<base64>},
     * space-separated), as entries of the other scheme, space-separated; null if it has none.
     */
    private static String convert(String header, String from, String to) {
        List<String> converted = new ArrayList<>();
        for (String entry : header.split(" ")) {
            if (entry.startsWith(from)) {
                String mac = entry.substring(from.length());
                byte[] bytes = from.equals("v1,") ? Base64.getDecoder().decode(mac) : HexFormat.of().parseHex(mac);
                converted.add(to + (to.equals("v1,") ? Base64.getEncoder().encodeToString(bytes)
                        : HexFormat.of().formatHex(bytes)));
            }
        }
        return converted.isEmpty() ? null : String.join(" ", converted);
    }

    /** Up to {@link #MAX_CUTS} places {@code .digits.} in the body: the positions of their two dots. */
    private static List<int[]> cuts(byte[] body) {
        List<int[]> cuts = new ArrayList<>();
        for (int dot = 0; dot < body.length && cuts.size() < MAX_CUTS; dot++) {
            if (body[dot] != '.') {
                continue;
            }
            int end = dot + 1;
            while (end < body.length && body[end] >= '0' && body[end] <= '9') {
                end++;
            }
            if (end > dot + 1 && end < body.length && body[end] == '.') {
                cuts.add(new int[] {dot, end});
            }
        }
        return cuts;
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] joined = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, joined, at, part.length);
            at += part.length;
        }
        return joined;
    }

    private static List<SigningKey> keys(int mask) {
        List<SigningKey> keys = new ArrayList<>();
        for (int i = 0; i < SIGNING_KEYS.size(); i++) {
            if ((mask & 1 << i) != 0) {
                keys.add(SIGNING_KEYS.get(i));
            }
        }
        return keys;
    }

    /** The signer's headers as a receiver gets them, or null if the signer refuses the id. */
    private static Map<String, List<String>> signed(String id, long timestamp, byte[] body, List<SigningKey> keys) {
        SignatureHeaders signed;
        try {
            signed = WebhookSigner.create().sign(id, timestamp, body, keys);
        } catch (IllegalArgumentException refusedId) {
            return null; // documented: an id the signer refuses is never sent
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        signed.asMap().forEach((name, value) -> headers.put(name, new ArrayList<>(List.of(value))));
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

    /** Change 1 replaces one character of one header value, 2 drops one header, 3 inserts one character. */
    private static Map<String, List<String>> changeOneHeader(Map<String, List<String>> headers, int change, int where,
            char character) {
        List<String> names = new ArrayList<>(headers.keySet());
        String name = names.get(where % names.size());
        if (change == 2) {
            headers.remove(name);
            return headers;
        }
        String value = headers.get(name).get(0);
        int at = where / names.size() % (value.length() + 1);
        String changed;
        if (change == 3) {
            changed = value.substring(0, at) + character + value.substring(at);
        } else {
            int index = Math.min(at, value.length() - 1);
            char replacement = character == value.charAt(index) ? (char) (character ^ 1) : character;
            changed = value.substring(0, index) + replacement + value.substring(index + 1);
        }
        headers.put(name, new ArrayList<>(List.of(changed)));
        return headers;
    }

    /** A request read from text: header lines, an empty line, the body. */
    static final class Request {
        final Map<String, List<String>> headers = new LinkedHashMap<>();
        final byte[] body;

        private Request(byte[] input) {
            int start = 0;
            while (start < input.length) {
                int end = indexOf(input, (byte) '\n', start);
                if (end == start) {
                    start++;
                    break;
                }
                addHeader(new String(input, start, end - start, UTF_8));
                start = end + 1;
            }
            body = Arrays.copyOfRange(input, Math.min(start, input.length), input.length);
        }

        static Request parse(byte[] input) {
            return new Request(input);
        }

        private void addHeader(String line) {
            int colon = line.indexOf(':');
            String name = colon < 0 ? line : colon == 0 ? null : line.substring(0, colon);
            String value = colon < 0 ? null : line.substring(line.startsWith(": ", colon) ? colon + 2 : colon + 1);
            headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }

        private static int indexOf(byte[] input, byte wanted, int from) {
            for (int i = from; i < input.length; i++) {
                if (input[i] == wanted) {
                    return i;
                }
            }
            return input.length;
        }
    }

    /**
     * One verifier configuration with its keys, and what it must and must not accept. A request
     * counts as signed when one of its signature headers contains, as text, what the signer writes
     * for the body with one of the keys (for Standard Webhooks: for one of the request's ids and
     * canonical timestamps within the tolerance): a superset of what a correct verifier accepts,
     * since no input can contain such a signature unless the signer made it.
     */
    static final class Verifier {
        private static final List<String> SECRET_TEXTS = List.of("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                RAW_SECRET.encoded());

        private final List<WebhookSecret> secrets;
        private final List<SigningKeyPair> pairs;
        private final boolean standard;
        private final boolean migomail;
        private final long toleranceSeconds;
        private final WebhookVerifier verifier;

        Verifier(List<WebhookSecret> secrets, List<SigningKeyPair> pairs, boolean standard, boolean migomail,
                Duration tolerance) {
            this.secrets = secrets;
            this.pairs = pairs;
            this.standard = standard;
            this.migomail = migomail;
            this.toleranceSeconds = tolerance.getSeconds();
            WebhookVerifier.Builder builder = WebhookVerifier.builder().keys(secrets).clock(CLOCK).tolerance(tolerance);
            pairs.forEach(pair -> builder.key(pair.publicKey()));
            if (standard && migomail) {
                builder.schemes(SignatureScheme.STANDARD_WEBHOOKS, SignatureScheme.MIGOMAIL);
            } else {
                builder.schemes(standard ? SignatureScheme.STANDARD_WEBHOOKS : SignatureScheme.MIGOMAIL);
            }
            this.verifier = builder.build();
        }

        /** Any request: refused, or carrying a signature made with one of the keys. */
        void check(Map<String, List<String>> headers, byte[] body) {
            if (accepts(headers, body) && !isSigned(headers, body)) {
                throw new AssertionError("accepted a request that none of its keys signed: " + headers);
            }
        }

        /** A signed request whose body was changed: refused, since every scheme covers the body. */
        void checkRefused(Map<String, List<String>> headers, byte[] body) {
            if (accepts(headers, body)) {
                throw new AssertionError("accepted a signed request whose body was changed: " + headers);
            }
        }

        /** A request made of one scheme's MAC presented as the other's: refused. */
        void checkForgeryRefused(Map<String, List<String>> headers, byte[] body, String forgery) {
            if (accepts(headers, body)) {
                throw new AssertionError(this + " accepted " + forgery + ": " + headers + ", body "
                        + new String(body, UTF_8));
            }
        }

        /**
         * A request as the signer made it: accepted exactly when a key is shared and (for Standard
         * Webhooks) the time is within the tolerance. Judged by the body-only scheme, that is
         * asserted only for a body that begins like an event, {@code {}: the verifier may refuse
         * other bodies to keep the two schemes from being confused.
         */
        void checkSigned(Map<String, List<String>> headers, byte[] body, List<SigningKey> keys, long timestamp) {
            if (!standard && (body.length == 0 || body[0] != '{')) {
                check(headers, body);
                return;
            }
            boolean expected = standard
                    ? Math.abs(timestamp - NOW) <= toleranceSeconds
                            && keys.stream().anyMatch(key -> secrets.contains(key) || pairs.contains(key))
                    : keys.stream().anyMatch(secrets::contains);
            if (accepts(headers, body) != expected) {
                throw new AssertionError((expected ? "refused" : "accepted") + " a request signed at "
                        + timestamp + " with " + keys + ": " + headers);
            }
        }

        /**
         * Whether {@code verify} returns (true) or throws the typed exception (false); any other
         * exception propagates, a finding. A body that is UTF-8 gives the same answer as a string.
         */
        private boolean accepts(Map<String, List<String>> headers, byte[] body) {
            boolean accepted = acceptsBytes(headers, body);
            String text = new String(body, UTF_8);
            if (Arrays.equals(text.getBytes(UTF_8), body) && acceptsText(headers, text) != accepted) {
                throw new AssertionError("verify(headers, String) disagrees with verify(headers, byte[]): " + headers);
            }
            return accepted;
        }

        private boolean acceptsBytes(Map<String, List<String>> headers, byte[] body) {
            try {
                verifier.verify(headers, body);
                return true;
            } catch (WebhookVerificationException refused) {
                requireSafeMessage(refused, headers);
                return false;
            }
        }

        private boolean acceptsText(Map<String, List<String>> headers, String body) {
            try {
                verifier.verify(headers, body);
                return true;
            } catch (WebhookVerificationException refused) {
                return false;
            }
        }

        /** A reason, a message, and no secret in it unless the request itself carried that text. */
        private static void requireSafeMessage(WebhookVerificationException refused, Map<String, List<String>> headers) {
            String message = refused.getMessage();
            if (refused.reason() == null || message == null || message.isEmpty()) {
                throw new AssertionError("refused without a reason or message", refused);
            }
            for (String secret : SECRET_TEXTS) {
                if (message.contains(secret) && !String.valueOf(headers).contains(secret)) {
                    throw new AssertionError("the message reveals a secret", refused);
                }
            }
        }

        private boolean isSigned(Map<String, List<String>> headers, byte[] body) {
            return migomail && hasMigomailSignature(headers, body) || standard && hasStandardSignature(headers, body);
        }

        private boolean hasMigomailSignature(Map<String, List<String>> headers, byte[] body) {
            List<String> values = values(headers, WebhookHeaders.MIGOMAIL_SIGNATURE);
            for (WebhookSecret secret : secrets) {
                String expected = WebhookSigner.create().sign(IDS.get(0), NOW, body, List.of(secret)).migomailSignature();
                if (values.stream().anyMatch(value -> value.contains(expected))) {
                    return true;
                }
            }
            return false;
        }

        private boolean hasStandardSignature(Map<String, List<String>> headers, byte[] body) {
            List<String> signatures = values(headers, WebhookHeaders.WEBHOOK_SIGNATURE);
            List<SigningKey> keys = new ArrayList<>(secrets);
            keys.addAll(pairs);
            for (String id : values(headers, WebhookHeaders.WEBHOOK_ID)) {
                for (long timestamp : timestamps(headers)) {
                    for (SigningKey key : keys) {
                        String expected = standardSignature(id.strip(), timestamp, body, key);
                        if (expected != null && signatures.stream().anyMatch(value -> value.contains(expected))) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }

        /** The signer's {@code v1,…} or {@code v1a,…} entry without its padding, or null if it refuses the id. */
        private static String standardSignature(String id, long timestamp, byte[] body, SigningKey key) {
            try {
                String entry = WebhookSigner.create().sign(id, timestamp, body, List.of(key)).webhookSignature();
                return entry.replace("=", "");
            } catch (IllegalArgumentException refusedId) {
                return null;
            }
        }

        /** Every canonical timestamp within the tolerance, from the values split on commas. */
        private List<Long> timestamps(Map<String, List<String>> headers) {
            List<Long> timestamps = new ArrayList<>();
            for (String value : values(headers, WebhookHeaders.WEBHOOK_TIMESTAMP)) {
                for (String part : value.split(",", -1)) {
                    String text = part.strip();
                    if (!text.isEmpty() && text.length() <= 18 && text.chars().allMatch(c -> c >= '0' && c <= '9')
                            && Long.toString(Long.parseLong(text)).equals(text)
                            && Math.abs(Long.parseLong(text) - NOW) <= toleranceSeconds) {
                        timestamps.add(Long.parseLong(text));
                    }
                }
            }
            return timestamps;
        }

        /** The values of a header, names matched after trimming and ignoring case. */
        private static List<String> values(Map<String, List<String>> headers, String name) {
            List<String> values = new ArrayList<>();
            headers.forEach((key, list) -> {
                if (key != null && list != null && key.trim().equalsIgnoreCase(name)) {
                    list.stream().filter(value -> value != null).forEach(values::add);
                }
            });
            return values;
        }

        @Override
        public String toString() {
            return (standard ? "standard " : "") + (migomail ? "migomail " : "") + secrets + pairs;
        }
    }
}
