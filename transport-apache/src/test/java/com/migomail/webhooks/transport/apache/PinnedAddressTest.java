package com.migomail.webhooks.transport.apache;

import static com.migomail.webhooks.transport.apache.Requests.ip;
import static com.migomail.webhooks.transport.apache.Requests.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.migomail.webhooks.delivery.WebhookResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The transport connects to the checked address it was given, never to what the host name resolves to now. */
class PinnedAddressTest {

    private final ApacheHttpTransport transport = ApacheHttpTransport.builder()
            .connectTimeout(Duration.ofMillis(500)).build();

    @AfterEach
    void close() {
        transport.close();
    }

    @Test
    void reachesTheCheckedAddressOfAHostNameNoResolverKnows() throws Exception {
        assertThatThrownBy(() -> InetAddress.getAllByName("hooks.example.test")).isInstanceOf(UnknownHostException.class);
        try (Receiver receiver = Receiver.http().on("/hook", Receiver.answer(200, "ok")).start()) {
            String url = "http://hooks.example.test:" + receiver.port() + "/hook?tenant=t1";

            WebhookResponse response = send(post(url, List.of(ip("hooks.example.test", "127.0.0.1")), Duration.ofSeconds(10)));

            assertThat(response).isEqualTo(new WebhookResponse(200, null, "ok"));
            assertThat(receiver.received()).singleElement().satisfies(request -> {
                assertThat(request.method()).isEqualTo("POST");
                assertThat(request.uri()).isEqualTo("/hook?tenant=t1");
                assertThat(request.headers()).containsEntry("host", "hooks.example.test:" + receiver.port());
            });
        }
    }

    @Test
    void neverConnectsToLoopbackWhenTheCheckedAddressWasPublicAndTheNameNowResolvesToLoopback() throws Exception {
        // The DNS-rebinding case: the address policy's lookup answered one address (here 127.0.0.3,
        // where nothing listens, standing in for the public answer so that the test stays on
        // loopback), and a second lookup of the name would answer 127.0.0.1, where the endpoint
        // listens: "localhost" resolves to 127.0.0.1 on every machine.
        try (Receiver loopback = Receiver.http().on("/", Receiver.answer(200, "internal")).start()) {
            String url = "http://localhost:" + loopback.port() + "/admin";

            assertThatThrownBy(() -> send(post(url, List.of(ip("localhost", "127.0.0.3")), Duration.ofSeconds(5))))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(IOException.class);
            assertThat(loopback.received()).isEmpty();
        }
    }

