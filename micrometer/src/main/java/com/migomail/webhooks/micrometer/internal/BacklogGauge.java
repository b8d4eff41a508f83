package com.migomail.webhooks.micrometer.internal;

import com.migomail.webhooks.delivery.WebhookSender;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code webhooks.backlog} gauge: the sender's due count, read on the executor at most once per
 * interval. A scrape never waits for the store: it returns the last count and, when that is an
 * interval old and no read is under way, starts the next one.
 */
public final class BacklogGauge {
    private static final Logger LOG = LoggerFactory.getLogger(BacklogGauge.class);

    private final WebhookSender sender;
    private final Clock clock;
    private final Duration interval;
    private final Executor executor;
    private final AtomicBoolean reading = new AtomicBoolean();
    private final Gauge gauge;
    private final MeterRegistry registry;
    private volatile double count = Double.NaN;
    /** When the last read started; null before the first. */
    private volatile Instant readAt;

    /**
     * Registers the gauge and starts the first read.
     *
     * @param registry where the gauge goes
     * @param sender whose due deliveries it counts
     * @param clock judges the interval
     * @param interval the least time between two reads
     * @param executor runs the reads
     */
    public BacklogGauge(MeterRegistry registry, WebhookSender sender, Clock clock, Duration interval, Executor executor) {
        this.registry = registry;
        this.sender = sender;
        this.clock = clock;
        this.interval = interval;
        this.executor = executor;
        this.gauge = Gauge.builder(MeterNames.BACKLOG, this, BacklogGauge::value).strongReference(true)
                .description("Deliveries due now, of every tenant and sender on the store (in flight included)")
                .register(registry);
        readIfDue();
    }

    /**
     * The last count, starting a read if it is due.
     *
     * @return the count, or NaN before the first read ends and after a read that failed
     */
    public double value() {
        readIfDue();
        return count;
    }

    private void readIfDue() {
        Instant now = clock.instant();
        Instant last = readAt;
        if (last != null && now.isBefore(last.plus(interval)) || !reading.compareAndSet(false, true)) {
            return;
        }
        readAt = now;
        try {
            executor.execute(this::read);
        } catch (RejectedExecutionException e) {
            reading.set(false);
            LOG.debug("backlog count not read: its executor refused it", e);
        }
    }

    private void read() {
        try {
            count = sender.dueDeliveries();
        } catch (RuntimeException e) {
            count = Double.NaN;
            LOG.warn("reading the webhook backlog failed; the gauge shows NaN until a read succeeds", e);
        } finally {
            reading.set(false);
        }
    }

    /** Removes the gauge from its registry; reads under way finish, and no further one starts. */
    public void remove() {
        registry.remove(gauge);
    }
}
