package com.migomail.webhooks.delivery;

import java.util.Objects;

/**
 * An endpoint URL that the {@link EndpointAddressPolicy} refuses: a scheme that is not allowed, a
 * host that does not resolve, or a host that resolves to an address in a refused range. The
 * {@link #reason()} says which, the {@link #detail()} says exactly what was found; the message is
 * {@code endpoint URL <url> rejected: <detail>}.
 */
public class EndpointAddressRejectedException extends WebhookDeliveryException {
    private static final long serialVersionUID = 1L;

    /** Why a URL was refused. */
    public enum Reason {
        /** The scheme is not allowed: only {@code https}, or also {@code http} where the policy says so. */
        SCHEME,
        /** The URL has no host. */
        NO_HOST,
        /** The host does not resolve, or resolves to no address. */
        UNRESOLVABLE,
        /** The host resolves to a loopback address: 127.0.0.0/8, ::1. */
        LOOPBACK,
        /**
         * The host resolves to a private network: RFC 1918, carrier-grade NAT, unique-local,
         * site-local or local-use NAT64.
         */
        PRIVATE_NETWORK,
        /**
         * The host resolves to a link-local address: 169.254.0.0/16, where cloud metadata services
         * (169.254.169.254) live, or fe80::/10.
         */
        LINK_LOCAL,
        /**
         * The host resolves to an address that is never a sensible endpoint: unspecified, multicast,
         * broadcast, documentation, benchmarking, reserved, protocol assignments or tunnel ranges.
         */
        SPECIAL_PURPOSE
    }

    private final String url;
    private final Reason reason;
    private final String detail;

    /**
     * Creates the exception.
     *
     * @param url the refused URL
     * @param reason why it was refused
     * @param detail what was found, e.g. {@code host resolves to 10.0.0.7 (private network 10.0.0.0/8)}
     * @throws NullPointerException if an argument is null
     */
    public EndpointAddressRejectedException(String url, Reason reason, String detail) {
        super(message(url, detail));
        this.url = Objects.requireNonNull(url, "url cannot be null");
        this.reason = Objects.requireNonNull(reason, "reason cannot be null");
        this.detail = Objects.requireNonNull(detail, "detail cannot be null");
    }

    /**
     * Creates the exception with the underlying failure.
     *
     * @param url the refused URL
     * @param reason why it was refused
     * @param detail what was found, e.g. {@code host hooks.example.com does not resolve}
     * @param cause the underlying failure (a DNS error, say), or null
     * @throws NullPointerException if {@code url}, {@code reason} or {@code detail} is null
     */
    public EndpointAddressRejectedException(String url, Reason reason, String detail, Throwable cause) {
        super(message(url, detail), cause);
        this.url = Objects.requireNonNull(url, "url cannot be null");
        this.reason = Objects.requireNonNull(reason, "reason cannot be null");
        this.detail = Objects.requireNonNull(detail, "detail cannot be null");
    }

    private static String message(String url, String detail) {
        return "endpoint URL " + url + " rejected: " + detail;
    }

    /**
     * The refused URL.
     *
     * @return the URL as given, never null
     */
    public String url() {
        return url;
    }

    /**
     * Why it was refused.
     *
     * @return the reason, never null
     */
    public Reason reason() {
        return reason;
    }

    /**
     * What was found, as the message says it, e.g.
     * {@code host resolves to 10.0.0.7 (private network 10.0.0.0/8)}.
     *
     * @return the detail, never null
     */
    public String detail() {
        return detail;
    }
}
