package com.migomail.webhooks.portal;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.migomail.webhooks.delivery.EndpointAddressPolicy;
import com.migomail.webhooks.delivery.RetrySchedule;
import com.migomail.webhooks.delivery.WebhookSender;
import com.migomail.webhooks.store.TenantId;
import com.migomail.webhooks.store.WebhookStore;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A real sender over the in-memory store delivering to a JDK HttpServer receiver on 127.0.0.1, a
 * portal served by {@link PortalServer} on 127.0.0.1:0, and browsers ({@link Browser}) speaking to it
 * with {@link java.net.http.HttpClient}. Everything started here is closed after each test.
 */
abstract class PortalTestSupport {
    static final Duration WAIT = Duration.ofSeconds(10);
    static final ObjectMapper JSON = new ObjectMapper();
    static final TenantId ACME = TenantId.of("acme");
    static final TenantId GLOBEX = TenantId.of("globex");
    static final URI PUBLIC_URL = URI.create("https://portal.example.com/webhooks/");

    final WebhookStore store = WebhookStore.inMemory();
    final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    HttpServer receiver;
    WebhookSender sender;
    WebhookPortal portal;
    PortalServer server;

    @BeforeEach
    void startEverything() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            exchange.getRequestBody().readAllBytes();
            received.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            int status = path.startsWith("/fail") ? 500 : 200;
            byte[] body = (status == 200 ? "thanks" : "nope").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        receiver.start();
        sender = WebhookSender.builder()
                .store(store)
                .addressPolicy(EndpointAddressPolicy.allowLoopbackForTesting())
                .pollInterval(Duration.ofMillis(20))
                .retrySchedule(RetrySchedule.fixed(Duration.ofMillis(50), 1))
                .attemptTimeout(Duration.ofSeconds(5))
                .shutdownTimeout(Duration.ofSeconds(1))
                .build();
        sender.start();
        closeables.add(sender);
        portal = portal(builder -> builder);
        server = serve(portal);
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
        receiver.stop(0);
    }

    /** A portal over the test sender with a fixed key and the https public URL, adjusted by options. */
    WebhookPortal portal(UnaryOperator<WebhookPortal.Builder> options) {
        return options.apply(WebhookPortal.builder().sender(sender).signingKey(key(1)).publicUrl(PUBLIC_URL)).build();
    }

    PortalServer serve(WebhookPortal served) {
        return closeLater(PortalServer.start(served, new InetSocketAddress("127.0.0.1", 0)));
    }

    <T extends AutoCloseable> T closeLater(T closeable) {
        closeables.add(closeable);
        return closeable;
    }

    static byte[] key(int seed) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) seed);
        return key;
    }

    String receiverUrl(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    /** A browser signed in to the test server as that tenant, with a magic link. */
    Browser signedIn(TenantId tenant) {
        return signedIn(server, portal, tenant);
    }

    Browser signedIn(PortalServer at, WebhookPortal of, TenantId tenant) {
        Browser browser = new Browser(at.url());
        Browser.Answer login = browser.openLink(of.linkFor(tenant, Duration.ofMinutes(5)));
        if (login.status() != 200) {
            throw new IllegalStateException("login failed: " + login);
        }
        browser.loadSession();
        return browser;
    }

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode endpointBody(String url, String... types) {
        ObjectNode body = JSON.createObjectNode();
        body.put("url", url);
        body.putArray("eventTypes").addAll(java.util.Arrays.stream(types).map(t -> JSON.getNodeFactory().textNode(t)).toList());
        body.put("description", "orders service");
        return body;
    }

    /** Adds an endpoint through the API; answers the creation's JSON. */
    JsonNode createEndpoint(Browser browser, String path, String... types) {
        Browser.Answer created = browser.post("api/v1/endpoints", endpointBody(receiverUrl(path), types));
        if (created.status() != 201) {
            throw new IllegalStateException("create failed: " + created);
        }
        return created.json();
    }

    /** Sends a test event through the API and waits until its delivery has an attempt. */
    JsonNode testSendAndWait(Browser browser, String endpointId, String type) {
        ObjectNode body = JSON.createObjectNode().put("type", type);
        Browser.Answer sent = browser.post("api/v1/endpoints/" + endpointId + "/test", body);
        if (sent.status() != 202) {
            throw new IllegalStateException("test send failed: " + sent);
        }
        String eventId = sent.json().get("eventId").asText();
        await().atMost(WAIT).until(() -> {
            JsonNode event = browser.get("api/v1/events/" + eventId).json();
            JsonNode deliveries = event.get("deliveries");
            return deliveries.size() == 1 && deliveries.get(0).get("attempts").size() >= 1
                    && !deliveries.get(0).get("status").asText().equals("pending");
        });
        return browser.get("api/v1/events/" + eventId).json();
    }
}
