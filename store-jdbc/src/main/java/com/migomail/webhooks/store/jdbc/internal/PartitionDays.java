package com.migomail.webhooks.store.jdbc.internal;

import com.migomail.webhooks.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The day partitions of the layout partitioned by event day: each UTC day of event timestamps has
 * one partition in each of the events, deliveries and attempts tables ({@code <table>_pYYYYMMDD}),
 * created together and dropped together.
 *
 * <p>Partitions are created ahead of use, for today and {@link #DAYS_AHEAD} days after it, at start
 * and by every purge, and on first use for an event whose timestamp falls on another day; this
 * node remembers which exist, so a publish looks them up in memory. Creating one takes a short
 * exclusive lock on the three tables, in brief tries (see {@link #withTablesLocked}), so that it
 * never queues for long behind a long transaction (and stalls every query queued behind it).
 *
 * <p>Retention drops a day's three partitions in one short transaction, once the whole day is
 * before the cutoff and none of its deliveries is pending: the tables are locked (all three, in
 * the order appends take them), the day's deliveries checked for a pending one,
 * and only then dropped, so a replay or a late append cannot slip a pending delivery in between.
 */
final class PartitionDays {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionDays.class);

    /** Nanoseconds in a UTC day; times are stored as epoch nanoseconds. */
    static final long DAY_NANOS = 86_400_000_000_000L;

    /** Days after a publish's own day that are created ahead, so that midnight never waits on DDL. */
    static final int DAYS_AHEAD = 2;

    /** How long the creation or drop of partitions tries for the tables' lock in all. */
    static final Duration LOCK_BUDGET = Duration.ofSeconds(2);

    /** How long one try waits for the tables' lock: well under PostgreSQL's default deadlock_timeout. */
    private static final Duration LOCK_TRY = Duration.ofMillis(50);

    /** SQLSTATE of a row no partition takes ({@code no partition of relation ... found for row}). */
    static final String NO_PARTITION = "23514";

    /** SQLSTATEs of a lock not granted in time (lock_timeout) and of a deadlock victim: tried again. */
    private static final Set<String> RETRYABLE = Set.of("55P03", "40P01");

    /** SQLSTATE of a table that does not exist (dropped by another node). */
    private static final String UNDEFINED_TABLE = "42P01";

    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("uuuuMMdd");

    /** The most days one call creates, against a typo in a backfill range. */
    private static final int MAX_DAYS_PER_CALL = 4_000;

    /** The most event times {@link #rememberEventTs} keeps before it starts over. */
    private static final int MAX_REMEMBERED = 100_000;

    private final Tables tables;
    private final NavigableSet<Long> known = new ConcurrentSkipListSet<>();
    /**
     * The event time of deliveries this node appended, by delivery id: what lets an outcome's
     * statement read the delivery's own day partition instead of every day's (a delivery's event
     * time never changes, so an entry cannot be wrong, only missing).
     */
    private final Map<String, Long> eventTsByDelivery = new ConcurrentHashMap<>();

    PartitionDays(Tables tables) {
        this.tables = tables;
    }

    /** The UTC day (days since the epoch) of an epoch-nanosecond time. */
    static long dayOf(long nanos) {
        return Math.floorDiv(nanos, DAY_NANOS);
    }

    /** The partition of that table (its unprefixed name, say {@code events}) for that day. */
    String partition(String table, long day) {
        return tables.prefix() + table + "_p" + LocalDate.ofEpochDay(day).format(SUFFIX);
    }

    /** Reads which days have partitions, replacing what this node remembered. */
    void load(Database database) {
        List<Long> days = database.autoCommit("reading the event-day partitions", this::attachedDays);
        known.clear();
        known.addAll(days);
    }

    /**
     * Makes sure an event of that timestamp has its day's partitions: in memory when they are known,
     * else created on a connection of its own, committed at once. Only that day: the days ahead are
     * created at start and by every purge, so that an append (an outbox append in a transaction that
     * holds the tables already, above all) seldom has anything to create.
     */
    void ensureFor(Database database, Instant timestamp) {
        long day = dayOf(Times.nanos(timestamp, "timestamp"));
        if (!known.contains(day)) {
            create(database, List.of(day));
        }
    }

    /** Makes sure every day from {@code fromDay} to {@code toDay}, both included, has its partitions. */
    void ensureDays(Database database, long fromDay, long toDay) {
        if (toDay - fromDay + 1 > MAX_DAYS_PER_CALL) {
            throw new IllegalArgumentException("at most " + MAX_DAYS_PER_CALL + " days of partitions at once, not "
                    + (toDay - fromDay + 1));
        }
        List<Long> wanted = new ArrayList<>();
        for (long d = fromDay; d <= toDay; d++) {
            wanted.add(d);
        }
        create(database, wanted);
    }

    /** Remembers the event time of deliveries just appended. */
    void rememberEventTs(List<String> deliveryIds, Instant eventTimestamp) {
        if (eventTsByDelivery.size() > MAX_REMEMBERED) {
            eventTsByDelivery.clear(); // a miss costs a statement over every day, nothing else
        }
        long ts = Times.nanos(eventTimestamp, "timestamp");
        deliveryIds.forEach(id -> eventTsByDelivery.put(id, ts));
    }

    /** The event times of those deliveries, in order, or null unless every one is remembered. */
    long[] eventTsOf(List<String> deliveryIds) {
        long[] ts = new long[deliveryIds.size()];
        for (int i = 0; i < ts.length; i++) {
            Long known = eventTsByDelivery.get(deliveryIds.get(i));
            if (known == null) {
                return null;
            }
            ts[i] = known;
        }
        return ts;
    }

    /** Forgets the event time of a delivery whose outcome is final. */
    void forgetEventTs(String deliveryId) {
        eventTsByDelivery.remove(deliveryId);
    }

    /** Forgets a day, after an insert found no partition for it (another node dropped it). */
    void forget(long day) {
        known.remove(day);
    }

    private void create(Database database, List<Long> days) {
        List<Long> missing = days.stream().distinct().filter(day -> !known.contains(day)).sorted().toList();
        if (missing.isEmpty()) {
            return;
        }
        String operation = "creation of the event-day partitions " + partition("events", missing.get(0))
                + (missing.size() > 1 ? " and " + (missing.size() - 1) + " more" : "");
        List<Long> attached = withTablesLocked(database, operation, connection -> {
            try (Statement statement = connection.createStatement()) {
                for (long day : missing) {
                    // IF NOT EXISTS: another node may have created the day since this one looked.
                    String range = " FOR VALUES FROM (" + bound(day) + ") TO (" + bound(day + 1) + ")";
                    statement.execute("CREATE TABLE IF NOT EXISTS " + partition("events", day) + " PARTITION OF "
                            + tables.events() + range);
                    // The storage parameters of the single-table layout's deliveries (see V1__init).
                    statement.execute("CREATE TABLE IF NOT EXISTS " + partition("deliveries", day)
                            + " PARTITION OF " + tables.deliveries() + range + " WITH (fillfactor = 70,"
                            + " autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_threshold = 1000,"
                            + " autovacuum_analyze_scale_factor = 0.05)");
                    statement.execute("CREATE TABLE IF NOT EXISTS " + partition("attempts", day)
                            + " PARTITION OF " + tables.attempts() + range);
                }
            }
            return attachedDays(connection);
        }).orElseThrow(() -> new StoreException(operation + " failed: the tables stayed locked for " + LOCK_BUDGET
                + " (by a long transaction; for an outbox append, possibly the caller's own transaction, which"
                + " wrote to the tables before: create the days ahead with createEventDayPartitions)"));
        known.addAll(attached);
    }

    /** The partition bound of a day's start: its epoch nanoseconds, or the open end past the storable range. */
    private static String bound(long day) {
        if (day > Long.MAX_VALUE / DAY_NANOS) {
            return "MAXVALUE";
        }
        if (day < Long.MIN_VALUE / DAY_NANOS) {
            return "MINVALUE";
        }
        return Long.toString(day * DAY_NANOS);
    }

    /**
     * Runs work in one transaction that first takes the exclusive lock of the three tables, parents
     * first in the order appends take them, so that no statement is between the work's reads and
     * its DDL. Each try waits at most {@link #LOCK_TRY} for the lock, and tries repeat until
     * {@link #LOCK_BUDGET}: a request given up that soon never waits long enough for PostgreSQL's
     * deadlock check ({@code deadlock_timeout}, 1 s by default) to choose a victim among statements
     * that take the tables in another order (an attempt read takes attempts before deliveries), and
     * the queries queued behind it wait at most that long. Empty if the budget ran out.
     */
    private <T> Optional<T> withTablesLocked(Database database, String operation, SqlWork<T> work) {
        long deadline = System.nanoTime() + LOCK_BUDGET.toNanos();
        while (true) {
            try {
                return Optional.of(database.transaction(operation, connection -> {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("SET LOCAL lock_timeout = '" + LOCK_TRY.toMillis() + "ms'");
                        statement.execute("LOCK TABLE " + tables.events() + ", " + tables.deliveries() + ", "
                                + tables.attempts() + " IN ACCESS EXCLUSIVE MODE");
                    }
                    return work.apply(connection);
                }));
            } catch (StoreException e) {
                if (!(e.getCause() instanceof SQLException sql && RETRYABLE.contains(sql.getSQLState()))) {
                    throw e;
                }
                if (System.nanoTime() > deadline) {
                    return Optional.empty();
                }
                // A pause between tries, so the traffic queued behind the last one drains.
                LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(10_000_000, 50_000_000));
            }
        }
    }

    /**
     * Drops the partitions of every day that ends at or before the cutoff and has no pending
     * delivery, oldest first, one short transaction per day. Returns how many events they held,
     * counted just before each day's drop (an event of that day stored in between is dropped uncounted).
     * A day whose lock is not granted within the lock timeout (a long transaction holds the tables)
     * is left, with the days after it, to the next call.
     */
    long dropDaysBefore(Database database, Instant cutoff) {
        long cutoffNanos = Times.clampedNanos(cutoff);
        List<Long> expired = database.autoCommit("reading the event-day partitions", this::attachedDays).stream()
                .filter(day -> !bound(day + 1).equals("MAXVALUE") && (day + 1) * DAY_NANOS <= cutoffNanos).toList();
        long dropped = 0;
        for (long day : expired) {
            String events = partition("events", day);
            Optional<Long> rows = database.autoCommit("counting " + events, connection -> count(connection, events));
            if (rows.isEmpty()) {
                known.remove(day); // another node dropped it since the listing
                continue;
            }
            String operation = "drop of the event-day partitions of " + LocalDate.ofEpochDay(day);
            Optional<Drop> drop = withTablesLocked(database, operation, connection -> dropIfDone(connection, day));
            if (drop.isEmpty()) {
                LOG.warn("the event-day partitions of {} were not dropped: the tables stayed locked for {}; retrying at"
                        + " the next purge", LocalDate.ofEpochDay(day), LOCK_BUDGET);
                break;
            }
            switch (drop.get()) {
                case DROPPED -> {
                    known.remove(day);
                    dropped += rows.get();
                }
                case GONE -> known.remove(day);
                case KEPT -> LOG.info("the event-day partitions of {} are kept: a delivery of an event of that day is"
                        + " pending", LocalDate.ofEpochDay(day));
            }
        }
        return dropped;
    }

    /** What became of a day the purge meant to drop. */
    private enum Drop { DROPPED, KEPT, GONE }

    /**
     * The events of a day's partition, counted; empty if it is gone. Once vacuum has marked the
     * day's pages all-visible (autovacuum does so for a day that takes no more inserts) this reads
     * only its primary key index; an ANALYZE, which counted it before, read a sample of the rows
     * themselves and computed statistics of every column, seconds of I/O and CPU beside the traffic
     * on a day of a million events.
     */
    private static Optional<Long> count(Connection connection, String events) throws SQLException {
        try {
            return new Sql("SELECT count(*) FROM " + events).query(connection, result -> result.getLong(1)).stream()
                    .findFirst();
        } catch (SQLException e) {
            if (UNDEFINED_TABLE.equals(e.getSQLState())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private Drop dropIfDone(Connection connection, long day) throws SQLException {
        String deliveries = partition("deliveries", day);
        // Under the tables' lock: a day another node dropped meanwhile is gone, not an error.
        if (new Sql("SELECT to_regclass(?) IS NULL", deliveries).query(connection, rows -> rows.getBoolean(1)).get(0)) {
            return Drop.GONE;
        }
        boolean pending = !new Sql("SELECT 1 FROM " + deliveries + " WHERE status = 'PENDING' LIMIT 1")
                .query(connection, rows -> Boolean.TRUE).isEmpty();
        if (pending) {
            return Drop.KEPT;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE " + partition("attempts", day) + ", " + deliveries + ", "
                    + partition("events", day));
        }
        return Drop.DROPPED;
    }

    /** The days whose events partition is attached, read from the catalog. */
    private List<Long> attachedDays(Connection connection) throws SQLException {
        String prefix = tables.prefix() + "events_p";
        List<Long> days = new ArrayList<>();
        for (String name : new Sql("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                + " WHERE i.inhparent = to_regclass(?)", tables.events()).query(connection, rows -> rows.getString(1))) {
            if (name.startsWith(prefix) && name.length() == prefix.length() + 8) {
                days.add(LocalDate.parse(name.substring(prefix.length()), SUFFIX).toEpochDay());
            }
        }
        days.sort(null);
        return days;
    }

}
