package com.migomail.webhooks.transport.apache.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.DnsResolver;

/**
 * Resolves nothing. Every route carries the address to connect to (a checked address, or the
 * resolved egress proxy), so the client never needs DNS; if some path asked anyway, it fails
 * instead of connecting to whatever the name resolves to now.
 */
final class RefusingDnsResolver implements DnsResolver {
    static final RefusingDnsResolver INSTANCE = new RefusingDnsResolver();

    private RefusingDnsResolver() {}

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        throw refused(host);
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        throw refused(host);
    }

    private static UnknownHostException refused(String host) {
        return new UnknownHostException(host + " (not resolved: this transport connects only to checked addresses)");
    }
}
