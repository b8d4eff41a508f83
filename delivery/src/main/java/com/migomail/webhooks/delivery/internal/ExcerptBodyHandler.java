package com.migomail.webhooks.delivery.internal;

import com.migomail.webhooks.delivery.WebhookResponse;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads the response of one exchange: notes the status and {@code Retry-After} as soon as the headers
 * arrive, then at most the first {@value #LIMIT} bytes of the body, and stops (cancelling the rest),
 * so that a slow or endless body cannot hold an attempt. {@link #partial()} is the answer so far, for
 * a deadline that falls while the body is still arriving. The excerpt is decoded as UTF-8 with
 * malformed input replaced. One instance per exchange; thread-safe.
 */
final class ExcerptBodyHandler implements HttpResponse.BodyHandler<String> {
    /** The most the attempt log keeps of a body: 4 KiB. */
    static final int LIMIT = WebhookResponse.MAX_EXCERPT_BYTES;

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private volatile HttpResponse.ResponseInfo info;
    private Flow.Subscription subscription;
    private boolean stopped;

    @Override
    public HttpResponse.BodySubscriber<String> apply(HttpResponse.ResponseInfo responseInfo) {
        this.info = responseInfo;
        return new ExcerptSubscriber();
    }

    /** The status, {@code Retry-After} and the excerpt read so far; empty until the headers have arrived. */
    Optional<WebhookResponse> partial() {
        HttpResponse.ResponseInfo headers = info;
        if (headers == null) {
            return Optional.empty();
        }
        synchronized (this) {
            return Optional.of(response(headers.statusCode(), headers.headers(), excerpt()));
        }
    }

    /** Stops reading: the rest of the body is not wanted (the attempt has its answer, or is over). */
    void stop() {
        Flow.Subscription current;
        synchronized (this) {
            stopped = true;
            current = subscription;
        }
        if (current != null) {
            current.cancel();
        }
    }

    /** What one exchange answered. */
    static WebhookResponse response(int statusCode, java.net.http.HttpHeaders headers, String excerpt) {
        return new WebhookResponse(statusCode, headers.firstValue("Retry-After").orElse(null), excerpt);
    }

    private String excerpt() {
        return buffer.toString(StandardCharsets.UTF_8);
    }

    private final class ExcerptSubscriber implements HttpResponse.BodySubscriber<String> {
        private final CompletableFuture<String> result = new CompletableFuture<>();

        @Override
        public CompletionStage<String> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription newSubscription) {
            boolean cancel;
            synchronized (ExcerptBodyHandler.this) {
                subscription = newSubscription;
                cancel = stopped;
            }
            if (cancel) {
                newSubscription.cancel();
            } else {
                newSubscription.request(1);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            boolean full;
            synchronized (ExcerptBodyHandler.this) {
                for (ByteBuffer item : items) {
                    int take = Math.min(item.remaining(), LIMIT - buffer.size());
                    byte[] bytes = new byte[take];
                    item.get(bytes);
                    buffer.write(bytes, 0, take);
                }
                full = buffer.size() >= LIMIT;
            }
            if (full) {
                subscription.cancel();
                complete();
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            complete();
        }

        private void complete() {
            String body;
            synchronized (ExcerptBodyHandler.this) {
                body = excerpt();
            }
            result.complete(body);
        }
    }
}
