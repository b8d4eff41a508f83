package com.migomail.webhooks.portal.internal;

import com.migomail.webhooks.store.TenantId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Stateless sessions: the cookie carries {@code v1|tenant|expiry epoch second|session id}, signed
 * ({@code session} domain), so any portal node with the same key accepts it. A session's CSRF token
 * is base64url(HMAC(key, "csrf." + session id)). Thread-safe.
 */
final class Sessions {
    static final String COOKIE = "migomail_portal_session";
    private static final String DOMAIN = "session";

    /**
     * One session.
     *
     * @param tenant whose data it sees
     * @param id a random id, bound to its CSRF token
     * @param expiresAt when it ends
     */
    record Session(TenantId tenant, String id, Instant expiresAt) {
        Session {
            Objects.requireNonNull(tenant, "tenant cannot be null");
            Objects.requireNonNull(id, "id cannot be null");
            Objects.requireNonNull(expiresAt, "expiresAt cannot be null");
        }
    }

    private final Signer signer;
    private final Clock clock;
    private final Duration ttl;
    private final SecureRandom random = new SecureRandom();

    Sessions(Signer signer, Clock clock, Duration ttl) {
        this.signer = signer;
        this.clock = clock;
        this.ttl = ttl;
    }

    Session open(TenantId tenant) {
        byte[] id = new byte[16];
        random.nextBytes(id);
        // Whole seconds: the cookie carries epoch seconds, so the session read back is this one.
        Instant expiresAt = Instant.ofEpochSecond(clock.instant().plus(ttl).getEpochSecond());
        return new Session(tenant, Signer.encode(id), expiresAt);
    }

    String cookieValue(Session session) {
        return signer.sign(DOMAIN, "v1|" + session.tenant().value() + "|" + session.expiresAt().getEpochSecond()
                + "|" + session.id());
    }

    /** The session of a cookie value this key signed and that has not expired; else empty. */
    Optional<Session> read(String cookieValue) {
        Optional<String> payload = signer.verify(DOMAIN, cookieValue);
        if (payload.isEmpty()) {
            return Optional.empty();
        }
        String[] parts = payload.get().split("\\|", -1);
        if (parts.length != 4 || !parts[0].equals("v1")) {
            return Optional.empty();
        }
        try {
            Session session = new Session(TenantId.of(parts[1]), parts[3], Instant.ofEpochSecond(Long.parseLong(parts[2])));
            return clock.instant().isBefore(session.expiresAt()) ? Optional.of(session) : Optional.empty();
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }

    String csrfToken(Session session) {
        return signer.tag("csrf", session.id());
    }

    boolean csrfMatches(Session session, String header) {
        return MessageDigest.isEqual(csrfToken(session).getBytes(StandardCharsets.UTF_8),
                header.getBytes(StandardCharsets.UTF_8));
    }

    /** The Set-Cookie value: HttpOnly, SameSite=Strict, the mount path, Secure over https. */
    String setCookie(Session session, String mountPath, boolean secure) {
        long maxAge = Math.max(0, Duration.between(clock.instant(), session.expiresAt()).getSeconds());
        return COOKIE + "=" + cookieValue(session) + "; Path=" + (mountPath.isEmpty() ? "/" : mountPath)
                + "; Max-Age=" + maxAge + "; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }
}
