package com.migomail.webhooks.transport.apache;

import static com.migomail.webhooks.transport.apache.Requests.ip;
import static com.migomail.webhooks.transport.apache.Requests.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.migomail.webhooks.delivery.WebhookResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * With an egress proxy every request goes to the proxy, which resolves the host: the transport asks
 * it to {@code CONNECT} for https and sends the absolute URI for http, whatever the checked addresses.
 */
class EgressProxyTest {

    private final ServerSocket proxy = listen();
    private final ApacheHttpTransport transport = ApacheHttpTransport.builder()
            .egressProxy(new InetSocketAddress(ip("127.0.0.1"), proxy.getLocalPort())).build();

    @AfterEach
    void close() throws IOException {
        transport.close();
        proxy.close();
    }

    @Test
    void asksTheProxyToConnectToTheHostNameForHttpsAndFailsWhenItRefuses() throws Exception {
        CompletableFuture<List<String>> head = answerOnce("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");

        // The checked address is not used: the proxy decides where hooks.example.test is, and may refuse.
        assertThatThrownBy(() -> transport.send(post("https://hooks.example.test/hook", "192.0.2.1"))
                .get(20, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isExactlyInstanceOf(IOException.class).hasMessage("egress proxy refused the tunnel: 403 Forbidden");

        assertThat(head.get(20, TimeUnit.SECONDS)).first().isEqualTo("CONNECT hooks.example.test:443 HTTP/1.1");
        assertThat(head.get()).contains("Host: hooks.example.test:443");
    }

    @Test
    void sendsTheAbsoluteUriToTheProxyForHttp() throws Exception {
        CompletableFuture<List<String>> head = answerOnce("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");

        WebhookResponse response = transport.send(post("http://hooks.example.test:8080/hook?x=1", "192.0.2.1"))
                .get(20, TimeUnit.SECONDS);

        assertThat(response).isEqualTo(new WebhookResponse(200, null, "ok"));
        assertThat(head.get(20, TimeUnit.SECONDS)).first().isEqualTo("POST http://hooks.example.test:8080/hook?x=1 HTTP/1.1");
        assertThat(head.get()).contains("Host: hooks.example.test:8080", "webhook-id: evt_01j8x4k7q3c9v2m5n8p0r6s1td");
    }

    @Test
    void theDescriptionNamesTheProxy() {
        assertThat(transport).hasToString("ApacheHttpTransport[via egress proxy 127.0.0.1:" + proxy.getLocalPort() + "]");
        try (ApacheHttpTransport direct = ApacheHttpTransport.create()) {
            assertThat(direct).hasToString("ApacheHttpTransport[direct to checked addresses]");
        }
    }

    /** Accepts one connection, reads the request head, answers with the raw response and closes. */
    private CompletableFuture<List<String>> answerOnce(String rawResponse) {
        return CompletableFuture.supplyAsync(() -> {
            try (Socket socket = proxy.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                List<String> lines = new ArrayList<>();
                for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                    lines.add(line);
                }
                OutputStream out = socket.getOutputStream();
                out.write(rawResponse.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return lines;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private static ServerSocket listen() {
        try {
            ServerSocket socket = new ServerSocket(0, 50, ip("127.0.0.1"));
            socket.setSoTimeout((int) Duration.ofSeconds(20).toMillis());
            return socket;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
