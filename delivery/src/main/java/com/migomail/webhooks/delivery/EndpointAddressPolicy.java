package com.migomail.webhooks.delivery;

import com.migomail.webhooks.delivery.EndpointAddressRejectedException.Reason;
import com.migomail.webhooks.delivery.internal.AddressClassifier;
import com.migomail.webhooks.delivery.internal.AddressClassifier.Kind;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which endpoint URLs the sender may reach: protects the sender's own network from endpoints that
 * point into it (server-side request forgery). Immutable and thread-safe.
 *
 * <p>The default, {@link #publicHttpsOnly()}, accepts only {@code https} URLs whose host resolves
 * only to public addresses; it refuses loopback, private networks (RFC 1918), carrier-grade NAT,
 * link-local (including the cloud metadata address 169.254.169.254), unique-local, site-local,
 * multicast, unspecified, documentation, benchmarking and reserved ranges, and the IPv4-mapped,
 * IPv4-translated ({@code ::ffff:0:a.b.c.d}), NAT64 and 6to4 forms of refused IPv4 addresses. One
 * refused address among a host's answers refuses the host.
 *
 * <p>The sender checks on registration and again before every attempt, and hands the addresses it
 * checked ({@link #checkedAddresses}) to its {@link WebhookTransport}. The default transport, on
 * {@code java.net.http}, cannot connect to a given address and resolves the host again itself: a
 * host whose DNS answer changes between the check and the connection (DNS rebinding) can slip
 * through that window. A transport that connects only to the checked addresses (such as the
 * {@code migomail-webhooks-transport-apache} module's) closes it; so does an egress proxy that
 * enforces the same rules at the network edge ({@link WebhookSender.Builder#egressProxy}).
 */
public final class EndpointAddressPolicy {

    private final boolean allowHttp;
    private final Set<Kind> allowedKinds;
    private final HostResolver resolver;
    private final String name;

    private EndpointAddressPolicy(boolean allowHttp, Set<Kind> allowedKinds, HostResolver resolver, String name) {
        this.allowHttp = allowHttp;
        this.allowedKinds = Set.copyOf(allowedKinds);
        this.resolver = resolver;
        this.name = name;
    }

    /**
     * The default: {@code https} only, to hosts that resolve only to public addresses.
     *
     * @return the policy, resolving with {@link HostResolver#system()}
     */
    public static EndpointAddressPolicy publicHttpsOnly() {
        return new EndpointAddressPolicy(false, Set.of(), HostResolver.system(), "publicHttpsOnly");
    }

    /**
     * Also allows {@code http} and loopback addresses (127.0.0.0/8, ::1), for tests and demos on one
     * machine. Every other refused range stays refused. Do not use in production.
     *
     * @return the policy, resolving with {@link HostResolver#system()}
     */
    public static EndpointAddressPolicy allowLoopbackForTesting() {
        return new EndpointAddressPolicy(true, Set.of(Kind.LOOPBACK), HostResolver.system(), "allowLoopbackForTesting");
    }

    /**
     * Also allows {@code http}, loopback and private networks (RFC 1918, CGNAT, link-local including
     * cloud metadata services, unique-local): endpoints can then reach anything the sender can.
     * Unspecified, multicast and reserved addresses stay refused. Use only where every endpoint
     * owner is trusted, or behind an egress proxy that enforces its own policy.
     *
     * @return the policy, resolving with {@link HostResolver#system()}
     */
    public static EndpointAddressPolicy allowPrivateNetworksUnsafe() {
        return new EndpointAddressPolicy(
                true, Set.of(Kind.LOOPBACK, Kind.PRIVATE), HostResolver.system(), "allowPrivateNetworksUnsafe");
    }

    /**
     * This policy resolving hosts with that resolver (default {@link HostResolver#system()}).
     *
     * @param resolver resolves each checked URL's host to the addresses that are then classified
     * @return a new policy allowing the same schemes and ranges; this one is unchanged
     * @throws NullPointerException if resolver is null
     */
    public EndpointAddressPolicy withResolver(HostResolver resolver) {
        Objects.requireNonNull(resolver, "resolver cannot be null");
        return new EndpointAddressPolicy(allowHttp, allowedKinds, resolver, name);
    }

    /**
     * Checks a URL: its scheme, then every address its host resolves to. May block on DNS.
     *
     * @param url the endpoint URL to check
     * @throws NullPointerException if url is null
     * @throws EndpointAddressRejectedException if the URL is refused, with the reason
     */
    public void check(URI url) {
        checkedAddresses(url);
    }

    /**
     * Checks a URL as {@link #check} does and returns what it checked: the addresses its host
     * resolved to, every one of them allowed, in the resolver's order. A transport that connects only
     * to these ({@link WebhookRequest#addresses()}) cannot be steered elsewhere by a DNS answer that
     * changes after the check. May block on DNS.
     *
     * @param url the endpoint URL to check
     * @return the allowed addresses of the URL's host, at least one; unmodifiable
     * @throws NullPointerException if url is null
     * @throws EndpointAddressRejectedException if the URL is refused, with the reason
     */
    public List<InetAddress> checkedAddresses(URI url) {
        Objects.requireNonNull(url, "url cannot be null");
        checkScheme(url);
        String host = host(url);
        List<InetAddress> addresses = resolve(url, host);
        for (InetAddress address : addresses) {
            Optional<AddressClassifier.Range> range = AddressClassifier.classify(address);
            if (range.isPresent() && !allowedKinds.contains(range.get().kind())) {
                throw new EndpointAddressRejectedException(url.toString(), range.get().reason(),
                        "host " + host + " resolves to " + address.getHostAddress() + " (" + range.get().description() + ")");
            }
        }
        return addresses;
    }

    private void checkScheme(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (scheme.equals("https") || (allowHttp && scheme.equals("http"))) {
            return;
        }
        throw new EndpointAddressRejectedException(url.toString(), Reason.SCHEME,
                "scheme '" + scheme + "' is not allowed (" + (allowHttp ? "http or https" : "https only") + ")");
    }

    private static String host(URI url) {
        String host = url.getHost();
        if (host == null || host.isEmpty()) {
            throw new EndpointAddressRejectedException(url.toString(), Reason.NO_HOST, "no host");
        }
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private List<InetAddress> resolve(URI url, String host) {
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new EndpointAddressRejectedException(url.toString(), Reason.UNRESOLVABLE, "host " + host + " does not resolve", e);
        }
        if (addresses == null || addresses.isEmpty()) {
            throw new EndpointAddressRejectedException(url.toString(), Reason.UNRESOLVABLE, "host " + host + " has no addresses");
        }
        if (addresses.stream().anyMatch(Objects::isNull)) {
            throw new EndpointAddressRejectedException(url.toString(), Reason.UNRESOLVABLE,
                    "host " + host + " resolved to a null address");
        }
        return List.copyOf(addresses);
    }

    @Override
    public String toString() {
        return "EndpointAddressPolicy[" + name + "]";
    }
}
