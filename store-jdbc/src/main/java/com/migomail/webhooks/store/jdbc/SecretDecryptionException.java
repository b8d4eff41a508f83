package com.migomail.webhooks.store.jdbc;

import com.migomail.webhooks.store.StoreException;
import com.migomail.webhooks.store.TenantId;

/**
 * An endpoint's stored secrets do not decrypt: the ciphertext was altered, or copied from another
 * endpoint or tenant (each ciphertext is bound to its endpoint's tenant and id), or it names a data
 * key the database does not hold. Thrown by the read of that endpoint (listings and the fan-out of a
 * publish included); other endpoints are not affected. The message names the endpoint, never a
 * secret.
 */
public final class SecretDecryptionException extends StoreException {
    private static final long serialVersionUID = 1L;

    private final TenantId tenant;
    private final String endpointId;

    /**
     * Creates the exception for the endpoint whose secrets do not decrypt.
     *
     * @param tenant the endpoint's tenant, as stored in its row
     * @param endpointId the endpoint's id
     * @param reason why, for the message (never a secret)
     * @param cause the cipher's failure, chained, or {@code null}
     */
    public SecretDecryptionException(TenantId tenant, String endpointId, String reason, Throwable cause) {
        super("the secrets of endpoint " + endpointId + " of tenant " + tenant + " do not decrypt: " + reason, cause);
        this.tenant = tenant;
        this.endpointId = endpointId;
    }

    /**
     * The endpoint's tenant.
     *
     * @return the tenant named by the endpoint's row
     */
    public TenantId tenant() {
        return tenant;
    }

    /**
     * The endpoint's id.
     *
     * @return the id of the endpoint whose secrets do not decrypt
     */
    public String endpointId() {
        return endpointId;
    }
}
