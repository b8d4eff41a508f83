package com.migomail.webhooks.delivery;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Resolves a host name to its addresses, for the {@link EndpointAddressPolicy}. Implementations must
 * be thread-safe. The default, {@link #system()}, asks the JVM's resolver, as {@code HttpClient}
 * does when it connects.
 */
@FunctionalInterface
public interface HostResolver {

    /**
     * All addresses of a host name or address literal (IPv6 literals without brackets).
     *
     * @param host the host name, or an IPv4 or IPv6 address literal
     * @return the addresses, at least one; a {@code null} or empty list is refused by the policy as
     *     unresolvable
     * @throws UnknownHostException if the host does not resolve
     */
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /**
     * The JVM's resolver ({@link InetAddress#getAllByName}); may block on DNS.
     *
     * @return the system resolver
     */
    static HostResolver system() {
        return host -> List.of(InetAddress.getAllByName(host));
    }
}
