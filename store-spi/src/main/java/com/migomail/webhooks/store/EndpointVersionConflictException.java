package com.migomail.webhooks.store;

/**
 * A conditional write of an endpoint ({@link EndpointStore#updateEndpoint}) found another version
 * stored than the one it was made from: another write came between the caller's read and its write,
 * and the store wrote nothing. Read the endpoint again, apply the change to what is stored now, and
 * write that.
 */
public class EndpointVersionConflictException extends StoreException {
    private static final long serialVersionUID = 1L;

    private final String endpointId;
    private final long expectedVersion;
    private final long storedVersion;

    /**
     * Creates the exception for the endpoint and the two versions.
     *
     * @param endpointId the endpoint's id ({@code ep_…})
     * @param expectedVersion the version the write was made from
     * @param storedVersion the version the store holds
     */
    public EndpointVersionConflictException(String endpointId, long expectedVersion, long storedVersion) {
        super("endpoint " + endpointId + " changed since it was read: the write was made from version "
                + expectedVersion + ", the store holds version " + storedVersion + "; nothing was written");
        this.endpointId = endpointId;
        this.expectedVersion = expectedVersion;
        this.storedVersion = storedVersion;
    }

    /**
     * The endpoint whose write was refused.
     *
     * @return the id as given to the constructor
     */
    public String endpointId() {
        return endpointId;
    }

    /**
     * The version the refused write was made from ({@link Endpoint#version()} of its argument).
     *
     * @return the version as given to the constructor
     */
    public long expectedVersion() {
        return expectedVersion;
    }

    /**
     * The version the store held when it refused the write (it may have moved on since).
     *
     * @return the version as given to the constructor
     */
    public long storedVersion() {
        return storedVersion;
    }
}