    @Test
    void sendsTheHeadersAndBodyAsGivenPlusHostAndContentLength() throws Exception {
        try (Receiver receiver = Receiver.http().on("/hook", Receiver.answer(204, "")).start()) {
            send(post("http://hooks.example.test:" + receiver.port() + "/hook", "127.0.0.1"));

            Receiver.Received request = receiver.received().get(0);
            assertThat(request.body()).isEqualTo(Requests.BODY);
            Map<String, String> expected = new java.util.TreeMap<>();
            Requests.HEADERS.forEach((name, value) -> expected.put(name.toLowerCase(java.util.Locale.ROOT), value));
            expected.put("host", "hooks.example.test:" + receiver.port());
            expected.put("content-length", String.valueOf(Requests.BODY.getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
            assertThat(request.headers()).isEqualTo(expected);
        }
    }

    @Test
    void triesTheNextCheckedAddressWhenTheFirstRefusesTheConnection() throws Exception {
        try (Receiver receiver = Receiver.http().on("/hook", Receiver.answer(200, "second")).start()) {
            String url = "http://hooks.example.test:" + receiver.port() + "/hook";
            // Nothing listens on 127.0.0.2 at that port: refused, nothing sent.
            List<InetAddress> checked = List.of(ip("hooks.example.test", "127.0.0.2"), ip("hooks.example.test", "127.0.0.1"));

            WebhookResponse response = send(post(url, checked, Duration.ofSeconds(10)));

            assertThat(response.bodyExcerpt()).isEqualTo("second");
            assertThat(receiver.received()).hasSize(1);
        }
    }

    @Test
    void neverSendsTheRequestToASecondAddressOnceItMayHaveBeenSent() throws Exception {
        try (ServerSocket first = new ServerSocket(0, 50, ip("127.0.0.1"));
                ServerSocket second = new ServerSocket(first.getLocalPort(), 50, ip("127.0.0.2"))) {
            AtomicInteger secondConnections = new AtomicInteger();
            background(() -> acceptCounting(second, secondConnections));
            Thread reader = background(() -> readHeadThenHangUp(first));
            String url = "http://hooks.example.test:" + first.getLocalPort() + "/hook";
            List<InetAddress> checked = List.of(ip("hooks.example.test", "127.0.0.1"), ip("hooks.example.test", "127.0.0.2"));

            assertThatThrownBy(() -> send(post(url, checked, Duration.ofSeconds(10))))
                    .cause().isInstanceOf(IOException.class);
            reader.join(5_000);
            assertThat(secondConnections).hasValue(0);
        }
    }

    @Test
    void aRefusedConnectionFailsWithAConnectExceptionThatNamesTheHostButNotTheAddress() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 50, ip("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://hooks.example.test:" + closedPort + "/hook";

        assertThatThrownBy(() -> send(post(url, List.of(ip("hooks.example.test", "127.0.0.1")), Duration.ofSeconds(10))))
                .cause()
                .isInstanceOf(ConnectException.class)
                .hasMessage("Connect to http://hooks.example.test:" + closedPort + " failed: Connection refused")
                .satisfies(error -> assertThat(error.getMessage()).doesNotContain("127.0.0.1"));
    }

    @Test
    void ignoresTheJvmProxySettings() throws Exception {
        String[] keys = {"http.proxyHost", "http.proxyPort", "http.nonProxyHosts"};
        String[] saved = {System.getProperty(keys[0]), System.getProperty(keys[1]), System.getProperty(keys[2])};
        ProxySelector savedSelector = ProxySelector.getDefault();
        try (ServerSocket proxy = new ServerSocket(0, 50, ip("127.0.0.1"));
                Receiver receiver = Receiver.http().on("/hook", Receiver.answer(200, "direct")).start()) {
            AtomicInteger proxyConnections = new AtomicInteger();
            background(() -> acceptCounting(proxy, proxyConnections));
            System.setProperty(keys[0], "127.0.0.1");
            System.setProperty(keys[1], String.valueOf(proxy.getLocalPort()));
            System.setProperty(keys[2], "");
            ProxySelector.setDefault(ProxySelector.of(new InetSocketAddress("127.0.0.1", proxy.getLocalPort())));

            WebhookResponse response = send(post("http://hooks.example.test:" + receiver.port() + "/hook", "127.0.0.1"));

            assertThat(response.bodyExcerpt()).isEqualTo("direct");
            assertThat(proxyConnections).hasValue(0);
        } finally {
            ProxySelector.setDefault(savedSelector);
            for (int i = 0; i < keys.length; i++) {
                if (saved[i] == null) {
                    System.clearProperty(keys[i]);
                } else {
                    System.setProperty(keys[i], saved[i]);
                }
            }
        }
    }

    private WebhookResponse send(com.migomail.webhooks.delivery.WebhookRequest request) throws Exception {
        return transport.send(request).get(20, TimeUnit.SECONDS);
    }

    private static Thread background(Runnable task) {
        Thread thread = new Thread(task, "test-listener");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void acceptCounting(ServerSocket server, AtomicInteger connections) {
        while (!server.isClosed()) {
            try (Socket ignored = server.accept()) {
                connections.incrementAndGet();
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** Reads the request head, then closes the connection without an answer. */
    private static void readHeadThenHangUp(ServerSocket server) {
        try (Socket socket = server.accept(); InputStream in = socket.getInputStream()) {
            int matched = 0;
            byte[] end = {'\r', '\n', '\r', '\n'};
            while (matched < end.length) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            }
        } catch (IOException ignored) {
            // The test fails on what the transport reports, not here.
        }
    }
}
