package com.migomail.webhooks.portal;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * A read-only view of one request to the portal, as a {@link PortalAuthenticator} sees it. Both
 * adapters build it; a host may implement it to test its authenticator. Implementations are
 * immutable views of one request and may be used only while that request is being handled.
 */
public interface PortalRequest {

    /**
     * The HTTP method.
     *
     * @return e.g. {@code GET}, upper case
     */
    String method();

    /**
     * The path within the portal, without the mount path and without the query.
     *
     * @return e.g. {@code /api/v1/endpoints}; {@code /} for the page itself
     */
    String path();

    /**
     * The first value of a request header.
     *
     * @param name the header's name, in any letter case
     * @return its first value, or empty if the request has no such header
     * @throws NullPointerException if name is null
     */
    Optional<String> header(String name);

    /**
     * The value of a cookie the request carries.
     *
     * @param name the cookie's name, exactly
     * @return the first cookie's value with that name, or empty if there is none
     * @throws NullPointerException if name is null
     */
    Optional<String> cookie(String name);

    /**
     * The address the request came from, as the server's connection sees it (a proxy's, behind one).
     *
     * @return the remote address
     */
    InetSocketAddress remoteAddress();

    /**
     * Whether the request came over https, as the server sees it.
     *
     * @return true for https
     */
    boolean secure();
}
