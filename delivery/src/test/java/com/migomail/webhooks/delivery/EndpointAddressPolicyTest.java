package com.migomail.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.migomail.webhooks.WebhookException;
import com.migomail.webhooks.delivery.EndpointAddressRejectedException.Reason;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Only the policy's check runs here, with an injected resolver: nothing connects anywhere. */
class EndpointAddressPolicyTest {
    private static final URI URL = URI.create("https://hooks.example.com/migomail");

    @ParameterizedTest(name = "{0} is refused as {1}")
    @CsvSource(delimiter = '|', value = {
        "127.0.0.1        | loopback 127.0.0.0/8",
        "127.255.255.254  | loopback 127.0.0.0/8",
        "::1              | loopback ::1",
        "10.1.2.3         | private network 10.0.0.0/8",
        "172.16.0.1       | private network 172.16.0.0/12",
        "172.31.255.255   | private network 172.16.0.0/12",
        "192.168.1.1      | private network 192.168.0.0/16",
        "169.254.169.254  | link-local 169.254.0.0/16 (cloud metadata services live here)",
        "fe80::1          | link-local fe80::/10",
        "100.64.0.1       | carrier-grade NAT 100.64.0.0/10",
        "100.127.255.255  | carrier-grade NAT 100.64.0.0/10",
        "224.0.0.1        | multicast 224.0.0.0/4",
        "ff02::1          | multicast ff00::/8",
        "fc00::1          | unique-local fc00::/7",
        "fd12:3456::1     | unique-local fc00::/7",
        "0.0.0.0          | \"this network\" 0.0.0.0/8",
        "::               | unspecified ::",
        "255.255.255.255  | reserved 240.0.0.0/4 (and broadcast)",
        "192.0.2.10       | documentation 192.0.2.0/24",
        "198.18.0.1       | benchmarking 198.18.0.0/15",
        "fec0::1          | site-local fec0::/10",
        "2001:db8::1      | documentation 2001:db8::/32",
        "64:ff9b::a00:1   | NAT64 form of private network 10.0.0.0/8",
        "2002:a9fe:a9fe:: | 6to4 form of link-local 169.254.0.0/16 (cloud metadata services live here)",
        "::7f00:1         | IPv4-compatible ::/96",
        "::ffff:0:7f00:1  | IPv4-translated form of loopback 127.0.0.0/8",
        "::ffff:0:a00:7   | IPv4-translated form of private network 10.0.0.0/8",
        "::ffff:0:a9fe:a9fe | IPv4-translated form of link-local 169.254.0.0/16 (cloud metadata services live here)",
        "::ffff:0:0:0     | IPv4-translated form of \"this network\" 0.0.0.0/8",
    })
    void refusesSpecialPurposeRanges(String address, String range) throws Exception {
        InetAddress resolved = InetAddress.getByName(address);

        assertThatThrownBy(() -> policyResolvingTo(resolved).check(URL))
                .isInstanceOf(EndpointAddressRejectedException.class)
                .hasMessage("endpoint URL " + URL + " rejected: host hooks.example.com resolves to "
                        + resolved.getHostAddress() + " (" + range + ")");
    }

    @ParameterizedTest(name = "IPv4-mapped ::ffff:{0} is refused")
    @CsvSource({"127.0.0.1", "10.0.0.1", "169.254.169.254", "100.64.0.1"})
    void refusesIpv4MappedFormsOfRefusedAddresses(String v4) throws Exception {
        byte[] bytes = new byte[16];
        bytes[10] = (byte) 0xff;
        bytes[11] = (byte) 0xff;
        System.arraycopy(InetAddress.getByName(v4).getAddress(), 0, bytes, 12, 4);
        InetAddress mapped = Inet6Address.getByAddress(null, bytes, -1);

        assertThatThrownBy(() -> policyResolvingTo(mapped).check(URL))
                .isInstanceOf(EndpointAddressRejectedException.class)
                .hasMessageContaining("(IPv4-mapped form of ");
    }

    @ParameterizedTest(name = "{0} is allowed")
    @CsvSource({"93.184.215.14", "8.8.8.8", "2606:4700::6810:85e5", "172.32.0.1", "100.128.0.1", "::ffff:0:808:808"})
    void allowsPublicAddresses(String address) throws Exception {
        InetAddress resolved = InetAddress.getByName(address);

        assertThatCode(() -> policyResolvingTo(resolved).check(URL)).doesNotThrowAnyException();
    }

