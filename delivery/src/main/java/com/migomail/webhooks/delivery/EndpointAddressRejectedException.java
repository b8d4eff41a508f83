package com.migomail.webhooks.delivery;

import java.util.Objects;

/**
 * An endpoint URL that the {@link EndpointAddressPolicy} refuses: a scheme that is not allowed, a
 * host that does not resolve, or a host that resolves to an address in a refused range.
 */
public class EndpointAddressRejectedException extends WebhookDeliveryException {
    private static final long serialVersionUID = 1L;

    private final String url;
    private final String reason;

    /** Creates the exception for a URL and the reason it was refused. */
    public EndpointAddressRejectedException(String url, String reason) {
        super("endpoint URL " + url + " rejected: " + reason);
        this.url = Objects.requireNonNull(url, "url cannot be null");
        this.reason = Objects.requireNonNull(reason, "reason cannot be null");
    }

    /** Creates the exception for a URL, the reason it was refused and the underlying failure. */
    public EndpointAddressRejectedException(String url, String reason, Throwable cause) {
        super("endpoint URL " + url + " rejected: " + reason, cause);
        this.url = Objects.requireNonNull(url, "url cannot be null");
        this.reason = Objects.requireNonNull(reason, "reason cannot be null");
    }

    /** The refused URL. */
    public String url() {
        return url;
    }

    /** Why it was refused, e.g. {@code host resolves to 10.0.0.7 (private network 10.0.0.0/8)}. */
    public String reason() {
        return reason;
    }
}
