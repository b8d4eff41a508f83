package com.migomail.webhooks.signing;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Verifies a received request against an endpoint's keys. Build one per endpoint (or per set of
 * keys) with {@link #builder()} and share it: implementations are immutable and thread-safe.
 *
 * <p>By default only Standard Webhooks is accepted ({@code webhook-id}, {@code webhook-timestamp},
 * {@code webhook-signature}), because only it stops a replayed request. A request passes when its
 * timestamp is within the tolerance of the clock and any {@code v1} signature matches any
 * {@link WebhookSecret}, or any {@code v1a} signature verifies with any {@link WebhookPublicKey}.
 * Signatures of other versions are ignored. Comparison is constant-time.
 *
 * <p>Both HMAC schemes use the same key, so each refuses what the other signs: {@code webhook-id}
 * must be 1 to {@value WebhookHeaders#MAX_ID_LENGTH} characters of {@code A-Z a-z 0-9 _ -}, and
 * {@code X-Migomail-Signature} is refused for a body that begins like signed content
 * ({@code <id characters>.<digits>.}). A signature header longer than
 * {@value WebhookHeaders#MAX_HEADER_LENGTH} characters or with more than
 * {@value WebhookHeaders#MAX_SIGNATURES} entries is refused before any signature is checked.
 */
public interface WebhookVerifier {

    /**
     * A new builder with the defaults: no keys, tolerance 5 minutes, system UTC clock, Standard
     * Webhooks only.
     *
     * @return a new, unshared builder
     */
    static Builder builder() {
        return new Builder();
    }

    /**
     * Verifies the signature headers against the raw body, or throws.
     *
     * @param headers request headers as servlet containers, Spring or the JDK give them: names
     *     case-insensitive, a header either repeated in the list or its values joined in one string;
     *     null names, lists and values are ignored
     * @param body the raw body, byte for byte as received (never re-serialized JSON)
     * @throws WebhookVerificationException with the {@link WebhookVerificationException.Reason} when
     *     the request is refused; never another exception for any header values or body
     * @throws NullPointerException if {@code headers} or {@code body} is null
     */
    void verify(Map<String, List<String>> headers, byte[] body);

    /**
     * Verifies a body received as a string; its UTF-8 bytes are what was signed. Prefer the
     * {@code byte[]} overload when the raw bytes are at hand.
     *
     * @param headers request headers, read as {@link #verify(Map, byte[])} reads them
     * @param body the body as received; its UTF-8 encoding must be the bytes that were signed
     * @throws WebhookVerificationException when the request is refused
     * @throws NullPointerException if {@code headers} or {@code body} is null
     * @see #verify(Map, byte[])
     */
    default void verify(Map<String, List<String>> headers, String body) {
        verify(headers, Objects.requireNonNull(body, "body cannot be null").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Configures a {@link WebhookVerifier}. Not thread-safe; {@link #build()} copies the
     * configuration, so a builder can be reused.
     *
     * <p>Defaults: no keys (at least one is required), {@linkplain #tolerance tolerance} 5 minutes,
     * {@linkplain #clock clock} {@link Clock#systemUTC()}, {@linkplain #schemes schemes}
     * {@link SignatureScheme#STANDARD_WEBHOOKS} only.
     */
    final class Builder {
        /** The default tolerance: 5 minutes either way. */
        public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

        private final List<VerificationKey> keys = new ArrayList<>();
        private Duration tolerance = DEFAULT_TOLERANCE;
        private Clock clock = Clock.systemUTC();
        private Set<SignatureScheme> schemes = EnumSet.of(SignatureScheme.STANDARD_WEBHOOKS);

        private Builder() {}

        /**
         * Adds a key: a secret or a public key. Several keys (a rotation) are all tried.
         *
         * @param key a {@link WebhookSecret} (checks {@code v1} and {@code X-Migomail-Signature}) or a
         *     {@link WebhookPublicKey} (checks {@code v1a})
         * @return this builder
         * @throws NullPointerException if {@code key} is null
         */
        public Builder key(VerificationKey key) {
            keys.add(Objects.requireNonNull(key, "key cannot be null"));
            return this;
        }

        /**
         * Adds an encoded key: {@code whsec_…}, {@code whpk_…} or a raw secret.
         *
         * @param encoded the key as written, parsed by {@link VerificationKey#parse} (a raw secret
         *     shorter than {@value WebhookSecret#MIN_RAW_LENGTH} bytes is refused: add
         *     {@link WebhookSecret#parseAllowingShortRawSecret} of it with {@link #key(VerificationKey)})
         * @return this builder
         * @throws NullPointerException if {@code encoded} is null
         * @throws InvalidKeyFormatException if it cannot be parsed (see {@link VerificationKey#parse})
         */
        public Builder key(String encoded) {
            return key(VerificationKey.parse(Objects.requireNonNull(encoded, "key cannot be null")));
        }

        /**
         * Adds several keys, in iteration order, after those already added.
         *
         * @param keys the keys to add, as {@link #key(VerificationKey)} adds each; may be empty
         * @return this builder
         * @throws NullPointerException if {@code keys} or one of them is null
         */
        public Builder keys(Collection<? extends VerificationKey> keys) {
            Objects.requireNonNull(keys, "keys cannot be null").forEach(this::key);
            return this;
        }

        /**
         * How far {@code webhook-timestamp} may be from the clock, either way; inclusive, in whole
         * seconds. Default 5 minutes.
         *
         * @param tolerance the largest accepted difference; zero accepts only the current second
         * @return this builder
         * @throws NullPointerException if {@code tolerance} is null
         * @throws IllegalArgumentException if it is negative
         */
        public Builder tolerance(Duration tolerance) {
            Objects.requireNonNull(tolerance, "tolerance cannot be null");
            if (tolerance.isNegative()) {
                throw new IllegalArgumentException("tolerance cannot be negative: " + tolerance);
            }
            this.tolerance = tolerance;
            return this;
        }

        /**
         * The clock timestamps are checked against. Default {@link Clock#systemUTC()}.
         *
         * @param clock the source of the current instant, read once per verification
         * @return this builder
         * @throws NullPointerException if {@code clock} is null
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock cannot be null");
            return this;
        }

        /**
         * The schemes to accept, replacing the default ({@link SignatureScheme#STANDARD_WEBHOOKS}).
         * With both, a request carrying any {@code webhook-*} header is judged by Standard Webhooks
         * alone; one without is judged by {@code X-Migomail-Signature}.
         *
         * @param first a scheme to accept
         * @param more further schemes to accept; repeats are ignored
         * @return this builder
         * @throws NullPointerException if a scheme is null
         */
        public Builder schemes(SignatureScheme first, SignatureScheme... more) {
            Set<SignatureScheme> chosen = EnumSet.of(Objects.requireNonNull(first, "schemes cannot contain null"));
            for (SignatureScheme scheme : Objects.requireNonNull(more, "schemes cannot be null")) {
                chosen.add(Objects.requireNonNull(scheme, "schemes cannot contain null"));
            }
            this.schemes = chosen;
            return this;
        }

        /**
         * A verifier of this configuration. The builder's keys are copied, so later changes to the
         * builder do not affect it.
         *
         * @return an immutable, thread-safe verifier
         * @throws IllegalStateException if no key was added, or only {@link SignatureScheme#MIGOMAIL}
         *     is accepted but no {@link WebhookSecret} was added (public keys cannot check it)
         */
        public WebhookVerifier build() {
            if (keys.isEmpty()) {
                throw new IllegalStateException("a verifier needs at least one key (whsec_ secret, raw secret or whpk_ public key)");
            }
            boolean hasSecret = keys.stream().anyMatch(WebhookSecret.class::isInstance);
            if (schemes.equals(EnumSet.of(SignatureScheme.MIGOMAIL)) && !hasSecret) {
                throw new IllegalStateException("scheme MIGOMAIL needs a symmetric secret; whpk_ public keys verify only v1a");
            }
            return new DefaultWebhookVerifier(keys, tolerance, clock, schemes);
        }
    }
}
