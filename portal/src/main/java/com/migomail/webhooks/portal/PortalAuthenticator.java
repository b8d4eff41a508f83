package com.migomail.webhooks.portal;

import com.migomail.webhooks.store.TenantId;
import java.util.Optional;

/**
 * The host's decision of who is asking: maps a request to the tenant it may see, or refuses it. The
 * portal asks it on every request (pages, static files excepted, and every API call); a refusal
 * answers 401. The tenant it returns is the request's tenant, whatever session cookie the request
 * carries. Typically it reads the host's own session cookie or a header set by the host's
 * authenticating proxy.
 *
 * <p>Implementations must be thread-safe and should be fast: they run on the request's thread. An
 * exception thrown by it answers 500 (and is logged); it does not let the request through.
 */
@FunctionalInterface
public interface PortalAuthenticator {

    /**
     * Who is asking.
     *
     * @param request the request (read only)
     * @return the tenant whose data the request may see and change, or empty to refuse it
     */
    Optional<TenantId> authenticate(PortalRequest request);
}
