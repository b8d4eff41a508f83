package com.migomail.webhooks.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Endpoints and their secrets. Every operation is scoped to one tenant: another tenant's endpoint
 * is treated exactly as an unknown id (empty, or {@link NotFoundException} of kind
 * {@code endpoint}).
 *
 * <p>No write may undo another. {@link #rotateSecret} and {@link #recordEndpointHealth} each change
 * their own fields atomically from what is stored (under a lock, in one statement or one
 * transaction). {@link #updateEndpoint} is a read-modify-write of the caller's, so it is conditional:
 * it applies only if the endpoint still has the {@linkplain Endpoint#version() version} the caller
 * read, and otherwise throws {@link EndpointVersionConflictException} and writes nothing. Every write
 * adds one to the stored version, in the same atomic step as the change, so that two writers from
 * one version cannot both succeed.
 */
public interface EndpointStore {

    /**
     * Stores a new endpoint for its {@linkplain Endpoint#tenant() tenant}.
     *
     * @param endpoint the endpoint, stored as given, its version included (0 for a new one)
     * @return the endpoint as stored
     * @throws IllegalArgumentException if an endpoint with that id exists (in any tenant)
     */
    Endpoint createEndpoint(Endpoint endpoint);

    /**
     * If the stored endpoint has the argument's {@linkplain Endpoint#version() version}, replaces its
     * url, types, description, metadata, enabled flag and disabled reason with those of the argument,
     * sets {@code updatedAt} to the argument's, and its version to the argument's plus one. Tenant,
     * secrets, health and {@code createdAt} are left as stored (change them with {@link #rotateSecret}
     * and {@link #recordEndpointHealth}).
     *
     * <p>A compare-and-set: the comparison and the write are one atomic step (for a database, one
     * {@code UPDATE ... WHERE version = ?}), so of two writes made from the same version exactly one
     * applies. A caller reads the endpoint, changes what it means to change, and writes; on a conflict
     * it reads again and applies its change to what is stored now.
     *
     * @param endpoint the new settings, with the version they were read at; its id and tenant name
     *     the endpoint to update
     * @return the endpoint as stored afterwards, at the argument's version plus one
     * @throws NotFoundException if the tenant has no such endpoint (checked first)
     * @throws EndpointVersionConflictException if the stored endpoint has another version (it was
     *     written since the caller read it); nothing is written
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
     * How many endpoints of every tenant are disabled (by their owner, the host, or the sender
     * itself after 410 Gone or a failing health period): the figure an operator's health check
     * shows. It reads the endpoints only, one row each, never their deliveries; callers still read
     * it now and then (a health check), not per delivery.
     *
     * @return the count, 0 or more
     */
    long countDisabledEndpoints();

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
     * {@code now} and adds one to the version. The read of the stored secrets and the write are
     * atomic, so concurrent rotations keep every new secret.
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
     * {@code updatedAt} is left as stored (health is not a change of settings). A change of
     * {@code failingSince} adds one to the version, in the same atomic step; an outcome that changes
     * nothing (a further failure, a success of a healthy endpoint) writes nothing and leaves the
     * version as it is.
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
