package com.migomail.webhooks.transport.apache.internal;

import com.migomail.webhooks.delivery.WebhookRequest;
import com.migomail.webhooks.delivery.WebhookResponse;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.Method;
import org.apache.hc.core5.http.message.BasicHttpRequest;
import org.apache.hc.core5.http.nio.entity.BasicAsyncEntityProducer;
import org.apache.hc.core5.http.nio.support.BasicRequestProducer;
import org.apache.hc.core5.util.Timeout;

/**
 * One {@link WebhookRequest} on its way: tries the checked addresses in order until one connects,
 * and completes its future exactly once, by whichever comes first of the response (end of body or a
 * full excerpt), the error, the deadline, or a cancellation from outside. Completing aborts whatever
 * is still running, so an exchange never outlives its future.
 */
final class Exchange {
    private final CloseableHttpAsyncClient client;
    private final WebhookRequest request;
    private final List<InetAddress> targets;
    private final byte[] body;
    private final RequestConfig requestConfig;
    private final Excerpt excerpt = new Excerpt();
    private final CompletableFuture<WebhookResponse> result = new CompletableFuture<>();
    private volatile int next;  // advanced only by the callback of the try before
    private volatile Future<WebhookResponse> running;

    /**
     * @param targets the addresses to connect to, in order; one {@code null} to go through the proxy
     */
    Exchange(CloseableHttpAsyncClient client, WebhookRequest request, List<InetAddress> targets) {
        this.client = client;
        this.request = request;
        this.targets = targets;
        this.body = request.body().getBytes(StandardCharsets.UTF_8);
        Timeout timeout = Timeout.ofMilliseconds(Math.max(1, request.timeout().toMillis()));
        this.requestConfig = RequestConfig.custom()
                .setConnectionRequestTimeout(timeout)
                .setResponseTimeout(timeout)
                .setRedirectsEnabled(false)
                .setAuthenticationEnabled(false)
                .setExpectContinueEnabled(false)
                .setProtocolUpgradeEnabled(false)
                .setContentCompressionEnabled(false)
                .build();
    }

    CompletableFuture<WebhookResponse> start(ScheduledExecutorService deadlines) {
        if (result.isDone()) {
            return result;
        }
        ScheduledFuture<?> deadline;
        try {
            deadline = deadlines.schedule(this::deadlineReached, request.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new IllegalStateException("transport is closed", e));
            return result;
        }
        result.whenComplete((response, error) -> {
            deadline.cancel(false);
            abortRunning();
        });
        tryNext();
        return result;
    }

    private void tryNext() {
        InetAddress address = targets.get(next++);
        HttpClientContext context = HttpClientContext.create();
        context.setRequestConfig(requestConfig);
        if (address != null) {
            context.setAttribute(CheckedAddressRoutePlanner.ADDRESS, address);
        }
        try {
            running = client.execute(producer(), new ExcerptConsumer(excerpt, context, this::excerptFull, result::isDone), context,
                    new Attempt(address, context));
        } catch (RuntimeException e) {
            // The client is shutting down (the transport is being closed).
            result.completeExceptionally(e);
            return;
        }
        // Completed meanwhile (deadline, cancel): the completion hook may have missed this one.
        if (result.isDone()) {
            abortRunning();
        }
    }

    /** Ends the exchange now with this error, unless it has ended already. */
    void abort(Throwable error) {
        result.completeExceptionally(error);
    }

    private BasicRequestProducer producer() {
        BasicHttpRequest post = new BasicHttpRequest(Method.POST, request.url());
        request.headers().forEach(post::addHeader);
        // No content type of its own: the request's Content-Type header is sent as given.
        return new BasicRequestProducer(post, new BasicAsyncEntityProducer(body, null));
    }

    private void excerptFull() {
        result.complete(excerpt.response());
    }

    private void deadlineReached() {
        if (excerpt.hasStatus()) {
            result.complete(excerpt.response());
        } else {
            // No message, like orTimeout's: the sender words it with its own attempt timeout.
            result.completeExceptionally(new TimeoutException());
        }
    }

    private void abortRunning() {
        Future<WebhookResponse> current = running;
        if (current != null) {
            current.cancel(true);
        }
    }

    /** The callback of one connection try. */
    private final class Attempt implements FutureCallback<WebhookResponse> {
        private final InetAddress address;
        private final HttpClientContext context;

        Attempt(InetAddress address, HttpClientContext context) {
            this.address = address;
            this.context = context;
        }

        @Override
        public void completed(WebhookResponse response) {
            result.complete(response);
        }

        @Override
        public void failed(Exception error) {
            if (excerpt.hasStatus()) {
                // The status is the answer; the rest of the body is best effort.
                result.complete(excerpt.response());
            } else if (!sent() && next < targets.size() && !result.isDone()) {
                tryNext();
            } else {
                result.completeExceptionally(withoutAddress(error, address));
            }
        }

        @Override
        public void cancelled() {
            if (excerpt.hasStatus()) {
                result.complete(excerpt.response());
            } else {
                result.completeExceptionally(new CancellationException("exchange cancelled"));
            }
        }

        private boolean sent() {
            return context.getAttribute(ConnectedMarker.CONNECTED) != null;
        }
    }

    /**
     * Apache's connect errors list the addresses tried ({@code "Connect to https://host:443
     * [host/192.0.2.1] failed: ..."}); the attempt log keeps the message, so the address is cut out
     * of it and the original kept as the cause.
     */
    static Exception withoutAddress(Exception error, InetAddress address) {
        String message = error.getMessage();
        String listed = " " + Arrays.asList(address);
        if (address == null || message == null || !message.contains(listed)) {
            return error;
        }
        String cut = message.replace(listed, "");
        Exception replaced;
        if (error instanceof HttpHostConnectException connect) {
            replaced = new HttpHostConnectException(cut, connect.getHost());
        } else if (error instanceof ConnectTimeoutException timeout) {
            replaced = new ConnectTimeoutException(cut, timeout.getHost());
        } else {
            return error;
        }
        replaced.initCause(error);
        return replaced;
    }
}