    @Test
    void refusesAHostWhoseAnswersMixPublicAndPrivate() throws Exception {
        EndpointAddressPolicy policy = policyResolvingTo(
                InetAddress.getByName("93.184.215.14"), InetAddress.getByName("10.0.0.7"));

        assertThatThrownBy(() -> policy.check(URL))
                .isInstanceOf(EndpointAddressRejectedException.class)
                .hasMessageEndingWith("resolves to 10.0.0.7 (private network 10.0.0.0/8)");
    }

    @Test
    void refusesPlainHttpByDefault() throws Exception {
        EndpointAddressPolicy policy = policyResolvingTo(InetAddress.getByName("93.184.215.14"));

        assertThatThrownBy(() -> policy.check(URI.create("http://hooks.example.com/migomail")))
                .isInstanceOf(EndpointAddressRejectedException.class)
                .hasMessage("endpoint URL http://hooks.example.com/migomail rejected: scheme 'http' is not allowed (https only)")
                .extracting(e -> ((EndpointAddressRejectedException) e).url())
                .isEqualTo("http://hooks.example.com/migomail");
    }

    @Test
    void refusesOtherSchemesEvenWhenHttpIsAllowed() {
        assertThatThrownBy(() -> EndpointAddressPolicy.allowLoopbackForTesting().check(URI.create("ftp://127.0.0.1/x")))
                .isInstanceOf(EndpointAddressRejectedException.class)
                .hasMessageEndingWith("scheme 'ftp' is not allowed (http or https)");
    }

    @Test
    void refusesAHostThatDoesNotResolve() {
        EndpointAddressPolicy policy = EndpointAddressPolicy.publicHttpsOnly().withResolver(host -> {
            throw new UnknownHostException(host);
        });

        assertThatThrownBy(() -> policy.check(URL))
                .isInstanceOf(EndpointAddressRejectedException.class)
                .hasMessageEndingWith("host hooks.example.com does not resolve")
                .hasCauseInstanceOf(UnknownHostException.class);
    }

    @Test
    void loopbackOptInAllowsLoopbackAndHttpButNothingElse() throws Exception {
        EndpointAddressPolicy loopback = EndpointAddressPolicy.allowLoopbackForTesting();
        URI local = URI.create("http://hooks.example.com:8080/x");

        assertThatCode(() -> loopback.withResolver(resolving("127.0.0.1")).check(local)).doesNotThrowAnyException();
        assertThatCode(() -> loopback.withResolver(resolving("::1")).check(local)).doesNotThrowAnyException();
        assertThatThrownBy(() -> loopback.withResolver(resolving("192.168.0.10")).check(local))
                .isInstanceOf(EndpointAddressRejectedException.class);
        assertThatThrownBy(() -> loopback.withResolver(resolving("169.254.169.254")).check(local))
                .isInstanceOf(EndpointAddressRejectedException.class);
    }

    @Test
    void privateNetworkOptInStillRefusesUnspecifiedAndMulticast() throws Exception {
        EndpointAddressPolicy unsafe = EndpointAddressPolicy.allowPrivateNetworksUnsafe();

        assertThatCode(() -> unsafe.withResolver(resolving("10.0.0.7")).check(URL)).doesNotThrowAnyException();
        assertThatCode(() -> unsafe.withResolver(resolving("fd00::7")).check(URL)).doesNotThrowAnyException();
        assertThatThrownBy(() -> unsafe.withResolver(resolving("0.0.0.0")).check(URL))
                .isInstanceOf(EndpointAddressRejectedException.class);
        assertThatThrownBy(() -> unsafe.withResolver(resolving("224.0.0.251")).check(URL))
                .isInstanceOf(EndpointAddressRejectedException.class);
    }

    @Test
    void passesIpv6LiteralsToTheResolverWithoutBrackets() throws Exception {
        List<String> asked = new java.util.ArrayList<>();
        EndpointAddressPolicy policy = EndpointAddressPolicy.publicHttpsOnly().withResolver(host -> {
            asked.add(host);
            return List.of(InetAddress.getByName("2606:4700::6810:85e5"));
        });

        policy.check(URI.create("https://[2606:4700::6810:85e5]/x"));

        assertThat(asked).containsExactly("2606:4700::6810:85e5");
    }

