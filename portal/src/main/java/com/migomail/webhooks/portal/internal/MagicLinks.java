package com.migomail.webhooks.portal.internal;

import com.migomail.webhooks.store.TenantId;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issues and redeems magic-link tokens: signed ({@code link} domain), expiring, single-use. The
 * payload is {@code v1|tenant|expiry epoch second|nonce}; a redeemed nonce is remembered until its
 * link expires, so a second use fails on this instance. Thread-safe.
 */
public final class MagicLinks {
    private static final String DOMAIN = "link";

    private final Signer signer;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> usedNonces = new ConcurrentHashMap<>();

    MagicLinks(Signer signer, Clock clock) {
        this.signer = signer;
        this.clock = clock;
    }

    /**
     * A new token.
     *
     * @param tenant the tenant the session will see
     * @param ttl how long it stays valid
     * @return the token, URL-safe
     */
    public String issue(TenantId tenant, Duration ttl) {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        Instant expiry = clock.instant().plus(ttl);
        return signer.sign(DOMAIN, "v1|" + tenant.value() + "|" + expiry.getEpochSecond() + "|" + Signer.encode(nonce));
    }

    /** The tenant of a valid, unexpired token not used before, marking it used; else empty. */
    Optional<TenantId> redeem(String token) {
        Optional<Link> link = valid(token);
        if (link.isEmpty()) {
            return Optional.empty();
        }
        forgetExpired(link.get().now());
        return usedNonces.putIfAbsent(link.get().nonce(), link.get().expiry()) == null
                ? Optional.of(link.get().tenant()) : Optional.empty();
    }

    /**
     * The tenant of a valid, unexpired token not used before, leaving it unused: for HEAD, which must
     * not change state (a link scanner's HEAD must not use up the customer's link).
     */
    Optional<TenantId> check(String token) {
        return valid(token).filter(link -> !usedNonces.containsKey(link.nonce())).map(Link::tenant);
    }

    private Optional<Link> valid(String token) {
        Optional<String> payload = signer.verify(DOMAIN, token);
        if (payload.isEmpty()) {
            return Optional.empty();
        }
        String[] parts = payload.get().split("\\|", -1);
        if (parts.length != 4 || !parts[0].equals("v1")) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Instant expiry;
        TenantId tenant;
        try {
            expiry = Instant.ofEpochSecond(Long.parseLong(parts[2]));
            tenant = TenantId.of(parts[1]);
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
        if (!now.isBefore(expiry)) {
            return Optional.empty();
        }
        return Optional.of(new Link(tenant, expiry, parts[3], now));
    }

    /** A link whose signature and expiry passed, read at {@code now}. */
    private record Link(TenantId tenant, Instant expiry, String nonce, Instant now) {}

    // A used nonce need only be remembered while its link could still pass the expiry check.
    private void forgetExpired(Instant now) {
        usedNonces.values().removeIf(expiry -> !now.isBefore(expiry));
    }
}
