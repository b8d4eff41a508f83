package com.migomail.webhooks.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A receiver URL subscribed to some event types.
 *
 * <p>Immutable, so safe to share between threads. Every component but the id has a {@code with…}
 * method returning a copy with that one component replaced; the copy is validated as the
 * constructor validates, so a {@code with…} method throws what the constructor throws for that
 * value. (Another id would be another endpoint, so there is no {@code withId}.)
 *
 * @param id the endpoint id ({@code ep_…})
 * @param url the URL requests are POSTed to
 * @param eventTypes filters: exact wire names ({@code email.opened}), a family ({@code email.*}) or
 *     {@code *}; at least one
 * @param description free text for people, may be empty
 * @param metadata free key-value pairs for the host application
 * @param enabled whether deliveries are sent (disabled endpoints get {@link DeliveryStatus#SKIPPED})
 * @param secrets its signing keys, oldest first, including expired ones until they are removed
 * @param failingSince since when every attempt has failed, or {@code null} when the last attempt
 *     succeeded (endpoint health)
 * @param disabledReason why it was disabled, or {@code null}
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
public record Endpoint(
        String id,
        String url,
        List<String> eventTypes,
        String description,
        Map<String, String> metadata,
        boolean enabled,
        List<EndpointSecret> secrets,
        Instant failingSince,
        String disabledReason,
        Instant createdAt,
        Instant updatedAt) {

    /** Validates and copies. */
    public Endpoint {
        Objects.requireNonNull(id, "id cannot be null");
        Objects.requireNonNull(url, "url cannot be null");
        Objects.requireNonNull(description, "description cannot be null");
        Objects.requireNonNull(createdAt, "createdAt cannot be null");
        Objects.requireNonNull(updatedAt, "updatedAt cannot be null");
        eventTypes = List.copyOf(eventTypes);
        metadata = Map.copyOf(metadata);
        secrets = List.copyOf(secrets);
        if (eventTypes.isEmpty()) {
            throw new IllegalArgumentException("eventTypes cannot be empty (use \"*\" for all types)");
        }
    }

    /** The keys that sign requests at that time, oldest first. */
    public List<EndpointSecret> activeSecrets(Instant at) {
        return secrets.stream().filter(secret -> secret.isActiveAt(at)).toList();
    }

    /** Whether an event of that wire type goes to this endpoint (ignores {@link #enabled()}). */
    public boolean subscribesTo(String eventType) {
        for (String filter : eventTypes) {
            if (filter.equals("*") || filter.equals(eventType)
                    || (filter.endsWith(".*") && eventType.startsWith(filter.substring(0, filter.length() - 1)))) {
                return true;
            }
        }
        return false;
    }

    /** A copy with that {@code url}. */
    public Endpoint withUrl(String url) {
        return new Endpoint(id, url, eventTypes, description, metadata, enabled, secrets, failingSince, disabledReason,
                createdAt, updatedAt);
    }

    /** A copy with that {@code eventTypes}. */
    public Endpoint withEventTypes(List<String> eventTypes) {
        return new Endpoint(id, url, eventTypes, description, metadata, enabled, secrets, failingSince, disabledReason,
                createdAt, updatedAt);
    }

    /** A copy with that {@code description}. */
    public Endpoint withDescription(String description) {
        return new Endpoint(id, url, eventTypes, description, metadata, enabled, secrets, failingSince, disabledReason,
                createdAt, updatedAt);
    }

    /** A copy with that {@code metadata}. */
    public Endpoint withMetadata(Map<String, String> metadata) {
        return new Endpoint(id, url, eventTypes, description, metadata, enabled, secrets, failingSince, disabledReason,
                createdAt, updatedAt);
    }

    /** A copy with that {@code enabled}. */
    public Endpoint withEnabled(boolean enabled) {
        return new Endpoint(id, url, eventTypes, description, metadata, enabled, secrets, failingSince, disabledReason,
                createdAt, updatedAt);
    }

    /** A copy with that {@code secrets}. */
    public Endpoint withSecrets(List<EndpointSecret> secrets) {
        return new Endpoint(id, url, eventTypes, description, metadata, enabled, secrets, failingSince, disabledReason,
                createdAt, updatedAt);
    }

    /** A copy with that {@code failingSince}. */
    public Endpoint withFailingSince(Instant failingSince) {
        return new Endpoint(id, url, eventTypes, description, metadata, enabled, secrets, failingSince, disabledReason,
                createdAt, updatedAt);
    }

    /** A copy with that {@code disabledReason}. */
    public Endpoint withDisabledReason(String disabledReason) {
        return new Endpoint(id, url, eventTypes, description, metadata, enabled, secrets, failingSince, disabledReason,
                createdAt, updatedAt);
    }

    /** A copy with that {@code createdAt}. */
    public Endpoint withCreatedAt(Instant createdAt) {
        return new Endpoint(id, url, eventTypes, description, metadata, enabled, secrets, failingSince, disabledReason,
                createdAt, updatedAt);
    }

    /** A copy with that {@code updatedAt}. */
    public Endpoint withUpdatedAt(Instant updatedAt) {
        return new Endpoint(id, url, eventTypes, description, metadata, enabled, secrets, failingSince, disabledReason,
                createdAt, updatedAt);
    }
}
