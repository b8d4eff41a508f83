package com.migomail.webhooks.examples.demo;

import com.migomail.webhooks.delivery.DeliveryListener;
import com.migomail.webhooks.store.Delivery;
import com.migomail.webhooks.store.DeliveryAttempt;
import com.migomail.webhooks.store.DeliveryOutcome;
import com.migomail.webhooks.store.DeliveryStatus;
import java.time.Instant;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/** The sender's side of the story: prints failed attempts and counts deliveries that are done. */
final class DemoListener implements DeliveryListener {
    private final Map<String, String> endpointNames = new ConcurrentHashMap<>();
    private final Semaphore done = new Semaphore(0);
    private final Function<Instant, String> timeline;
    private final Consumer<String> out;

    /**
     * @param timeline writes an instant as a time on the demo's timeline
     * @param out prints one line
     */
    DemoListener(Function<Instant, String> timeline, Consumer<String> out) {
        this.timeline = timeline;
        this.out = out;
    }

    void name(String endpointId, String name) {
        endpointNames.put(endpointId, name);
    }

    /** Waits until {@code count} more deliveries are delivered or failed for good. */
    boolean awaitDone(int count, Duration timeout) throws InterruptedException {
        return done.tryAcquire(count, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void onAttempt(Delivery delivery, DeliveryAttempt attempt, DeliveryOutcome outcome) {
        if (outcome.status() == DeliveryStatus.DELIVERED) {
            return;   // the receiver's line says it
        }
        String what = String.format("sender   %-8s %s attempt %d: %s", endpointNames.get(delivery.endpointId()),
                delivery.id(), attempt.number(), result(attempt));
        if (outcome.status() == DeliveryStatus.PENDING) {
            out.accept(what + ", next attempt due at " + timeline.apply(outcome.nextAttemptAt()));
        } else {
            out.accept(what + ", " + outcome.status() + " (kept for replay)");
        }
    }

    @Override
    public void onDelivered(Delivery delivery, DeliveryAttempt attempt) {
        done.release();
    }

    @Override
    public void onFailed(Delivery delivery, DeliveryAttempt attempt) {
        done.release();
    }

    static String result(DeliveryAttempt attempt) {
        return attempt.statusCode() != null ? "HTTP " + attempt.statusCode() : attempt.errorClass() + " " + attempt.errorMessage();
    }
}
