package com.migomail.webhooks.delivery;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/** A transport for tests: records every request and answers it as told, without any network. */
final class RecordingTransport implements WebhookTransport {
    private final Function<WebhookRequest, CompletableFuture<WebhookResponse>> answer;
    private final List<WebhookRequest> requests = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private RecordingTransport(Function<WebhookRequest, CompletableFuture<WebhookResponse>> answer) {
        this.answer = answer;
    }

    /** Answers every request with that status and no body. */
    static RecordingTransport answering(int status) {
        return new RecordingTransport(request -> CompletableFuture.completedFuture(new WebhookResponse(status, null, "")));
    }

    /** Fails every request with that error. */
    static RecordingTransport failingWith(Throwable error) {
        return new RecordingTransport(request -> CompletableFuture.failedFuture(error));
    }

    @Override
    public CompletableFuture<WebhookResponse> send(WebhookRequest request) {
        requests.add(request);
        return answer.apply(request);
    }

    @Override
    public void close() {
        closed.set(true);
    }

    List<WebhookRequest> requests() {
        return List.copyOf(requests);
    }

    boolean closed() {
        return closed.get();
    }
}
