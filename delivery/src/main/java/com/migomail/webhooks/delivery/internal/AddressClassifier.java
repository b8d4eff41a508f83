package com.migomail.webhooks.delivery.internal;

import com.migomail.webhooks.delivery.EndpointAddressRejectedException.Reason;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Sorts addresses into the special-purpose ranges (IANA registries) that a webhook must not reach by
 * default. Addresses outside every range are public.
 */
public final class AddressClassifier {

    /** How risky a range is, which decides which policies may allow it. */
    public enum Kind {
        /** The host itself: 127.0.0.0/8, ::1. */
        LOOPBACK,
        /** Networks behind the sender: RFC 1918, CGNAT, link-local, unique-local, site-local. */
        PRIVATE,
        /** Never a sensible unicast target: unspecified, multicast, broadcast, reserved, tunnels. */
        SPECIAL
    }

    /**
     * A range an address fell into.
     *
     * @param description the range as messages name it, e.g. {@code private network 10.0.0.0/8}
     * @param reason the reason a refusal gives: {@code LOOPBACK}, {@code PRIVATE_NETWORK},
     *     {@code LINK_LOCAL} or {@code SPECIAL_PURPOSE}
     */
    public record Range(String description, Reason reason) {
        /**
         * How risky the range is, which decides which policies allow it; link-local counts as private.
         *
         * @return the kind of the range's reason
         * @throws IllegalStateException if the reason is not an address range ({@code SCHEME},
         *     {@code NO_HOST} or {@code UNRESOLVABLE})
         */
        public Kind kind() {
            return switch (reason) {
                case LOOPBACK -> Kind.LOOPBACK;
                case PRIVATE_NETWORK, LINK_LOCAL -> Kind.PRIVATE;
                case SPECIAL_PURPOSE -> Kind.SPECIAL;
                case SCHEME, NO_HOST, UNRESOLVABLE -> throw new IllegalStateException("not an address range: " + reason);
            };
        }
    }

    private record Cidr(byte[] network, int prefix, Range range) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private static final List<Cidr> V4 = List.of(
            cidr("0.0.0.0", 8, "\"this network\" 0.0.0.0/8", Reason.SPECIAL_PURPOSE),
            cidr("10.0.0.0", 8, "private network 10.0.0.0/8", Reason.PRIVATE_NETWORK),
            cidr("100.64.0.0", 10, "carrier-grade NAT 100.64.0.0/10", Reason.PRIVATE_NETWORK),
            cidr("127.0.0.0", 8, "loopback 127.0.0.0/8", Reason.LOOPBACK),
            cidr("169.254.0.0", 16, "link-local 169.254.0.0/16 (cloud metadata services live here)", Reason.LINK_LOCAL),
            cidr("172.16.0.0", 12, "private network 172.16.0.0/12", Reason.PRIVATE_NETWORK),
            cidr("192.0.0.0", 24, "IETF protocol assignments 192.0.0.0/24", Reason.SPECIAL_PURPOSE),
            cidr("192.0.2.0", 24, "documentation 192.0.2.0/24", Reason.SPECIAL_PURPOSE),
            cidr("192.88.99.0", 24, "6to4 relay anycast 192.88.99.0/24", Reason.SPECIAL_PURPOSE),
            cidr("192.168.0.0", 16, "private network 192.168.0.0/16", Reason.PRIVATE_NETWORK),
            cidr("198.18.0.0", 15, "benchmarking 198.18.0.0/15", Reason.SPECIAL_PURPOSE),
            cidr("198.51.100.0", 24, "documentation 198.51.100.0/24", Reason.SPECIAL_PURPOSE),
            cidr("203.0.113.0", 24, "documentation 203.0.113.0/24", Reason.SPECIAL_PURPOSE),
            cidr("224.0.0.0", 4, "multicast 224.0.0.0/4", Reason.SPECIAL_PURPOSE),
            cidr("240.0.0.0", 4, "reserved 240.0.0.0/4 (and broadcast)", Reason.SPECIAL_PURPOSE));

