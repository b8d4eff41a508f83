package com.migomail.webhooks.delivery.internal;

import com.migomail.webhooks.store.RetentionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Purges events older than the retention, in batches so no store transaction grows large. */
final class Retention {
    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
    private static final int BATCH = 500;

    private final RetentionStore store;
    private final Clock clock;
    private final Duration retention;

    /** @param retention how long events are kept, by event timestamp */
    Retention(RetentionStore store, Clock clock, Duration retention) {
        this.store = store;
        this.clock = clock;
        this.retention = retention;
    }

    /** Purges every expired event; returns how many. */
    int purge() {
        Instant cutoff = clock.instant().minus(retention);
        int total = 0;
        int purged;
        do {
            purged = store.purgeEventsBefore(cutoff, BATCH);
            total += purged;
        } while (purged >= BATCH); // more than a batch: a store that dropped whole partitions
        if (total > 0) {
            LOG.info("purged {} events older than {}", total, cutoff);
        }
        return total;
    }

    /** {@link #purge()} for the scheduler: a failure is logged and retried at the next run. */
    void purgeQuietly() {
        try {
            purge();
        } catch (RuntimeException e) {
            LOG.warn("purging expired events failed; will retry at the next purge", e);
        }
    }
}
