package com.migomail.webhooks.transport.apache.internal;

import java.net.InetAddress;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.routing.HttpRoutePlanner;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.ProtocolException;
import org.apache.hc.core5.http.URIScheme;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Routes each request to the checked address its context carries: the route's target is the URL's
 * host name with that address attached, so the connection operator connects to the address without
 * resolving, while TLS (server name and certificate check) and the {@code Host} header keep the
 * name. Because the address is part of the route, the pool reuses a connection only for requests to
 * the same name, port and address. With an egress proxy every route goes through it and carries no
 * address (the proxy resolves).
 *
 * <p>Apache's {@code DnsResolver} hook gets only a host name, and the connect path hands the
 * request's context only to the internal connection operator; the route planner is the public hook
 * that sees the request's context.
 */
final class CheckedAddressRoutePlanner implements HttpRoutePlanner {
    /** The context attribute holding the {@link InetAddress} this request connects to. */
    static final String ADDRESS = "com.migomail.webhooks.transport.apache.address";

    private final HttpHost proxy;

    /** @param proxy the egress proxy, or {@code null} for direct connections to checked addresses */
    CheckedAddressRoutePlanner(HttpHost proxy) {
        this.proxy = proxy;
    }

    @Override
    public HttpRoute determineRoute(HttpHost target, HttpContext context) throws HttpException {
        return determineRoute(target, null, context);
    }

    @Override
    public HttpRoute determineRoute(HttpHost target, HttpRequest request, HttpContext context) throws HttpException {
        if (target == null) {
            throw new ProtocolException("no target host");
        }
        boolean secure = URIScheme.HTTPS.same(target.getSchemeName());
        int port = target.getPort() >= 0 ? target.getPort() : secure ? 443 : 80;
        if (proxy != null) {
            return new HttpRoute(new HttpHost(target.getSchemeName(), target.getHostName(), port), null, proxy, secure);
        }
        Object address = context == null ? null : context.getAttribute(ADDRESS);
        if (!(address instanceof InetAddress)) {
            // Fail closed: a request without a checked address is never sent, and never resolved.
            throw new ProtocolException("no checked address for " + target.getHostName());
        }
        HttpHost pinned = new HttpHost(target.getSchemeName(), (InetAddress) address, target.getHostName(), port);
        return new HttpRoute(pinned, null, secure);
    }
}
