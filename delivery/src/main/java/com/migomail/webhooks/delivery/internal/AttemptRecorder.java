package com.migomail.webhooks.delivery.internal;

import com.migomail.webhooks.store.AttemptResult;
import com.migomail.webhooks.store.DeliveryAttempt;
import com.migomail.webhooks.store.DeliveryOutcome;
import com.migomail.webhooks.store.WebhookStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writes completed attempts and their outcomes in batches ({@link WebhookStore#recordAttempts}), so a
 * database store commits once per batch rather than once per attempt. There is no timer: the first
 * attempt to finish while no batch is being written writes at once, on its own thread, and every
 * attempt that finishes meanwhile waits for the next batch, which that thread writes as soon as the
 * current one commits. An attempt therefore waits at most for one batch write before its own, and
 * batches grow only when writes are the bottleneck.
 */
final class AttemptRecorder {
    /** The most rows in one write; a batch of this many is one statement of well under a millisecond's planning. */
    static final int MAX_BATCH = 100;

    private final WebhookStore store;
    private final Clock clock;
    private final String nodeId;
    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();

    /** @param nodeId the lease owner the attempts are recorded under */
    AttemptRecorder(WebhookStore store, Clock clock, String nodeId) {
        this.store = store;
        this.clock = clock;
        this.nodeId = nodeId;
    }

    private record Pending(AttemptResult result, CompletableFuture<Boolean> recorded) {}

    /**
     * Records the attempt and outcome under this node's lease, in the next batch.
     *
     * @return completes with whether the store took it (false: the lease was lost), or exceptionally
     *     with the store's error; already complete when this thread wrote the batch itself
     */
    CompletableFuture<Boolean> record(DeliveryAttempt attempt, DeliveryOutcome outcome) {
        CompletableFuture<Boolean> recorded = new CompletableFuture<>();
        queue.add(new Pending(new AttemptResult(attempt, outcome), recorded));
        // Whoever finds no writer writes until the queue is empty; the re-check after letting go
        // covers a result queued between the last drain and the release.
        while (!queue.isEmpty() && writing.compareAndSet(false, true)) {
            try {
                writeUntilEmpty();
            } finally {
                writing.set(false);
            }
        }
        return recorded;
    }

    private void writeUntilEmpty() {
        Pending carried = null;
        while (carried != null || !queue.isEmpty()) {
            List<Pending> batch = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            if (carried != null) {
                batch.add(carried);
                ids.add(carried.result().attempt().deliveryId());
                carried = null;
            }
            Pending next;
            while (batch.size() < MAX_BATCH && (next = queue.poll()) != null) {
                if (!ids.add(next.result().attempt().deliveryId())) {
                    // A batch names a delivery once; a second result for it goes in the next one.
                    carried = next;
                    break;
                }
                batch.add(next);
            }
            write(batch);
        }
    }

    private void write(List<Pending> batch) {
        Set<String> recorded;
        try {
            recorded = store.recordAttempts(nodeId, batch.stream().map(Pending::result).toList(), clock.instant());
        } catch (RuntimeException | Error e) {
            // Every waiting attempt hears of it (its lease then expires and it is retried); none hangs.
            batch.forEach(pending -> pending.recorded().completeExceptionally(e));
            if (e instanceof Error error) {
                throw error;
            }
            return;
        }
        for (Pending pending : batch) {
            pending.recorded().complete(recorded.contains(pending.result().attempt().deliveryId()));
        }
    }
}
