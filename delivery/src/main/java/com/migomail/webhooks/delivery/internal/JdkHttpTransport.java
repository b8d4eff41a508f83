package com.migomail.webhooks.delivery.internal;

import com.migomail.webhooks.delivery.WebhookRequest;
import com.migomail.webhooks.delivery.WebhookResponse;
import com.migomail.webhooks.delivery.WebhookTransport;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The default transport, on one {@code java.net.http} client. It cannot connect to the checked
 * addresses ({@link WebhookRequest#addresses()} is unused): the client resolves the URL's host again
 * when it connects, and Java 17 gives it no resolver of ours to ask (the {@code Host} header is
 * restricted, so connecting to an address literal under the host's name is not possible either).
 * Thread-safe; parks no thread.
 */
final class JdkHttpTransport implements WebhookTransport {
    private final HttpClient client;

    /** @param client the client; never closed (a client the host gave stays the host's) */
    JdkHttpTransport(HttpClient client) {
        this.client = client;
    }

    /**
     * The sender's own client: no redirects, the connect timeout, and no proxy but the egress proxy
     * when one is given. Never the JVM's proxy properties: {@code -Dhttps.proxyHost} would otherwise
     * send every webhook through whatever listens there.
     *
     * @param egressProxy the proxy to {@code CONNECT} through, or {@code null} to connect directly
     */
    static HttpClient defaultClient(Duration connectTimeout, InetSocketAddress egressProxy) {
        return HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .proxy(egressProxy == null ? HttpClient.Builder.NO_PROXY : ProxySelector.of(egressProxy))
                .build();
    }

    @Override
    public CompletableFuture<WebhookResponse> send(WebhookRequest request) {
        ExcerptBodyHandler excerpt = new ExcerptBodyHandler();
        CompletableFuture<HttpResponse<String>> exchange;
        try {
            exchange = client.sendAsync(httpRequest(request), excerpt);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<WebhookResponse> result = new CompletableFuture<>();
        exchange.whenComplete((response, error) -> {
            if (error != null) {
                result.completeExceptionally(unwrap(error));
            } else {
                complete(result, () -> ExcerptBodyHandler.response(response.statusCode(), response.headers(), response.body()));
            }
        });
        // At the deadline an answer whose status has arrived is the answer, with the excerpt so far: a
        // 2xx whose body trickles in is delivered, not retried as a timeout (which would duplicate it).
        CompletableFuture<Void> deadline = new CompletableFuture<Void>()
                .orTimeout(request.timeout().toMillis(), TimeUnit.MILLISECONDS);
        deadline.whenComplete((ignored, timedOut) -> {
            if (timedOut != null) {
                expire(result, excerpt, request.timeout());
            }
        });
        result.whenComplete((response, error) -> {
            deadline.complete(null);
            if (!exchange.isDone()) {
                // The deadline passed or the caller gave up: the rest of the exchange is not wanted.
                excerpt.stop();
                exchange.cancel(true);
            }
        });
        return result;
    }

    private static void expire(CompletableFuture<WebhookResponse> result, ExcerptBodyHandler excerpt, Duration timeout) {
        complete(result, () -> excerpt.partial().orElseThrow(() -> new CompletionException(
                new TimeoutException("no response within " + timeout))));
    }

    /** Completes with the response, or with what building it threw (a status outside 100 to 599, say). */
    private static void complete(CompletableFuture<WebhookResponse> result,
            java.util.function.Supplier<WebhookResponse> response) {
        try {
            result.complete(response.get());
        } catch (RuntimeException e) {
            result.completeExceptionally(unwrap(e));
        }
    }

    private static HttpRequest httpRequest(WebhookRequest request) {
        // No HttpRequest.timeout: on JDK 17 it covers only the wait for response headers; the deadline
        // above covers the whole exchange.
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.url())
                .POST(HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8));
        request.headers().forEach(builder::header);
        if ("http".equalsIgnoreCase(request.url().getScheme())) {
            // No h2c upgrade on POST: some servers reject it.
            builder.version(HttpClient.Version.HTTP_1_1);
        }
        return builder.build();
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
