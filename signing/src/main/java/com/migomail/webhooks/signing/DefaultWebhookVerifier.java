package com.migomail.webhooks.signing;

import static com.migomail.webhooks.signing.WebhookHeaders.MIGOMAIL_SIGNATURE;
import static com.migomail.webhooks.signing.WebhookHeaders.WEBHOOK_ID;
import static com.migomail.webhooks.signing.WebhookHeaders.WEBHOOK_SIGNATURE;
import static com.migomail.webhooks.signing.WebhookHeaders.WEBHOOK_TIMESTAMP;
import static com.migomail.webhooks.signing.WebhookVerificationException.Reason.HEADER_TOO_LARGE;
import static com.migomail.webhooks.signing.WebhookVerificationException.Reason.MALFORMED_HEADER;
import static com.migomail.webhooks.signing.WebhookVerificationException.Reason.MISSING_HEADER;
import static com.migomail.webhooks.signing.WebhookVerificationException.Reason.NO_MATCHING_SIGNATURE;
import static com.migomail.webhooks.signing.WebhookVerificationException.Reason.SCHEME_CONFUSION;
import static com.migomail.webhooks.signing.WebhookVerificationException.Reason.TIMESTAMP_TOO_NEW;
import static com.migomail.webhooks.signing.WebhookVerificationException.Reason.TIMESTAMP_TOO_OLD;

import com.migomail.webhooks.signing.internal.HeaderValues;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** The verifier built by {@link WebhookVerifier.Builder}; immutable and thread-safe. */
final class DefaultWebhookVerifier implements WebhookVerifier {
    private static final String RAW_BODY_HINT = " Check that the key is the endpoint's current one and that the body"
            + " given to verify is the raw request body, byte for byte (not parsed and re-serialized JSON).";

    private final List<WebhookSecret> secrets;
    private final List<WebhookPublicKey> publicKeys;
    private final Duration tolerance;
    private final long toleranceSeconds;
    private final Clock clock;
    private final boolean acceptsStandard;
    private final boolean acceptsMigomail;

    DefaultWebhookVerifier(List<VerificationKey> keys, Duration tolerance, Clock clock, Set<SignatureScheme> schemes) {
        this.secrets = keys.stream().filter(WebhookSecret.class::isInstance).map(WebhookSecret.class::cast).toList();
        this.publicKeys = keys.stream().filter(WebhookPublicKey.class::isInstance).map(WebhookPublicKey.class::cast).toList();
        this.tolerance = tolerance;
        this.toleranceSeconds = tolerance.getSeconds();
        this.clock = clock;
        this.acceptsStandard = schemes.contains(SignatureScheme.STANDARD_WEBHOOKS);
        this.acceptsMigomail = schemes.contains(SignatureScheme.MIGOMAIL);
    }

    @Override
    public void verify(Map<String, List<String>> headers, byte[] body) {
        Objects.requireNonNull(headers, "headers cannot be null");
        Objects.requireNonNull(body, "body cannot be null");
        SignatureHeaderValues values = SignatureHeaderValues.of(headers);
        if (acceptsStandard && (!acceptsMigomail || values.hasAnyStandard())) {
            verifyStandard(values, body);
        } else {
            verifyMigomail(values, body);
        }
    }

    private void verifyStandard(SignatureHeaderValues headers, byte[] body) {
        requireStandardHeaders(headers);
        requireWithinLength(WEBHOOK_ID, headers.id());
        requireWithinLength(WEBHOOK_TIMESTAMP, headers.timestamp());
        requireWithinLength(WEBHOOK_SIGNATURE, headers.signature());
        String id = requireValidId(singleValue(WEBHOOK_ID, headers.id()));
        String timestamp = singleTimestamp(headers.timestamp());
        requireWithinTolerance(parseTimestamp(timestamp));
        StandardSignatures signatures = StandardSignatures.parse(headers.signature());
        byte[][] content = SignedContent.of(id, timestamp, body);
        if (!matchesV1(signatures, content) && !matchesV1a(signatures, content)) {
            throw new WebhookVerificationException(NO_MATCHING_SIGNATURE, "no signature in webhook-signature matches: it has "
                    + signatures.describe() + ", and this verifier holds " + secrets.size() + " secret(s) for v1 and "
                    + publicKeys.size() + " public key(s) for v1a." + RAW_BODY_HINT);
        }
    }

