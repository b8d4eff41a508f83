package com.migomail.webhooks.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A receiver URL subscribed to some event types.
 *
 * <p>The {@linkplain #version() version} counts the store's writes to the endpoint, so that a
 * read-modify-write cannot undo a change made between its read and its write:
 * {@link EndpointStore#updateEndpoint} applies only to the version it was read at.
 *
 * <p>Immutable, so safe to share between threads. Every component but the id has a {@code with…}
 * method returning a copy with that one component replaced; the copy is validated as the
 * constructor validates, so a {@code with…} method throws what the constructor throws for that
 * value. (Another id would be another endpoint, and an endpoint never moves to another tenant, so
 * there is no {@code withId} or {@code withTenant}.)
 *
 * @param id the endpoint id ({@code ep_…})
 * @param tenant the tenant it belongs to; only that tenant's events reach it
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
 * @param updatedAt when its settings or secrets last changed
 * @param version how many times the store has written it since it was created (0 as created): every
 *     write of a store ({@link EndpointStore#updateEndpoint}, {@link EndpointStore#rotateSecret}, a
 *     change of health) adds one
 */
public record Endpoint(
        String id,
        TenantId tenant,
        String url,
        List<String> eventTypes,
        String description,
        Map<String, String> metadata,
        boolean enabled,
        List<EndpointSecret> secrets,
        Instant failingSince,
        String disabledReason,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    /**
     * Validates and copies.
     *
     * @param id the endpoint id ({@code ep_…})
     * @param tenant the tenant it belongs to
     * @param url the URL requests are POSTed to
     * @param eventTypes filters: exact wire names, a family ({@code email.*}) or {@code *}; at least
     *     one; copied
     * @param description free text for people, may be empty
     * @param metadata free key-value pairs for the host application; copied
     * @param enabled whether deliveries are sent
     * @param secrets its signing keys, oldest first; copied
     * @param failingSince since when every attempt has failed, or {@code null}
     * @param disabledReason why it was disabled, or {@code null}
     * @param createdAt when it was created
     * @param updatedAt when its settings or secrets last changed
     * @param version how many times the store has written it since it was created, 0 or more
     * @throws NullPointerException if a component other than {@code failingSince} and
     *     {@code disabledReason} is null, or a list or map holds a null
     * @throws IllegalArgumentException if {@code eventTypes} is empty or {@code version} is negative
     */
    public Endpoint {
        Objects.requireNonNull(id, "id cannot be null");
        Objects.requireNonNull(tenant, "tenant cannot be null");
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
        if (version < 0) {
            throw new IllegalArgumentException("version cannot be negative: " + version);
        }
    }

    /**
     * A new endpoint, at version 0, as it is before a store ever wrote it.
     *
     * @param id the endpoint id ({@code ep_…})
     * @param tenant the tenant it belongs to
     * @param url the URL requests are POSTed to
     * @param eventTypes filters: exact wire names, a family ({@code email.*}) or {@code *}; at least
     *     one; copied
     * @param description free text for people, may be empty
     * @param metadata free key-value pairs for the host application; copied
     * @param enabled whether deliveries are sent
     * @param secrets its signing keys, oldest first; copied
     * @param failingSince since when every attempt has failed, or {@code null}
     * @param disabledReason why it was disabled, or {@code null}
     * @param createdAt when it was created
     * @param updatedAt when its settings or secrets last changed
     * @throws NullPointerException if a component other than {@code failingSince} and
     *     {@code disabledReason} is null, or a list or map holds a null
     * @throws IllegalArgumentException if {@code eventTypes} is empty
     */
    public Endpoint(String id, TenantId tenant, String url, List<String> eventTypes, String description,
            Map<String, String> metadata, boolean enabled, List<EndpointSecret> secrets, Instant failingSince,
            String disabledReason, Instant createdAt, Instant updatedAt) {
        this(id, tenant, url, eventTypes, description, metadata, enabled, secrets, failingSince, disabledReason,
                createdAt, updatedAt, 0);
    }

    /**
     * The keys that sign requests at that time, oldest first.
     *
     * @param at the time of signing
     * @return the secrets {@linkplain EndpointSecret#isActiveAt active} at {@code at}, as an
     *     unmodifiable list; empty if none is
     */
    public List<EndpointSecret> activeSecrets(Instant at) {
        return secrets.stream().filter(secret -> secret.isActiveAt(at)).toList();
    }

    /**
     * Whether an event of that wire type goes to this endpoint (ignores {@link #enabled()}).
     *
     * @param eventType the event's wire type name, e.g. {@code email.opened}
     * @return {@code true} if a filter is {@code *}, equals {@code eventType}, or is a family
     *     ({@code email.*}) that {@code eventType} belongs to
     */
    public boolean subscribesTo(String eventType) {
        for (String filter : eventTypes) {
            if (filter.equals("*") || filter.equals(eventType)
                    || (filter.endsWith(".*") && eventType.startsWith(filter.substring(0, filter.length() - 1)))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A copy with that {@code url}.
     *
     * @param url the URL requests are POSTed to
     * @return a new endpoint, equal to this one but for {@code url}
     * @throws NullPointerException if {@code url} is null
     */
    public Endpoint withUrl(String url) {
        return new Endpoint(id, tenant, url, eventTypes, description, metadata, enabled, secrets, failingSince, disabledReason,
                createdAt, updatedAt, version);
    }

    /**
     * A copy with that {@code eventTypes}.
     *
     * @param eventTypes the filters, at least one
     * @return a new endpoint, equal to this one but for {@code eventTypes}
     * @throws NullPointerException if {@code eventTypes} or an element is null
     * @throws IllegalArgumentException if {@code eventTypes} is empty
     */
    public Endpoint withEventTypes(List<String> eventTypes) {
        return new Endpoint(id, tenant, url, eventTypes, description, metadata, enabled, secrets, failingSince, disabledReason,
                createdAt, updatedAt, version);
    }

    /**
     * A copy with that {@code description}.
     *
     * @param description free text for people, may be empty
     * @return a new endpoint, equal to this one but for {@code description}
     * @throws NullPointerException if {@code description} is null
     */
    public Endpoint withDescription(String description) {
        return new Endpoint(id, tenant, url, eventTypes, description, metadata, enabled, secrets, failingSince, disabledReason,
                createdAt, updatedAt, version);
    }

    /**
     * A copy with that {@code metadata}.
     *
     * @param metadata free key-value pairs for the host application
     * @return a new endpoint, equal to this one but for {@code metadata}
     * @throws NullPointerException if {@code metadata}, a key or a value is null
     */
    public Endpoint withMetadata(Map<String, String> metadata) {
        return new Endpoint(id, tenant, url, eventTypes, description, metadata, enabled, secrets, failingSince, disabledReason,
                createdAt, updatedAt, version);
    }

    /**
     * A copy with that {@code enabled}.
     *
     * @param enabled whether deliveries are sent
     * @return a new endpoint, equal to this one but for {@code enabled}
     */
    public Endpoint withEnabled(boolean enabled) {
        return new Endpoint(id, tenant, url, eventTypes, description, metadata, enabled, secrets, failingSince, disabledReason,
                createdAt, updatedAt, version);
    }

    /**
     * A copy with that {@code secrets}.
     *
     * @param secrets the signing keys, oldest first
     * @return a new endpoint, equal to this one but for {@code secrets}
     * @throws NullPointerException if {@code secrets} or an element is null
     */
    public Endpoint withSecrets(List<EndpointSecret> secrets) {
        return new Endpoint(id, tenant, url, eventTypes, description, metadata, enabled, secrets, failingSince, disabledReason,
                createdAt, updatedAt, version);
    }

    /**
     * A copy with that {@code failingSince}.
     *
     * @param failingSince since when every attempt has failed, or {@code null} for a healthy endpoint
     * @return a new endpoint, equal to this one but for {@code failingSince}
     */
    public Endpoint withFailingSince(Instant failingSince) {
        return new Endpoint(id, tenant, url, eventTypes, description, metadata, enabled, secrets, failingSince, disabledReason,
                createdAt, updatedAt, version);
    }

    /**
     * A copy with that {@code disabledReason}.
     *
     * @param disabledReason why it was disabled, or {@code null}
     * @return a new endpoint, equal to this one but for {@code disabledReason}
     */
    public Endpoint withDisabledReason(String disabledReason) {
        return new Endpoint(id, tenant, url, eventTypes, description, metadata, enabled, secrets, failingSince, disabledReason,
                createdAt, updatedAt, version);
    }

    /**
     * A copy with that {@code createdAt}.
     *
     * @param createdAt when it was created
     * @return a new endpoint, equal to this one but for {@code createdAt}
     * @throws NullPointerException if {@code createdAt} is null
     */
    public Endpoint withCreatedAt(Instant createdAt) {
        return new Endpoint(id, tenant, url, eventTypes, description, metadata, enabled, secrets, failingSince, disabledReason,
                createdAt, updatedAt, version);
    }

    /**
     * A copy with that {@code updatedAt}.
     *
     * @param updatedAt when it last changed
     * @return a new endpoint, equal to this one but for {@code updatedAt}
     * @throws NullPointerException if {@code updatedAt} is null
     */
    public Endpoint withUpdatedAt(Instant updatedAt) {
        return new Endpoint(id, tenant, url, eventTypes, description, metadata, enabled, secrets, failingSince, disabledReason,
                createdAt, updatedAt, version);
    }

    /**
     * A copy with that {@code version}. Stores use it for the endpoint they wrote; a caller of
     * {@link EndpointStore#updateEndpoint} keeps the version it read.
     *
     * @param version how many times the store has written it, 0 or more
     * @return a new endpoint, equal to this one but for {@code version}
     * @throws IllegalArgumentException if {@code version} is negative
     */
    public Endpoint withVersion(long version) {
        return new Endpoint(id, tenant, url, eventTypes, description, metadata, enabled, secrets, failingSince, disabledReason,
                createdAt, updatedAt, version);
    }
}