    private static final List<Cidr> V6 = List.of(
            cidr("::", 128, "unspecified ::", Reason.SPECIAL_PURPOSE),
            cidr("::1", 128, "loopback ::1", Reason.LOOPBACK),
            cidr("::", 96, "IPv4-compatible ::/96", Reason.SPECIAL_PURPOSE),
            cidr("64:ff9b:1::", 48, "local-use NAT64 64:ff9b:1::/48", Reason.PRIVATE_NETWORK),
            cidr("100::", 64, "discard-only 100::/64", Reason.SPECIAL_PURPOSE),
            cidr("2001::", 32, "Teredo 2001::/32", Reason.SPECIAL_PURPOSE),
            cidr("2001::", 23, "IETF protocol assignments 2001::/23", Reason.SPECIAL_PURPOSE),
            cidr("2001:db8::", 32, "documentation 2001:db8::/32", Reason.SPECIAL_PURPOSE),
            cidr("3fff::", 20, "documentation 3fff::/20", Reason.SPECIAL_PURPOSE),
            cidr("fc00::", 7, "unique-local fc00::/7", Reason.PRIVATE_NETWORK),
            cidr("fe80::", 10, "link-local fe80::/10", Reason.LINK_LOCAL),
            cidr("fec0::", 10, "site-local fec0::/10", Reason.PRIVATE_NETWORK),
            cidr("ff00::", 8, "multicast ff00::/8", Reason.SPECIAL_PURPOSE));

    private static final Cidr MAPPED = cidr("::ffff:0:0", 96, "IPv4-mapped ::ffff:0:0/96", Reason.SPECIAL_PURPOSE);
    /** RFC 2765 / 6052 {@code ::ffff:0:a.b.c.d}; a SIIT translator turns it into the IPv4 address it carries. */
    private static final Cidr TRANSLATED = cidr("::ffff:0:0:0", 96, "IPv4-translated ::ffff:0:0:0/96",
            Reason.SPECIAL_PURPOSE);
    private static final Cidr NAT64 = cidr("64:ff9b::", 96, "NAT64 64:ff9b::/96", Reason.SPECIAL_PURPOSE);
    private static final Cidr SIX_TO_FOUR = cidr("2002::", 16, "6to4 2002::/16", Reason.SPECIAL_PURPOSE);

    private AddressClassifier() {}

    /**
     * The refused range the address is in, or empty for a public address.
     *
     * @param address an IPv4 or IPv6 address; IPv4-mapped, IPv4-translated, NAT64 and 6to4 forms are
     *     classified by the IPv4 address they embed
     * @return the range, or empty if the address is public
     */
    public static Optional<Range> classify(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            return find(V4, bytes);
        }
        if (MAPPED.contains(bytes)) {
            return embedded(bytes, 12, "IPv4-mapped");
        }
        if (TRANSLATED.contains(bytes)) {
            return embedded(bytes, 12, "IPv4-translated");
        }
        if (NAT64.contains(bytes)) {
            return embedded(bytes, 12, "NAT64");
        }
        if (SIX_TO_FOUR.contains(bytes)) {
            return embedded(bytes, 2, "6to4");
        }
        return find(V6, bytes);
    }

    /** The first range containing the address. */
    private static Optional<Range> find(List<Cidr> ranges, byte[] bytes) {
        return ranges.stream().filter(cidr -> cidr.contains(bytes)).map(Cidr::range).findFirst();
    }

    /** An IPv6 form that carries an IPv4 address is as risky as the address it carries. */
    private static Optional<Range> embedded(byte[] bytes, int offset, String form) {
        byte[] v4 = Arrays.copyOfRange(bytes, offset, offset + 4);
        return find(V4, v4).map(inner -> new Range(form + " form of " + inner.description(), inner.reason()));
    }

    private static Cidr cidr(String network, int prefix, String description, Reason reason) {
        try {
            byte[] bytes = InetAddress.getByName(network).getAddress();
            if (network.contains(":") && bytes.length == 4) {
                bytes = mappedBytes(bytes);
            }
            return new Cidr(bytes, prefix, new Range(description, reason));
        } catch (UnknownHostException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** {@code ::ffff:a.b.c.d}, which the JDK would otherwise hand back as an IPv4 address. */
    private static byte[] mappedBytes(byte[] v4) {
        byte[] bytes = new byte[16];
        bytes[10] = (byte) 0xff;
        bytes[11] = (byte) 0xff;
        System.arraycopy(v4, 0, bytes, 12, 4);
        return bytes;
    }
}