    private boolean matchesV1(StandardSignatures signatures, byte[][] content) {
        boolean matched = false;
        if (!signatures.v1().isEmpty()) {
            for (WebhookSecret secret : secrets) {
                byte[] expected = secret.hmac(content);
                for (byte[] candidate : signatures.v1()) {
                    matched |= MessageDigest.isEqual(expected, candidate);
                }
            }
        }
        return matched;
    }

    private boolean matchesV1a(StandardSignatures signatures, byte[][] content) {
        for (WebhookPublicKey key : publicKeys) {
            for (byte[] candidate : signatures.v1a()) {
                if (key.verifies(candidate, content)) {
                    return true;
                }
            }
        }
        return false;
    }

    private void verifyMigomail(SignatureHeaderValues headers, byte[] body) {
        List<String> values = headers.migomail();
        if (values.isEmpty()) {
            throw new WebhookVerificationException(MISSING_HEADER,
                    "the request has no " + MIGOMAIL_SIGNATURE + " header" + missingMigomailHint(headers));
        }
        requireWithinLength(MIGOMAIL_SIGNATURE, values);
        List<byte[]> candidates = MigomailSignatures.parse(values);
        if (secrets.isEmpty()) {
            throw new WebhookVerificationException(NO_MATCHING_SIGNATURE, MIGOMAIL_SIGNATURE
                    + " is checked with a symmetric secret, and this verifier holds only whpk_ public keys");
        }
        if (SignedContent.looksSigned(body)) {
            throw new WebhookVerificationException(SCHEME_CONFUSION, MIGOMAIL_SIGNATURE + " is not accepted for a"
                    + " body that begins like Standard Webhooks signed content (<webhook-id>.<digits>.): the body-only"
                    + " MAC of such a body is also a v1 signature of another request, and no Migomail signer sends"
                    + " one. Check that the body given to verify is the raw request body.");
        }
        boolean matched = false;
        for (WebhookSecret secret : secrets) {
            byte[] expected = secret.hmac(body);
            for (byte[] candidate : candidates) {
                matched |= MessageDigest.isEqual(expected, candidate);
            }
        }
        if (!matched) {
            throw new WebhookVerificationException(NO_MATCHING_SIGNATURE, "no signature in " + MIGOMAIL_SIGNATURE
                    + " matches: it has " + candidates.size() + " sha256 signature(s), and this verifier holds "
                    + secrets.size() + " secret(s)." + RAW_BODY_HINT);
        }
    }

    private String missingMigomailHint(SignatureHeaderValues headers) {
        if (acceptsStandard) {
            return " and no webhook-id, webhook-timestamp or webhook-signature header; check that no proxy drops them";
        }
        if (headers.hasAnyStandard()) {
            return "; it has Standard Webhooks headers, which this verifier accepts only with"
                    + " SignatureScheme.STANDARD_WEBHOOKS; check that no proxy drops them";
        }
        return "; check that no proxy drops it";
    }

    private void requireStandardHeaders(SignatureHeaderValues headers) {
        if (!headers.id().isEmpty() && !headers.timestamp().isEmpty() && !headers.signature().isEmpty()) {
            return;
        }
        List<String> missing = new ArrayList<>(3);
        addIfEmpty(missing, WEBHOOK_ID, headers.id());
        addIfEmpty(missing, WEBHOOK_TIMESTAMP, headers.timestamp());
        addIfEmpty(missing, WEBHOOK_SIGNATURE, headers.signature());
        boolean bodyOnly = missing.size() == 3 && !headers.migomail().isEmpty();
        String hint = bodyOnly && !acceptsMigomail
                ? "; it has " + MIGOMAIL_SIGNATURE + ", which this verifier accepts only with SignatureScheme.MIGOMAIL"
                : "; every Migomail request carries webhook-id, webhook-timestamp and webhook-signature:"
                + " check that no proxy or framework drops them";
        throw new WebhookVerificationException(MISSING_HEADER,
                "the request has no " + String.join(", ", missing) + " header" + hint);
    }

    /**
     * Refuses a header longer than {@link WebhookHeaders#MAX_HEADER_LENGTH}, its values counted with
     * one separator between them, before anything reads it.
     */
    private static void requireWithinLength(String name, List<String> values) {
        long length = -1;
        for (String value : values) {
            length += value.length() + 1L;
            if (length > WebhookHeaders.MAX_HEADER_LENGTH) {
                throw new WebhookVerificationException(HEADER_TOO_LARGE, name + " is longer than "
                        + WebhookHeaders.MAX_HEADER_LENGTH + " characters, all its values together; a verifier reads"
                        + " at most " + WebhookHeaders.MAX_HEADER_LENGTH);
            }
        }
    }

