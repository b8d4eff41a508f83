package com.migomail.webhooks.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.migomail.webhooks.delivery.WebhookRequest;
import com.migomail.webhooks.delivery.WebhookResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The default transport against a JDK HTTP server on loopback. */
class JdkHttpTransportTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final JdkHttpTransport transport = new JdkHttpTransport(
            JdkHttpTransport.defaultClient(Duration.ofSeconds(2), null));
    private final CountDownLatch endOfTest = new CountDownLatch(1);
    private final ExecutorService serverThreads = Executors.newCachedThreadPool();
    private final AtomicReference<String> seen = new AtomicReference<>();
    private HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 0);
        server.setExecutor(serverThreads);
        server.createContext("/ok", exchange -> {
            seen.set(exchange.getRequestMethod() + " " + exchange.getProtocol() + " "
                    + exchange.getRequestHeaders().getFirst("X-Migomail-Event") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.getResponseHeaders().add("Retry-After", "120");
            respond(exchange, 202, "é".repeat(3000));
        });
        server.createContext("/trickle", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, 0);
            exchange.getResponseBody().write("accepted; ".getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
            awaitEndOfTest();
            exchange.close();
        });
        server.createContext("/silent", exchange -> {
            exchange.getRequestBody().readAllBytes();
            awaitEndOfTest();
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        endOfTest.countDown();
        server.stop(0);
        serverThreads.shutdownNow();
    }

    @Test
    void postsTheBodyAndHeadersAsHttp11ForPlainHttpAndReadsAtMostFourKib() throws Exception {
        WebhookResponse response = transport.send(request("/ok", Duration.ofSeconds(5))).get(5, TimeUnit.SECONDS);

        assertThat(seen).hasValue("POST HTTP/1.1 email.opened {\"id\":\"evt_1\"}");
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.retryAfter()).isEqualTo("120");
        assertThat(response.bodyExcerpt()).hasSize(2048).isEqualTo("é".repeat(2048));
    }

    @Test
    void aStatusThatArrivedBeforeTheDeadlineIsTheAnswerWithTheExcerptSoFar() throws Exception {
        long start = System.nanoTime();

        WebhookResponse response = transport.send(request("/trickle", Duration.ofMillis(300))).get(5, TimeUnit.SECONDS);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.bodyExcerpt()).isEqualTo("accepted; ");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void noStatusBeforeTheDeadlineIsATimeout() {
        CompletableFuture<WebhookResponse> sent = transport.send(request("/silent", Duration.ofMillis(300)));

        assertThatThrownBy(() -> sent.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TimeoutException.class);
    }

    /**
     * What stays open with {@code java.net.http}: it connects to what the JVM resolves for the URL's
     * host, not to the checked addresses (here 127.0.0.2, where nothing listens).
     */
    @Test
    void connectsToWhatTheJvmResolvesNotToTheCheckedAddresses() throws Exception {
        WebhookRequest request = new WebhookRequest(URI.create(serverUrl("/ok")), Map.of("X-Migomail-Event", "email.opened"),
                "{\"id\":\"evt_1\"}", List.of(InetAddress.getByName("127.0.0.2")), Duration.ofSeconds(5));

        assertThat(transport.send(request).get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
    }

    private WebhookRequest request(String path, Duration timeout) {
        return new WebhookRequest(URI.create(serverUrl(path)), Map.of("X-Migomail-Event", "email.opened",
                "Content-Type", "application/json"), "{\"id\":\"evt_1\"}", List.of(LOOPBACK), timeout);
    }

    private String serverUrl(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private void awaitEndOfTest() {
        try {
            endOfTest.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
