package com.migomail.webhooks.delivery.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until a test moves it, so a 30-minute retry takes no time. In UTC
 * only. Thread-safe: the sender's threads read it while the test moves it. Shared through this
 * module's test jar by the tests of the modules built on the sender.
 */
public final class MutableClock extends Clock {
    private final AtomicReference<Instant> now;

    /**
     * A clock standing at that instant.
     *
     * @param start the instant it shows until moved
     */
    public MutableClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /**
     * A clock standing at that instant.
     *
     * @param instant an ISO-8601 instant, e.g. {@code 2026-01-15T14:22:31Z}
     * @return the clock
     */
    public static MutableClock at(String instant) {
        return new MutableClock(Instant.parse(instant));
    }

    /**
     * Moves the clock forward.
     *
     * @param duration how far
     */
    public void advance(Duration duration) {
        now.updateAndGet(current -> current.plus(duration));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a test clock stays in UTC");
    }
}
