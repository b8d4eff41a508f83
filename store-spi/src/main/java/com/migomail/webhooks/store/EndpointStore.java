package com.migomail.webhooks.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Endpoints and their secrets.
 */
public interface EndpointStore {

    /**
     * Stores a new endpoint.
     *
     * @param endpoint the endpoint, stored as given
     * @return the endpoint as stored
     * @throws IllegalArgumentException if an endpoint with that id exists
     */
    Endpoint createEndpoint(Endpoint endpoint);

    /**
     * Replaces an endpoint's url, types, description, metadata, enabled flag and disabled reason with
     * those of the argument, and sets {@code updatedAt} to the argument's. Secrets, health and
     * {@code createdAt} are left as stored
     * (change them with {@link #rotateSecret} and {@link #recordEndpointHealth}).
     *
     * @param endpoint the new settings; its id names the endpoint to update
     * @return the endpoint as stored afterwards
     * @throws NotFoundException if there is no such endpoint
     */
    Endpoint updateEndpoint(Endpoint endpoint);

    /**
     * The endpoint with that id, if stored.
     *
     * @param endpointId the endpoint id ({@code ep_…})
     * @return the endpoint as stored, or empty if there is none with that id
     */
    Optional<Endpoint> endpoint(String endpointId);

    /**
     * Every endpoint, oldest created first (ties by id).
     *
     * @return the endpoints as stored, disabled ones included; empty if there are none
     */
    List<Endpoint> endpoints();

    /**
     * Adds a secret and sets the expiry of every secret that would outlive {@code oldExpireAt} to
     * {@code oldExpireAt}; secrets expired before {@code now} are removed. The new secret is kept
     * as given and goes last (secrets stay oldest first); a secret counts as expired when it is not
     * {@linkplain EndpointSecret#isActiveAt active} at {@code now}. Sets {@code updatedAt} to
     * {@code now}.
     *
     * @param endpointId the endpoint id ({@code ep_…})
     * @param newSecret the secret to add
     * @param oldExpireAt the latest expiry an existing secret keeps
     * @param now the current time: secrets not active at it are removed, and it becomes
     *     {@code updatedAt}
     * @return the endpoint as stored afterwards
     * @throws NotFoundException if there is no such endpoint
     */
    Endpoint rotateSecret(String endpointId, EndpointSecret newSecret, Instant oldExpireAt, Instant now);

    /**
     * Notes an attempt outcome for endpoint health: a success clears
     * {@link Endpoint#failingSince()}, a failure sets it to {@code at} unless it is set already.
     * {@code updatedAt} is left as stored (health is not a change of settings).
     *
     * @param endpointId the endpoint id ({@code ep_…})
     * @param succeeded whether the attempt succeeded (got a 2xx response)
     * @param at when the attempt was made: {@code failingSince} on a first failure
     * @return the endpoint as stored afterwards
     * @throws NotFoundException if there is no such endpoint
     */
    Endpoint recordEndpointHealth(String endpointId, boolean succeeded, Instant at);
}
