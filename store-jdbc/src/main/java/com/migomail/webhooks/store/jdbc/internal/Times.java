package com.migomail.webhooks.store.jdbc.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;

/** Instants as epoch nanoseconds in BIGINT columns: exact, and compared as plain numbers. */
final class Times {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private Times() {
    }

    /**
     * The epoch nanoseconds of a time that is stored.
     *
     * @throws IllegalArgumentException if it is outside the years 1678 to 2261
     */
    static long nanos(Instant instant, String field) {
        try {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), NANOS_PER_SECOND), instant.getNano());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(field + " is outside the storable range (years 1678 to 2261): " + instant, e);
        }
    }

    /** The epoch nanoseconds of a bound or computed time, clamped to the storable range. */
    static long clampedNanos(Instant instant) {
        try {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), NANOS_PER_SECOND), instant.getNano());
        } catch (ArithmeticException e) {
            return instant.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /** {@code now + lease}, clamped to the storable range. */
    static long plus(Instant now, Duration duration) {
        long start = clampedNanos(now);
        try {
            return Math.addExact(start, duration.toNanos());
        } catch (ArithmeticException e) {
            return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, NANOS_PER_SECOND), Math.floorMod(nanos, NANOS_PER_SECOND));
    }

    static Instant instant(ResultSet rows, String column) throws SQLException {
        long nanos = rows.getLong(column);
        return rows.wasNull() ? null : instant(nanos);
    }

    static void set(PreparedStatement statement, int index, Instant instant, String field) throws SQLException {
        if (instant == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, nanos(instant, field));
        }
    }
}
