package com.migomail.webhooks.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The delivery baseline: a bare {@code HttpClient.sendAsync} loop, at most {@code concurrency} requests
 * in flight (a semaphore), POSTing the same body with a {@code webhook-id} header, HTTP/1.1 as the
 * sender uses for {@code http://}. No store, no signing, no retry: the HTTP limit of one JVM on this
 * machine. Not thread-safe; one run at a time.
 */
final class BareHttpLoop implements AutoCloseable {

    private final URI uri;
    private final byte[] body;
    private final Semaphore inFlight;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final AtomicInteger errors = new AtomicInteger();

    BareHttpLoop(URI uri, int concurrency, byte[] body) {
        this.uri = uri;
        this.body = body.clone();
        this.inFlight = new Semaphore(concurrency);
    }

    /** Sends one request per id, as fast as allowed or paced at {@code ratePerSecond} (0: unpaced). */
    void run(ReceiptLog log, List<String> ids, double ratePerSecond) throws InterruptedException {
        Publishing.run(ids.size(), 1, ratePerSecond, i -> send(log, ids.get(i), i));
    }

    private void send(ReceiptLog log, String id, int index) {
        log.published(index); // before waiting for a slot, as an event published to the sender waits for one
        post(id);
    }

    /**
     * Waits for a slot and sends one request; completes with whether it was answered 200 (a failure
     * is counted in {@link #errors}).
     */
    CompletableFuture<Boolean> post(String id) {
        inFlight.acquireUninterruptibly();
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .header("webhook-id", id)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, error) -> {
            inFlight.release();
            boolean answered = error == null && response.statusCode() == 200;
            if (!answered) {
                errors.incrementAndGet();
            }
            return answered;
        });
    }

    /** Requests that failed or were not answered 200. */
    int errors() {
        return errors.get();
    }

    @Override
    public void close() {
        // HttpClient has no close() before JDK 21: its threads are daemons and it is collected.
    }
}
