package com.migomail.webhooks.portal.internal;

import com.migomail.webhooks.delivery.WebhookSender;
import com.migomail.webhooks.portal.PortalAuthenticator;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.spec.SecretKeySpec;

/** A portal's settings, validated by its builder. Immutable. */
public final class PortalConfig {
    private final WebhookSender sender;
    private final Optional<PortalAuthenticator> authenticator;
    private final SecretKeySpec signingKey;
    private final Optional<URI> publicUrl;
    private final Duration sessionTtl;
    private final List<String> frameAncestors;
    private final Clock clock;

    /**
     * Takes the builder's settings.
     *
     * @param sender the sender
     * @param authenticator the host's authenticator, if any
     * @param signingKey the HMAC key's bytes, copied
     * @param publicUrl where the portal is mounted, if known
     * @param sessionTtl how long sessions last
     * @param frameAncestors the CSP frame-ancestors sources
     * @param clock the time source
     */
    public PortalConfig(WebhookSender sender, Optional<PortalAuthenticator> authenticator, byte[] signingKey,
            Optional<URI> publicUrl, Duration sessionTtl, List<String> frameAncestors, Clock clock) {
        this.sender = Objects.requireNonNull(sender, "sender cannot be null");
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator cannot be null");
        this.signingKey = new SecretKeySpec(signingKey, "HmacSHA256");
        this.publicUrl = Objects.requireNonNull(publicUrl, "publicUrl cannot be null");
        this.sessionTtl = Objects.requireNonNull(sessionTtl, "sessionTtl cannot be null");
        this.frameAncestors = List.copyOf(frameAncestors);
        this.clock = Objects.requireNonNull(clock, "clock cannot be null");
    }

    /** @return the sender */
    public WebhookSender sender() {
        return sender;
    }

    /** @return the host's authenticator, if any */
    public Optional<PortalAuthenticator> authenticator() {
        return authenticator;
    }

    /** @return the HMAC-SHA256 key */
    public SecretKeySpec signingKey() {
        return signingKey;
    }

    /** @return where the portal is mounted, if configured */
    public Optional<URI> publicUrl() {
        return publicUrl;
    }

    /** @return how long a session lasts */
    public Duration sessionTtl() {
        return sessionTtl;
    }

    /** @return the CSP frame-ancestors sources */
    public List<String> frameAncestors() {
        return frameAncestors;
    }

    /** @return the time source */
    public Clock clock() {
        return clock;
    }
}
