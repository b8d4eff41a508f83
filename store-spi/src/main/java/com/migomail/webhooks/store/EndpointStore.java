package com.migomail.webhooks.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Endpoints and their secrets. Every operation is scoped to one tenant: another tenant's endpoint
 * is treated exactly as an unknown id (empty, or {@link NotFoundException} of kind
 * {@code endpoint}).
 */
public interface EndpointStore {

    /**
     * Stores a new endpoint for its {@linkplain Endpoint#tenant() tenant}.
     *
     * @param endpoint the endpoint, stored as given
     * @return the endpoint as stored
     * @throws IllegalArgumentException if an endpoint with that id exists (in any tenant)
     */
    Endpoint createEndpoint(Endpoint endpoint);

    /**
     * Replaces an endpoint's url, types, description, metadata, enabled flag and disabled reason with
     * those of the argument, and sets {@code updatedAt} to the argument's. Tenant, secrets, health and
     * {@code createdAt} are left as stored
     * (change them with {@link #rotateSecret} and {@link #recordEndpointHealth}).
     *
     * @param endpoint the new settings; its id and tenant name the endpoint to update
     * @return the endpoint as stored afterwards
     * @throws NotFoundException if the tenant has no such endpoint
     */
    Endpoint updateEndpoint(Endpoint endpoint);

    /**
     * The tenant's endpoint with that id, if stored.
     *
     * @param tenant the tenant whose endpoint to read
     * @param endpointId the endpoint id ({@code ep_…})
     * @return the endpoint as stored, or empty if the tenant has none with that id
     */
    Optional<Endpoint> endpoint(TenantId tenant, String endpointId);

    /**
     * Every endpoint of the tenant, oldest created first (ties by id).
     *
     * @param tenant the tenant whose endpoints to list
     * @return the endpoints as stored, disabled ones included; empty if there are none
     */
    List<Endpoint> endpoints(TenantId tenant);

    /**
     * The tenant's endpoints that {@linkplain Endpoint#subscribesTo subscribe} to an event type,
     * enabled or not, oldest created first (ties by id): the fan-out of a publish. Stores read them
     * through an index on the tenant, so the cost does not grow with the number of other tenants.
     *
     * @param tenant the tenant of the event
     * @param eventType the event's wire type name, e.g. {@code email.opened}
     * @return the subscribed endpoints as stored; empty if there are none
     */
    List<Endpoint> subscribedEndpoints(TenantId tenant, String eventType);

    /**
     * Adds a secret and sets the expiry of every secret that would outlive {@code oldExpireAt} to
     * {@code oldExpireAt}; secrets expired before {@code now} are removed. The new secret is kept
     * as given and goes last (secrets stay oldest first); a secret counts as expired when it is not
     * {@linkplain EndpointSecret#isActiveAt active} at {@code now}. Sets {@code updatedAt} to
     * {@code now}.
     *
     * @param tenant the tenant of the endpoint
     * @param endpointId the endpoint id ({@code ep_…})
     * @param newSecret the secret to add
     * @param oldExpireAt the latest expiry an existing secret keeps
     * @param now the current time: secrets not active at it are removed, and it becomes
     *     {@code updatedAt}
     * @return the endpoint as stored afterwards
     * @throws NotFoundException if the tenant has no such endpoint
     */
    Endpoint rotateSecret(TenantId tenant, String endpointId, EndpointSecret newSecret, Instant oldExpireAt,
            Instant now);

    /**
     * Notes an attempt outcome for endpoint health: a success clears
     * {@link Endpoint#failingSince()}, a failure sets it to {@code at} unless it is set already.
     * {@code updatedAt} is left as stored (health is not a change of settings).
     *
     * @param tenant the tenant of the endpoint
     * @param endpointId the endpoint id ({@code ep_…})
     * @param succeeded whether the attempt succeeded (got a 2xx response)
     * @param at when the attempt was made: {@code failingSince} on a first failure
     * @return the endpoint as stored afterwards
     * @throws NotFoundException if the tenant has no such endpoint (it may have been deleted while
     *     an attempt was in flight)
     */
    Endpoint recordEndpointHealth(TenantId tenant, String endpointId, boolean succeeded, Instant at);

    /**
     * Deletes the tenant's endpoint with its keys, and cancels its pending deliveries
     * ({@link DeliveryStatus#CANCELLED}, {@code updatedAt} {@code now}, lease dropped, so an attempt in
     * flight is not recorded). Its delivery log stays, listed under its id, until retention removes
     * it with its events.
     *
     * @param tenant the tenant of the endpoint
     * @param endpointId the endpoint id ({@code ep_…})
     * @param now the current time: the cancelled deliveries' {@code updatedAt}
     * @return whether the endpoint existed (and is now deleted)
     */
    boolean deleteEndpoint(TenantId tenant, String endpointId, Instant now);
}
