package com.migomail.webhooks.delivery;

import com.migomail.webhooks.signing.SigningKey;
import com.migomail.webhooks.store.Endpoint;
import java.util.Objects;

/**
 * An endpoint as stored, with the key it now signs with: hand {@code key().encoded()} to the
 * endpoint's owner once, over a safe channel. {@link #toString()} never shows the key.
 *
 * @param endpoint the endpoint as stored
 * @param key the new signing key ({@code whsec_…} unless the registration supplied another)
 */
public record RegisteredEndpoint(Endpoint endpoint, SigningKey key) {

    /**
     * Validates that neither component is null.
     *
     * @param endpoint the endpoint as stored
     * @param key the signing key
     * @throws NullPointerException if endpoint or key is null
     */
    public RegisteredEndpoint {
        Objects.requireNonNull(endpoint, "endpoint cannot be null");
        Objects.requireNonNull(key, "key cannot be null");
    }

    /**
     * The endpoint id.
     *
     * @return the endpoint id ({@code ep_…})
     */
    public String id() {
        return endpoint.id();
    }

    @Override
    public String toString() {
        return "RegisteredEndpoint[endpoint=" + endpoint.id() + " " + endpoint.url() + ", key=<redacted>]";
    }
}