    @ParameterizedTest(name = "{0} is refused with reason {1}")
    @CsvSource(delimiter = '|', value = {
        "127.0.0.1        | LOOPBACK",
        "::1              | LOOPBACK",
        "10.1.2.3         | PRIVATE_NETWORK",
        "100.64.0.1       | PRIVATE_NETWORK",
        "fd12:3456::1     | PRIVATE_NETWORK",
        "fec0::1          | PRIVATE_NETWORK",
        "169.254.169.254  | LINK_LOCAL",
        "fe80::1          | LINK_LOCAL",
        "2002:a9fe:a9fe:: | LINK_LOCAL",
        "64:ff9b::a00:1   | PRIVATE_NETWORK",
        "::ffff:0:7f00:1  | LOOPBACK",
        "::ffff:0:a9fe:a9fe | LINK_LOCAL",
        "0.0.0.0          | SPECIAL_PURPOSE",
        "224.0.0.1        | SPECIAL_PURPOSE",
        "192.0.2.10       | SPECIAL_PURPOSE",
        "2001:db8::1      | SPECIAL_PURPOSE",
    })
    void anAddressRefusalCarriesTheReasonTheUrlAndTheDetail(String address, Reason reason) throws Exception {
        InetAddress resolved = InetAddress.getByName(address);

        EndpointAddressRejectedException e = catchThrowableOfType(EndpointAddressRejectedException.class,
                () -> policyResolvingTo(resolved).check(URL));

        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.url()).isEqualTo(URL.toString());
        assertThat(e.getMessage()).isEqualTo("endpoint URL " + URL + " rejected: " + e.detail());
        assertThat(e.detail()).startsWith("host hooks.example.com resolves to " + resolved.getHostAddress() + " (");
    }

    @Test
    void aSchemeHostOrDnsRefusalCarriesItsReason() throws Exception {
        EndpointAddressPolicy policy = policyResolvingTo(InetAddress.getByName("93.184.215.14"));
        EndpointAddressPolicy unresolvable = EndpointAddressPolicy.publicHttpsOnly().withResolver(host -> {
            throw new UnknownHostException(host);
        });
        EndpointAddressPolicy noAddresses = EndpointAddressPolicy.publicHttpsOnly().withResolver(host -> List.of());

        assertThat(rejection(policy, "http://hooks.example.com/x").reason()).isEqualTo(Reason.SCHEME);
        assertThat(rejection(policy, "http://hooks.example.com/x").detail()).isEqualTo("scheme 'http' is not allowed (https only)");
        assertThat(rejection(policy, "https:///x").reason()).isEqualTo(Reason.NO_HOST);
        assertThat(rejection(policy, "https:///x").detail()).isEqualTo("no host");
        assertThat(rejection(unresolvable, URL.toString()).reason()).isEqualTo(Reason.UNRESOLVABLE);
        assertThat(rejection(noAddresses, URL.toString()).reason()).isEqualTo(Reason.UNRESOLVABLE);
        assertThat(rejection(noAddresses, URL.toString()).detail()).isEqualTo("host hooks.example.com has no addresses");
    }

    @Test
    void aRejectionIsADeliveryExceptionAndRefusesNullData() {
        assertThat(new EndpointAddressRejectedException("https://x", Reason.SCHEME, "d"))
                .isInstanceOf(WebhookDeliveryException.class).isInstanceOf(WebhookException.class);
        assertThatThrownBy(() -> new EndpointAddressRejectedException("https://x", null, "d"))
                .isInstanceOf(NullPointerException.class).hasMessage("reason cannot be null");
        assertThatThrownBy(() -> new EndpointAddressRejectedException("https://x", Reason.SCHEME, null, null))
                .isInstanceOf(NullPointerException.class).hasMessage("detail cannot be null");
    }

    private static EndpointAddressRejectedException rejection(EndpointAddressPolicy policy, String url) {
        return catchThrowableOfType(EndpointAddressRejectedException.class, () -> policy.check(URI.create(url)));
    }

    private static EndpointAddressPolicy policyResolvingTo(InetAddress... addresses) {
        return EndpointAddressPolicy.publicHttpsOnly().withResolver(host -> List.of(addresses));
    }

    private static HostResolver resolving(String literal) throws UnknownHostException {
        InetAddress address = InetAddress.getByName(literal);
        return host -> List.of(address);
    }
}
