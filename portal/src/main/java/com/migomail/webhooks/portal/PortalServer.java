package com.migomail.webhooks.portal;

import com.migomail.webhooks.portal.internal.Cookies;
import com.migomail.webhooks.portal.internal.HttpAnswer;
import com.migomail.webhooks.portal.internal.HttpCall;
import com.migomail.webhooks.portal.internal.PortalHandler;
import com.migomail.webhooks.store.TenantId;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The portal on the JDK's own HTTP server ({@code com.sun.net.httpserver}), mounted at {@code /}: for
 * small hosts and the demo. Plain http; put a TLS-terminating proxy in front (and set the portal's
 * https {@linkplain WebhookPortal.Builder#publicUrl public URL}, so its cookies are {@code Secure})
 * when it is reachable beyond the machine. Runs on its own daemon threads. Thread-safe.
 */
public final class PortalServer implements AutoCloseable {
    private static final int THREADS = 4;

    private final WebhookPortal portal;
    private final HttpServer server;
    private final ExecutorService executor;
    private final URI url;

    private PortalServer(WebhookPortal portal, HttpServer server, ExecutorService executor) {
        this.portal = portal;
        this.server = server;
        this.executor = executor;
        InetSocketAddress bound = server.getAddress();
        String host = bound.getAddress().getHostAddress();
        this.url = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + bound.getPort() + "/");
    }

    /**
     * Starts serving the portal on that address.
     *
     * @param portal the portal
     * @param address where to listen, e.g. {@code new InetSocketAddress("127.0.0.1", 0)} for a free port
     * @return the running server
     * @throws NullPointerException if an argument is null
     * @throws UncheckedIOException if the address cannot be bound
     */
    public static PortalServer start(WebhookPortal portal, InetSocketAddress address) {
        Objects.requireNonNull(portal, "portal cannot be null");
        Objects.requireNonNull(address, "address cannot be null");
        PortalHandler handler = portal.handler();
        HttpServer server;
        try {
            server = HttpServer.create(address, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + address, e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, daemonThreads());
        server.setExecutor(executor);
        server.createContext("/", exchange -> serve(handler, exchange));
        // The server's dispatcher thread inherits daemon status from the thread that starts it.
        Thread starter = daemonThreads().newThread(server::start);
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.stop(0);
            executor.shutdownNow();
            throw new IllegalStateException("interrupted while starting the portal server", e);
        }
        return new PortalServer(portal, server, executor);
    }

    /**
     * The page's URL.
     *
     * @return e.g. {@code http://127.0.0.1:8080/}
     */
    public URI url() {
        return url;
    }

    /**
     * A magic link for a tenant, as {@link WebhookPortal#linkFor} makes, against the portal's
     * {@linkplain WebhookPortal.Builder#publicUrl public URL} or, if it has none, against this
     * server's {@link #url()} (so a server on a free port can hand out links).
     *
     * @param tenant the tenant the session will see
     * @param ttl how long the link stays valid, 1 second to 7 days
     * @return {@code base + "login?token=…"}
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if ttl is outside 1 second to 7 days
     */
    public URI linkFor(TenantId tenant, Duration ttl) {
        return portal.linkFor(tenant, ttl, url);
    }

    /**
     * The address the server listens on (with the port chosen, if 0 was asked for).
     *
     * @return the bound address
     */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** Stops listening, ends open exchanges and the server's threads. Idempotent. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    @Override
    public String toString() {
        return "PortalServer[" + url + "]";
    }

    private static void serve(PortalHandler handler, HttpExchange exchange) throws IOException {
        try (exchange) {
            HttpAnswer answer = handler.handle(new JdkCall(exchange));
            answer.headerMap().forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
            int length = answer.body().length();
            exchange.sendResponseHeaders(answer.status(), length == 0 ? -1 : length);
            if (length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    answer.body().writeTo(out);
                }
            }
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "migomail-portal-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** One exchange of the JDK server, as the handler reads it. */
    private record JdkCall(HttpExchange exchange) implements HttpCall {
        @Override
        public String method() {
            return exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        }

        @Override
        public String path() {
            // Dot segments resolved before decoding, as servlet containers do, so both adapters
            // route the same path; encoded ones ("%2e%2e") stay and the handler refuses them.
            return exchange.getRequestURI().normalize().getPath();
        }

        @Override
        public String rawPath() {
            return exchange.getRequestURI().getRawPath();
        }

        @Override
        public Optional<String> header(String name) {
            return Optional.ofNullable(exchange.getRequestHeaders().getFirst(Objects.requireNonNull(name, "name cannot be null")));
        }

        @Override
        public Optional<String> cookie(String name) {
            Objects.requireNonNull(name, "name cannot be null");
            return Cookies.find(exchange.getRequestHeaders().getOrDefault("Cookie", List.of()), name);
        }

        @Override
        public InetSocketAddress remoteAddress() {
            return exchange.getRemoteAddress();
        }

        @Override
        public boolean secure() {
            return exchange instanceof HttpsExchange;
        }

        @Override
        public Optional<String> rawQuery() {
            return Optional.ofNullable(exchange.getRequestURI().getRawQuery());
        }

        @Override
        public InputStream body() {
            return exchange.getRequestBody();
        }

        @Override
        public String mountPath() {
            return "";
        }

        @Override
        public String toString() {
            return method() + " " + path();
        }
    }
}
