package com.migomail.webhooks.delivery.internal;

import com.migomail.webhooks.store.WebhookStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares this sender's clock with the clock of a store the nodes share. Leases are judged at each
 * node's own time, so a node whose clock runs ahead takes over leases early: beyond the lease margin
 * (the lease minus the attempt timeout) it can send an attempt another node still has in flight.
 * Warns at half the margin, while there is time to act. Checks at most once a poll interval (a poll
 * can run after every finished attempt) and reports at most every {@link #REPORT_INTERVAL}.
 */
final class ClockSkewCheck {
    private static final Logger LOG = LoggerFactory.getLogger(ClockSkewCheck.class);
    static final Duration REPORT_INTERVAL = Duration.ofMinutes(5);

    private final WebhookStore store;
    private final Clock clock;
    private final Duration margin;
    private final long intervalNanos;
    private final Listeners listeners;
    private long lastCheckNanos;
    private boolean checked;
    private Instant lastReport;

    /**
     * @param margin the lease minus the attempt timeout
     * @param interval the least time between two checks (the poll interval)
     */
    ClockSkewCheck(WebhookStore store, Clock clock, Duration margin, Duration interval, Listeners listeners) {
        this.store = store;
        this.clock = clock;
        this.margin = margin;
        this.intervalNanos = interval.toNanos();
        this.listeners = listeners;
    }

    /** Checks unless the last check was less than a poll interval ago; never throws. */
    synchronized void checkIfDue() {
        long nowNanos = System.nanoTime();
        if (checked && nowNanos - lastCheckNanos < intervalNanos) {
            return;
        }
        checked = true;
        lastCheckNanos = nowNanos;
        try {
            check();
        } catch (RuntimeException e) {
            LOG.debug("could not read the store's clock to compare it with this sender's", e);
        }
    }

    private void check() {
        Instant before = clock.instant();
        Optional<Instant> shared = store.sharedClockTime();
        if (shared.isEmpty()) {
            return;
        }
        Instant after = clock.instant();
        // The shared clock was read somewhere between before and after: compare with the middle.
        Instant local = before.plus(Duration.between(before, after).dividedBy(2));
        Duration skew = Duration.between(local, shared.get());
        if (skew.abs().compareTo(margin.dividedBy(2)) <= 0) {
            if (lastReport != null) {
                LOG.info("this sender's clock is again within {} of the store's ({} apart)", margin.dividedBy(2), skew);
                lastReport = null;
            }
            return;
        }
        if (lastReport == null || !after.isBefore(lastReport.plus(REPORT_INTERVAL))) {
            lastReport = after;
            LOG.warn("this sender's clock is {} {} the store's; leases are judged at each node's own time, and"
                    + " past the lease margin of {} two nodes can send one attempt twice: fix the clock (NTP) or"
                    + " lengthen leaseDuration", skew.abs(), skew.isNegative() ? "ahead of" : "behind", margin);
            listeners.fire("onClockSkew", l -> l.onClockSkew(skew, margin));
        }
    }
}
