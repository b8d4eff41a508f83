package com.migomail.webhooks.benchmarks;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The publish and receipt times of one measured run, by {@code webhook-id}. Publish times are written
 * by the publishing threads (each index by one thread, read after they are joined); receipt times by
 * the receiver's threads. Thread-safe as used.
 */
final class ReceiptLog {

    private final Map<String, Integer> indexById;
    private final long[] publishedAt;
    private final AtomicLongArray receivedAt;
    private final AtomicInteger received = new AtomicInteger();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final AtomicInteger unexpected = new AtomicInteger();
    private final CountDownLatch all;

    ReceiptLog(List<String> ids) {
        indexById = new HashMap<>(ids.size() * 2);
        for (int i = 0; i < ids.size(); i++) {
            indexById.put(ids.get(i), i);
        }
        publishedAt = new long[ids.size()];
        receivedAt = new AtomicLongArray(ids.size());
        all = new CountDownLatch(ids.size());
    }

    int size() {
        return publishedAt.length;
    }

    /** Notes that event {@code index} is being published now. */
    void published(int index) {
        publishedAt[index] = System.nanoTime();
    }

    /** Notes a request with that {@code webhook-id} received at {@code nanos}. */
    void received(String id, long nanos) {
        Integer index = id == null ? null : indexById.get(id);
        if (index == null) {
            unexpected.incrementAndGet();
        } else if (receivedAt.compareAndSet(index, 0, nanos)) {
            received.incrementAndGet();
            all.countDown();
        } else {
            duplicates.incrementAndGet();
        }
    }

    /** Waits until every event arrived; false on timeout. */
    boolean awaitAll(long timeoutSeconds) throws InterruptedException {
        return all.await(timeoutSeconds, TimeUnit.SECONDS);
    }

    int receivedCount() {
        return received.get();
    }

    int duplicates() {
        return duplicates.get();
    }

    int unexpected() {
        return unexpected.get();
    }

    /** Writes {@code publish offset ms,latency ms} per received event, for looking at when the slow ones were. */
    void writeCsv(java.nio.file.Path file) throws java.io.IOException {
        long first = java.util.Arrays.stream(publishedAt).min().orElse(0);
        StringBuilder csv = new StringBuilder("publish_ms,latency_ms\n");
        for (int i = 0; i < publishedAt.length; i++) {
            long at = receivedAt.get(i);
            if (at != 0) {
                csv.append(String.format(java.util.Locale.ROOT, "%.3f,%.3f%n",
                        (publishedAt[i] - first) / 1e6, (at - publishedAt[i]) / 1e6));
            }
        }
        java.nio.file.Files.writeString(file, csv);
    }

    /** Deliveries per second from the first publish to the last receipt, and latency percentiles. */
    RunResult result(String name) {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long lastPublish = Long.MIN_VALUE;
        long[] latencies = new long[received.get()];
        int n = 0;
        for (int i = 0; i < publishedAt.length; i++) {
            first = Math.min(first, publishedAt[i]);
            lastPublish = Math.max(lastPublish, publishedAt[i]);
            long at = receivedAt.get(i);
            if (at != 0 && n < latencies.length) {
                last = Math.max(last, at);
                latencies[n++] = at - publishedAt[i];
            }
        }
        return RunResult.of(name, publishedAt.length, n, duplicates(), first, lastPublish, last,
                java.util.Arrays.copyOf(latencies, n));
    }
}