    /** The id, if {@link SignedContent#isValidId} accepts it. */
    private static String requireValidId(String id) {
        if (!SignedContent.isValidId(id)) {
            throw new WebhookVerificationException(MALFORMED_HEADER, "webhook-id must be " + SignedContent.idRule()
                    + ", not \"" + Printable.of(id) + "\"");
        }
        return id;
    }

    private static void addIfEmpty(List<String> missing, String name, List<String> values) {
        if (values.isEmpty()) {
            missing.add(name);
        }
    }

    /** The one distinct non-empty value (OWS-trimmed), or the error {@link #distinctValue} gives. */
    private static String singleValue(String name, List<String> values) {
        String single = null;
        for (String value : values) {
            String trimmed = HeaderValues.trimOws(value);
            if (!trimmed.isEmpty()) {
                if (single == null) {
                    single = trimmed;
                } else if (!single.equals(trimmed)) {
                    return distinctValue(name, values);
                }
            }
        }
        return single == null ? distinctValue(name, values) : single;
    }

    /** As {@link #singleValue}, over the values split on commas (a proxy may join repeated headers). */
    private static String singleTimestamp(List<String> values) {
        String single = null;
        for (String value : values) {
            int start = 0;
            while (start <= value.length()) {
                int comma = value.indexOf(',', start);
                int end = comma < 0 ? value.length() : comma;
                String trimmed = HeaderValues.trimOws(value.substring(start, end));
                if (!trimmed.isEmpty()) {
                    if (single == null) {
                        single = trimmed;
                    } else if (!single.equals(trimmed)) {
                        return distinctValue(WEBHOOK_TIMESTAMP, splitOnCommas(values));
                    }
                }
                start = end + 1;
            }
        }
        return single == null ? distinctValue(WEBHOOK_TIMESTAMP, splitOnCommas(values)) : single;
    }

    /** The slow path, taken only to refuse: counts the distinct values for the message. */
    private static String distinctValue(String name, List<String> values) {
        Set<String> distinct = values.stream().map(HeaderValues::trimOws).filter(v -> !v.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (distinct.isEmpty()) {
            throw new WebhookVerificationException(MALFORMED_HEADER, name + " is empty");
        }
        if (distinct.size() > 1) {
            throw new WebhookVerificationException(MALFORMED_HEADER,
                    name + " has " + distinct.size() + " different values; a request carries exactly one");
        }
        return distinct.iterator().next();
    }

    private static List<String> splitOnCommas(List<String> values) {
        return values.stream().flatMap(v -> List.of(v.split(",", -1)).stream()).toList();
    }

    private static long parseTimestamp(String timestamp) {
        if (timestamp.length() > 18 || !isDigits(timestamp)) {
            throw new WebhookVerificationException(MALFORMED_HEADER, "webhook-timestamp must be whole Unix seconds"
                    + " (1 to 18 digits), not \"" + Printable.of(timestamp) + "\"");
        }
        return Long.parseLong(timestamp);
    }

    private static boolean isDigits(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private void requireWithinTolerance(long timestamp) {
        Instant now = clock.instant();
        long difference = now.getEpochSecond() - timestamp;
        // Same as Duration.ofSeconds(difference).compareTo(tolerance) > 0: whole seconds against a
        // non-negative tolerance, whose fraction cannot tip an equal number of seconds over.
        if (difference > toleranceSeconds) {
            throw new WebhookVerificationException(TIMESTAMP_TOO_OLD, "webhook-timestamp " + timestamp + " is "
                    + difference + " s before the receiver's clock (" + now + "), beyond the tolerance of "
                    + tolerance.toSeconds() + " s: a replayed or long-delayed request, or a receiver clock that is off");
        }
        if (-difference > toleranceSeconds) {
            throw new WebhookVerificationException(TIMESTAMP_TOO_NEW, "webhook-timestamp " + timestamp + " is "
                    + -difference + " s after the receiver's clock (" + now + "), beyond the tolerance of "
                    + tolerance.toSeconds() + " s: " + (timestamp >= 100_000_000_000L
                    ? "it looks like milliseconds, but it must be seconds" : "is the receiver's clock behind?"));
        }
    }
}
