package com.migomail.webhooks.store.jdbc.internal;

import com.migomail.webhooks.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The day partitions of the layout partitioned by event day: each UTC day of event timestamps has
 * one partition in each of the events, deliveries and attempts tables ({@code <table>_pYYYYMMDD}),
 * created together and dropped together.
 *
 * <p>Partitions are created ahead of use, for the day a publish is stored on and
 * {@link #DAYS_AHEAD} days after it, and on first use for an event whose timestamp falls on
 * another day; this node remembers which exist, so a publish looks them up in memory. Creating one
 * takes a short exclusive lock on the three tables, under a lock timeout so that it never queues
 * for long behind a long transaction (and stalls every query queued behind it).
 *
 * <p>Retention drops a day's three partitions in one short transaction, once the whole day is
 * before the cutoff and none of its deliveries is pending: the tables are locked (all three, in
 * the order every other statement takes them), the day's deliveries checked for a pending one,
 * and only then dropped, so a replay or a late append cannot slip a pending delivery in between.
 */
final class PartitionDays {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionDays.class);

    /** Nanoseconds in a UTC day; times are stored as epoch nanoseconds. */
    static final long DAY_NANOS = 86_400_000_000_000L;

    /** Days after a publish's own day that are created ahead, so that midnight never waits on DDL. */
    static final int DAYS_AHEAD = 2;

    /** How long a partition is created or dropped in is allowed to wait for the tables' lock. */
    static final String LOCK_TIMEOUT = "2s";

    /** SQLSTATE of a row no partition takes ({@code no partition of relation ... found for row}). */
    static final String NO_PARTITION = "23514";

    /** SQLSTATE of a lock wait that reached {@code lock_timeout}. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("uuuuMMdd");

    /** The most days one call creates, against a typo in a backfill range. */
    private static final int MAX_DAYS_PER_CALL = 4_000;

    private final Tables tables;
    private final NavigableSet<Long> known = new ConcurrentSkipListSet<>();

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
     * Makes sure an event of that timestamp, stored at that time, has its partitions: in memory
     * when they are known, else created (on a connection of its own, committed at once).
     */
    void ensureFor(Database database, Instant timestamp, Instant storedAt) {
        long day = dayOf(Times.nanos(timestamp, "timestamp"));
        long storedDay = dayOf(Times.nanos(storedAt, "storedAt"));
        if (known.contains(day) && known.contains(storedDay + DAYS_AHEAD)) {
            return;
        }
        List<Long> wanted = new ArrayList<>();
        wanted.add(day);
        for (long d = storedDay; d <= storedDay + DAYS_AHEAD; d++) {
            wanted.add(d);
        }
        create(database, wanted);
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

    /** Forgets a day, after an insert found no partition for it (another node dropped it). */
    void forget(long day) {
        known.remove(day);
    }

    private void create(Database database, List<Long> days) {
        List<Long> missing = days.stream().distinct().filter(day -> !known.contains(day)).sorted().toList();
        if (missing.isEmpty()) {
            return;
        }
        List<Long> attached = database.transaction("creation of the event-day partitions " + partition("events",
                missing.get(0)) + (missing.size() > 1 ? " and " + (missing.size() - 1) + " more" : ""), connection -> {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("SET LOCAL lock_timeout = '" + LOCK_TIMEOUT + "'");
                        // Nodes creating the same day at once take turns; IF NOT EXISTS then skips it.
                        statement.execute("SELECT pg_advisory_xact_lock(" + maintenanceLockKey() + ")");
                        for (long day : missing) {
                            String range = " FOR VALUES FROM (" + day * DAY_NANOS + ") TO (" + (day + 1) * DAY_NANOS + ")";
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
                });
        known.addAll(attached);
    }

    /**
     * Drops the partitions of every day that ends at or before the cutoff and has no pending
     * delivery, oldest first, one short transaction per day. Returns how many events they held, as
     * PostgreSQL counts a table it has just analyzed: every row of a small partition, an estimate
     * from a sample of a large one (counting a day of a large install row by row would read it all).
     * A day whose lock is not granted within the lock timeout (a long transaction holds the tables)
     * is left, with the days after it, to the next call.
     */
    long dropDaysBefore(Database database, Instant cutoff) {
        long cutoffNanos = Times.clampedNanos(cutoff);
        List<Long> expired = database.autoCommit("reading the event-day partitions", this::attachedDays).stream()
                .filter(day -> (day + 1) * DAY_NANOS <= cutoffNanos).toList();
        long dropped = 0;
        for (long day : expired) {
            String events = partition("events", day);
            double rows = database.autoCommit("counting " + events, connection -> {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("ANALYZE " + events);
                }
                return new Sql("SELECT reltuples FROM pg_class WHERE oid = to_regclass(?)", events)
                        .query(connection, result -> result.getDouble(1)).stream().findFirst().orElse(0d);
            });
            Boolean done;
            try {
                done = database.transaction("drop of the event-day partitions of " + LocalDate.ofEpochDay(day),
                        connection -> dropIfDone(connection, day));
            } catch (StoreException e) {
                if (e.getCause() instanceof SQLException sql && LOCK_NOT_AVAILABLE.equals(sql.getSQLState())) {
                    LOG.warn("the event-day partitions of {} were not dropped: the tables were locked for longer than {};"
                            + " retrying at the next purge", LocalDate.ofEpochDay(day), LOCK_TIMEOUT);
                    break;
                }
                throw e;
            }
            if (done) {
                known.remove(day);
                dropped += Math.max(0, Math.round(rows));
            } else {
                LOG.info("the event-day partitions of {} are kept: a delivery of an event of that day is pending",
                        LocalDate.ofEpochDay(day));
            }
        }
        return dropped;
    }

    private boolean dropIfDone(Connection connection, long day) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL lock_timeout = '" + LOCK_TIMEOUT + "'");
            // Parents first, in the order appends take them: no statement can then be between the
            // pending check and the drop, and no lock order is reversed.
            statement.execute("LOCK TABLE " + tables.events() + ", " + tables.deliveries() + ", " + tables.attempts()
                    + " IN ACCESS EXCLUSIVE MODE");
            boolean pending = !new Sql("SELECT 1 FROM " + partition("deliveries", day) + " WHERE status = 'PENDING' LIMIT 1")
                    .query(connection, rows -> Boolean.TRUE).isEmpty();
            if (pending) {
                return false;
            }
            statement.execute("DROP TABLE " + partition("attempts", day) + ", " + partition("deliveries", day) + ", "
                    + partition("events", day));
            return true;
        }
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

    /** One key per table prefix, apart from the migration's. */
    private long maintenanceLockKey() {
        return 0x6d77_6801_0000_0000L ^ tables.prefix().hashCode();
    }
}
