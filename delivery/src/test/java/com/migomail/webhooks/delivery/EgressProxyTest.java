package com.migomail.webhooks.delivery;

import static com.migomail.webhooks.delivery.TestTenants.TENANT;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.migomail.webhooks.store.DeliveryStatus;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sender's own client goes through a proxy only when told to: never because of JVM properties. */
class EgressProxyTest extends SenderTestSupport {
    private static final String[] PROXY_PROPERTIES = {
        "http.proxyHost", "http.proxyPort", "https.proxyHost", "https.proxyPort", "http.nonProxyHosts"};

    private final Map<String, String> savedProperties = new HashMap<>();
    private RecordingProxy proxy;

    @BeforeEach
    void startProxy() throws IOException {
        proxy = new RecordingProxy();
    }

    @AfterEach
    void stopProxyAndRestoreProperties() throws IOException {
        proxy.close();
        savedProperties.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
    }

    @Test
    void theSendersOwnClientIgnoresTheJvmProxyProperties() {
        receiver.stubFor(post("/hook").willReturn(ok()));
        setProxyProperties(proxy.address());
        // What -Dhttp.proxyHost makes of the JVM's default: every other HttpClient would go through it.
        assertThat(ProxySelector.getDefault().select(URI.create(url("/hook"))))
                .containsExactly(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved("127.0.0.1", proxy.address().getPort())));
        WebhookSender sender = startedSender(b -> b);
        sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*"));

        String deliveryId = sender.publish(TENANT, openedEvent()).deliveryIds().get(0);

        awaitStatus(deliveryId, DeliveryStatus.DELIVERED);
        assertThat(receiver.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
        assertThat(proxy.requestLines()).isEmpty();
    }

    @Test
    void anEgressProxyCarriesPlainHttpAsAbsoluteFormRequests() {
        WebhookSender sender = startedSender(b -> b.egressProxy(proxy.address()));
        sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*"));

        String deliveryId = sender.publish(TENANT, openedEvent()).deliveryIds().get(0);

        awaitStatus(deliveryId, DeliveryStatus.DELIVERED);
        assertThat(proxy.requestLines()).containsExactly("POST " + url("/hook") + " HTTP/1.1");
        assertThat(receiver.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void anEgressProxyCarriesHttpsAsConnectAndItsRefusalIsAFailedAttempt() {
        WebhookSender sender = startedSender(b -> b.egressProxy(proxy.address()));
        String endpoint = "https://127.0.0.1:" + receiver.port() + "/hook";
        sender.registerEndpoint(TENANT, EndpointRegistration.of(endpoint, "*"));

        String deliveryId = sender.publish(TENANT, openedEvent()).deliveryIds().get(0);

        awaitAttempts(deliveryId, 1);
        assertThat(proxy.requestLines()).containsExactly("CONNECT 127.0.0.1:" + receiver.port() + " HTTP/1.1");
        assertThat(delivery(deliveryId).status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(receiver.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    /** The JVM properties of a host that runs with {@code -Dhttp.proxyHost}, loopback included. */
    private void setProxyProperties(InetSocketAddress address) {
        for (String name : PROXY_PROPERTIES) {
            savedProperties.put(name, System.getProperty(name));
        }
        String port = String.valueOf(address.getPort());
        System.setProperty("http.proxyHost", "127.0.0.1");
        System.setProperty("http.proxyPort", port);
        System.setProperty("https.proxyHost", "127.0.0.1");
        System.setProperty("https.proxyPort", port);
        System.setProperty("http.nonProxyHosts", "");   // the JVM's default exempts loopback
    }
}
