package com.migomail.webhooks.portal;

import com.migomail.webhooks.delivery.WebhookSender;
import com.migomail.webhooks.portal.internal.PortalConfig;
import com.migomail.webhooks.portal.internal.PortalHandler;
import com.migomail.webhooks.store.TenantId;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The portal: a web page and a JSON API ({@code api/v1/}) where each customer of the host (a
 * {@linkplain TenantId tenant}) manages its endpoints, reads its event log and replays, on top of a
 * {@link WebhookSender}. Serve it with {@link PortalServlet} (under any path of a Jakarta Servlet
 * container) or {@link PortalServer} (the JDK's HTTP server). Thread-safe; one portal may back
 * several adapters.
 *
 * <p>Who is who is the host's decision: a {@link PortalAuthenticator} maps each request to a tenant,
 * or, without one, {@link #linkFor(TenantId, Duration) magic links} do: signed, expiring, single-use
 * URLs that the portal exchanges for a session cookie. State-changing requests need the session
 * cookie and its CSRF token header. A tenant sees only its own endpoints, events and deliveries.
 */
public final class WebhookPortal {
    private final PortalConfig config;
    private final PortalHandler handler;

    private WebhookPortal(PortalConfig config) {
        this.config = config;
        this.handler = new PortalHandler(config);
    }

    /**
     * A builder with every option at its documented default; only the sender is required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A magic link: the portal's {@code login} URL with a signed token that opens a session for the
     * tenant once, until {@code ttl} from now. Hand it to the tenant's user (e.g. from the host's own
     * dashboard, over a channel that authenticates them); whoever opens it first gets the session. A
     * link works on every portal built with the same {@linkplain Builder#signingKey(byte[]) signing
     * key}; that it was used is remembered by this portal instance only, until it expires.
     *
     * @param tenant the tenant the session will see
     * @param ttl how long the link stays valid, 1 second to 7 days
     * @return {@code publicUrl + "login?token=…"}
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if ttl is outside 1 second to 7 days
     * @throws IllegalStateException if the portal was built without a {@linkplain Builder#publicUrl(URI) public URL}
     */
    public URI linkFor(TenantId tenant, Duration ttl) {
        Objects.requireNonNull(tenant, "tenant cannot be null");
        Objects.requireNonNull(ttl, "ttl cannot be null");
        URI publicUrl = config.publicUrl()
                .orElseThrow(() -> new IllegalStateException("linkFor needs the portal's publicUrl (Builder.publicUrl)"));
        return linkFor(tenant, ttl, publicUrl);
    }

    /** A link against this base: the public URL if the portal has one, else the server's own URL. */
    URI linkFor(TenantId tenant, Duration ttl, URI base) {
        Objects.requireNonNull(tenant, "tenant cannot be null");
        Objects.requireNonNull(ttl, "ttl cannot be null");
        if (ttl.compareTo(Duration.ofSeconds(1)) < 0 || ttl.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException("ttl must be 1 second to 7 days: " + ttl);
        }
        return config.publicUrl().orElse(base).resolve("login?token=" + handler.magicLinks().issue(tenant, ttl));
    }

    /** The handler both adapters call, one per portal. */
    PortalHandler handler() {
        return handler;
    }

    @Override
    public String toString() {
        return "WebhookPortal[publicUrl=" + config.publicUrl().map(URI::toString).orElse("none")
                + ", authenticator=" + (config.authenticator().isPresent() ? "host's" : "magic links only") + "]";
    }

    /**
     * Configures a {@link WebhookPortal}. Not thread-safe; {@link #build()} copies the settings, so a
     * builder can be reused. Setters throw {@link NullPointerException} for null and
     * {@link IllegalArgumentException} for a bad value at once.
     */
    public static final class Builder {
        private static final Duration MAX_SESSION_TTL = Duration.ofDays(30);
        // A CSP source expression: no separators or whitespace that could end the directive.
        private static final Pattern SOURCE = Pattern.compile("[!#-+\\--:<-~]+");

        private WebhookSender sender;
        private PortalAuthenticator authenticator;
        private byte[] signingKey;
        private URI publicUrl;
        private Duration sessionTtl = Duration.ofHours(12);
        private List<String> frameAncestors = List.of("'none'");
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /**
         * The sender whose endpoints, events and deliveries the portal shows and changes. Required.
         * The portal neither starts nor closes it.
         *
         * @param sender the sender
         * @return this builder
         */
        public Builder sender(WebhookSender sender) {
            this.sender = Objects.requireNonNull(sender, "sender cannot be null");
            return this;
        }

        /**
         * The host's authenticator, asked on every request; without one (the default), only
         * sessions opened with {@linkplain WebhookPortal#linkFor magic links} get in.
         *
         * @param authenticator maps a request to its tenant, or refuses it
         * @return this builder
         */
        public Builder authenticator(PortalAuthenticator authenticator) {
            this.authenticator = Objects.requireNonNull(authenticator, "authenticator cannot be null");
            return this;
        }

        /**
         * The HMAC-SHA256 key that signs magic links, session cookies and CSRF tokens; the bytes are
         * copied. Default: a random key per portal instance, so links and sessions end with the JVM.
         * Several nodes behind one address must share one key. Keep it as secret as a password.
         *
         * @param key at least 32 bytes
         * @return this builder
         */
        public Builder signingKey(byte[] key) {
            Objects.requireNonNull(key, "signingKey cannot be null");
            if (key.length < 32) {
                throw new IllegalArgumentException("signingKey must be at least 32 bytes, got " + key.length);
            }
            this.signingKey = key.clone();
            return this;
        }

        /**
         * The absolute URL where the portal is mounted, as its users reach it, ending in {@code /}:
         * the base of {@link WebhookPortal#linkFor}. When it is https, session cookies are
         * {@code Secure} even if a proxy in front speaks plain http to the portal. Default: none
         * ({@code linkFor} then throws).
         *
         * @param publicUrl e.g. {@code https://app.example.com/webhooks/}
         * @return this builder
         */
        public Builder publicUrl(URI publicUrl) {
            Objects.requireNonNull(publicUrl, "publicUrl cannot be null");
            String scheme = publicUrl.getScheme();
            if (!publicUrl.isAbsolute() || !("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))
                    || publicUrl.getHost() == null) {
                throw new IllegalArgumentException("publicUrl must be an absolute http or https URL: " + publicUrl);
            }
            if (publicUrl.getRawPath() == null || !publicUrl.getRawPath().endsWith("/")) {
                throw new IllegalArgumentException("publicUrl must end in '/': " + publicUrl);
            }
            if (publicUrl.getRawQuery() != null || publicUrl.getRawFragment() != null) {
                throw new IllegalArgumentException("publicUrl cannot have a query or fragment: " + publicUrl);
            }
            this.publicUrl = publicUrl;
            return this;
        }

        /**
         * How long a session lasts from the magic link's use (or the authenticator's first yes).
         * Default 12 hours.
         *
         * @param sessionTtl 1 minute to 30 days
         * @return this builder
         */
        public Builder sessionTtl(Duration sessionTtl) {
            Objects.requireNonNull(sessionTtl, "sessionTtl cannot be null");
            if (sessionTtl.compareTo(Duration.ofMinutes(1)) < 0 || sessionTtl.compareTo(MAX_SESSION_TTL) > 0) {
                throw new IllegalArgumentException("sessionTtl must be 1 minute to 30 days: " + sessionTtl);
            }
            this.sessionTtl = sessionTtl;
            return this;
        }

        /**
         * Who may embed the page in a frame: the sources of the Content-Security-Policy's
         * {@code frame-ancestors}. Default {@code 'none'} (no embedding).
         *
         * @param sources CSP sources, e.g. {@code "'self'"}, {@code "https://dashboard.example.com"}
         * @return this builder
         * @throws IllegalArgumentException if there is none, or one is empty or has whitespace, a
         *     {@code ;} or a {@code ,}
         */
        public Builder frameAncestors(String... sources) {
            Objects.requireNonNull(sources, "sources cannot be null");
            if (sources.length == 0) {
                throw new IllegalArgumentException("frameAncestors needs at least one source ('none' for no embedding)");
            }
            List<String> copy = new ArrayList<>();
            for (String source : sources) {
                Objects.requireNonNull(source, "a frame-ancestors source cannot be null");
                if (!SOURCE.matcher(source).matches()) {
                    throw new IllegalArgumentException("frameAncestors: \"" + source
                            + "\" is not a CSP source (no whitespace, ';' or ',')");
                }
                copy.add(source);
            }
            this.frameAncestors = List.copyOf(copy);
            return this;
        }

        /**
         * The time source for sessions, links, default time ranges and the charts. Default: the
         * system UTC clock.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock cannot be null");
            return this;
        }

        /**
         * Builds the portal.
         *
         * @return a new portal with these settings
         * @throws IllegalStateException if no sender was set
         */
        public WebhookPortal build() {
            if (sender == null) {
                throw new IllegalStateException("a portal needs a sender (Builder.sender)");
            }
            byte[] key = signingKey != null ? signingKey.clone() : randomKey();
            PortalConfig config = new PortalConfig(sender, Optional.ofNullable(authenticator), key,
                    Optional.ofNullable(publicUrl), sessionTtl, frameAncestors, clock);
            Arrays.fill(key, (byte) 0);
            return new WebhookPortal(config);
        }

        private static byte[] randomKey() {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            return key;
        }
    }
}
