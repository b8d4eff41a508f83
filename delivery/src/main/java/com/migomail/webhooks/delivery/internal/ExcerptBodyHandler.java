package com.migomail.webhooks.delivery.internal;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads at most the first {@value #LIMIT} bytes of a response body and then stops (cancelling the
 * rest), so that a slow or endless body cannot hold an attempt. The excerpt is decoded as UTF-8 with
 * malformed input replaced.
 */
final class ExcerptBodyHandler implements HttpResponse.BodyHandler<String> {
    /** The most the attempt log keeps of a body: 4 KiB. */
    static final int LIMIT = 4096;

    @Override
    public HttpResponse.BodySubscriber<String> apply(HttpResponse.ResponseInfo responseInfo) {
        return new ExcerptSubscriber();
    }

    private static final class ExcerptSubscriber implements HttpResponse.BodySubscriber<String> {
        private final CompletableFuture<String> result = new CompletableFuture<>();
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private Flow.Subscription subscription;

        @Override
        public CompletionStage<String> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription newSubscription) {
            this.subscription = newSubscription;
            newSubscription.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer item : items) {
                int take = Math.min(item.remaining(), LIMIT - buffer.size());
                byte[] bytes = new byte[take];
                item.get(bytes);
                buffer.write(bytes, 0, take);
            }
            if (buffer.size() >= LIMIT) {
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
            result.complete(buffer.toString(StandardCharsets.UTF_8));
        }
    }
}
