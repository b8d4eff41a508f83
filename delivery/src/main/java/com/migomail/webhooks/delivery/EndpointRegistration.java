package com.migomail.webhooks.delivery;

import com.migomail.webhooks.signing.SigningKey;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What to register: a URL and the event types it subscribes to, with optional description,
 * metadata and signing key. Immutable.
 *
 * @param url the absolute URL requests are POSTed to
 * @param eventTypes filters: exact wire names ({@code email.opened}), a family ({@code email.*}) or
 *     {@code *}; at least one
 * @param description free text, may be empty
 * @param metadata free key-value pairs for the host application
 * @param signingKey the key to sign with, or {@code null} to have a {@code whsec_} secret generated
 *     (the default). A {@link com.migomail.webhooks.signing.SigningKeyPair} alone signs only with the
 *     asymmetric {@code v1a} scheme and no {@code X-Migomail-Signature} is sent.
 */
public record EndpointRegistration(
        String url, List<String> eventTypes, String description, Map<String, String> metadata, SigningKey signingKey) {

    private static final Pattern FILTER = Pattern.compile("\\*|[a-z][a-z0-9_]*\\.(\\*|[a-z][a-z0-9_]*)");

    /**
     * Validates and copies.
     *
     * @param url the absolute URL requests are POSTed to
     * @param eventTypes the type filters, at least one; copied
     * @param description free text, may be empty
     * @param metadata free key-value pairs; copied
     * @param signingKey the key to sign with, or {@code null} to have a secret generated
     * @throws NullPointerException if url, eventTypes, description, metadata or an element is null
     * @throws IllegalArgumentException if eventTypes is empty or a filter is malformed
     */
    public EndpointRegistration {
        Objects.requireNonNull(url, "url cannot be null");
        Objects.requireNonNull(eventTypes, "eventTypes cannot be null");
        Objects.requireNonNull(description, "description cannot be null");
        Objects.requireNonNull(metadata, "metadata cannot be null");
        eventTypes = List.copyOf(eventTypes);
        metadata = Map.copyOf(metadata);
        if (eventTypes.isEmpty()) {
            throw new IllegalArgumentException("eventTypes cannot be empty (use \"*\" for all types)");
        }
        for (String filter : eventTypes) {
            if (!FILTER.matcher(filter).matches()) {
                throw new IllegalArgumentException(
                        "eventTypes: '" + filter + "' is not a type name (email.opened), a family (email.*) or *");
            }
        }
    }

    /**
     * A registration of that URL for those type filters, no description, metadata or own key.
     *
     * @param url the absolute URL requests are POSTed to
     * @param eventTypes type filters ({@code email.opened}, {@code email.*} or {@code *}); at least one
     * @return the registration
     * @throws NullPointerException if url or a filter is null
     * @throws IllegalArgumentException if no filter is given or a filter is malformed
     */
    public static EndpointRegistration of(String url, String... eventTypes) {
        return new EndpointRegistration(url, List.of(eventTypes), "", Map.of(), null);
    }

    /**
     * This registration with that description.
     *
     * @param newDescription free text, may be empty
     * @return a copy with the new description
     * @throws NullPointerException if newDescription is null
     */
    public EndpointRegistration withDescription(String newDescription) {
        return new EndpointRegistration(url, eventTypes, newDescription, metadata, signingKey);
    }

    /**
     * This registration with that metadata.
     *
     * @param newMetadata free key-value pairs, replacing the current ones; copied
     * @return a copy with the new metadata
     * @throws NullPointerException if newMetadata, a key or a value is null
     */
    public EndpointRegistration withMetadata(Map<String, String> newMetadata) {
        return new EndpointRegistration(url, eventTypes, description, newMetadata, signingKey);
    }

    /**
     * This registration signing with that key instead of a generated secret.
     *
     * @param newSigningKey the key to sign with
     * @return a copy with the new key
     * @throws NullPointerException if newSigningKey is null
     */
    public EndpointRegistration withSigningKey(SigningKey newSigningKey) {
        Objects.requireNonNull(newSigningKey, "signingKey cannot be null");
        return new EndpointRegistration(url, eventTypes, description, metadata, newSigningKey);
    }

    @Override
    public String toString() {
        return "EndpointRegistration[url=" + url + ", eventTypes=" + eventTypes + ", description=" + description
                + ", metadata=" + metadata + ", signingKey=" + (signingKey == null ? "generated" : "<redacted>") + "]";
    }
}
