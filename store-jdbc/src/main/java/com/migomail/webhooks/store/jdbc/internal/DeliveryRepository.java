package com.migomail.webhooks.store.jdbc.internal;

import com.migomail.webhooks.store.AttemptCount;
import com.migomail.webhooks.store.AttemptResult;
import com.migomail.webhooks.store.AttemptCountQuery;
import com.migomail.webhooks.store.Delivery;
import com.migomail.webhooks.store.DeliveryAttempt;
import com.migomail.webhooks.store.DeliveryOutcome;
import com.migomail.webhooks.store.DeliveryQuery;
import com.migomail.webhooks.store.DeliveryStatus;
import com.migomail.webhooks.store.KeysetCursor;
import com.migomail.webhooks.store.NotFoundException;
import com.migomail.webhooks.store.Page;
import com.migomail.webhooks.store.TenantId;
import com.migomail.webhooks.store.jdbc.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Deliveries: leases (claim, record, resolve, release), listings, the attempt log and replays. */
final class DeliveryRepository {

    private static final Comparator<Delivery> DUE_ORDER =
            Comparator.comparing(Delivery::nextAttemptAt).thenComparing(Delivery::id);

    /** A pending delivery that is due and whose lease, if any, has expired (parameters: now, now). */
    private static final String CLAIMABLE = "status = 'PENDING' AND next_attempt_at <= ?"
            + " AND (lease_expires_at IS NULL OR lease_expires_at <= ?)";

    /**
     * How many of the earliest due deliveries a claim with endpoints excluded reads before it looks
     * endpoint by endpoint instead.
     */
    private static final int DUE_WINDOW = 1000;

    /** The caller holds an unexpired lease (parameters: owner, now): the fencing check. */
    private static final String LEASE_HELD = " AND status = 'PENDING' AND lease_owner = ? AND lease_expires_at > ?";

    private final Tables tables;
    private final Dialect dialect;
    private final DueWorkNotifications notifications;
    private final String recordSql;
    private final String recordPrunedSql;

    /** @param notifications where to signal deliveries left for any node to claim, or {@code null} */
    DeliveryRepository(Tables tables, Dialect dialect, DueWorkNotifications notifications) {
        this.tables = tables;
        this.dialect = dialect;
        this.notifications = notifications;
        this.recordSql = recordAttemptsSql(tables, false);
        this.recordPrunedSql = recordAttemptsSql(tables, true);
    }

    /**
     * The outcome batch's one statement on PostgreSQL, kept whole (see {@link Sql}); {@code pruned}
     * joins each row on its event's day as well, which binds one array more.
     */
    private static String recordAttemptsSql(Tables tables, boolean pruned) {
        String d = tables.deliveries();
        String day = pruned ? " AND d.event_ts = i.event_ts" : "";
        return "WITH input AS (SELECT * FROM unnest(?, ?, ?, ?, ?, ?, ?, ?, ?, ?" + (pruned ? ", ?" : "") + ")"
                + " AS t(id, status, next_attempt_at, attempt_number, started_at, latency_nanos, status_code,"
                + " error_class, error_message, response_excerpt" + (pruned ? ", event_ts" : "") + ")),"
                + " locked AS (SELECT d.id FROM " + d + " d JOIN input i ON d.id = i.id" + day
                + " WHERE d.status = 'PENDING' AND d.lease_owner = ? AND d.lease_expires_at > ?"
                + " ORDER BY d.id FOR UPDATE OF d SKIP LOCKED),"
                + " updated AS (UPDATE " + d + " d SET status = i.status, next_attempt_at = i.next_attempt_at,"
                + " attempt_count = d.attempt_count + 1, lease_owner = NULL, lease_expires_at = NULL, updated_at = ?"
                + " FROM input i, locked l WHERE d.id = i.id AND d.id = l.id" + day
                + " AND d.status = 'PENDING' AND d.lease_owner = ? AND d.lease_expires_at > ?"
                + " RETURNING d.id, d.tenant_id, d.endpoint_id" + (tables.partitioned() ? ", d.event_ts" : "") + ")"
                + " INSERT INTO " + tables.attempts() + " (" + Rows.ATTEMPT_COLUMNS + ", tenant_id, endpoint_id"
                + tables.eventTsColumn() + ")"
                + " SELECT u.id, i.attempt_number, i.started_at, i.latency_nanos, i.status_code, i.error_class,"
                + " i.error_message, i.response_excerpt, u.tenant_id, u.endpoint_id"
                + (tables.partitioned() ? ", u.event_ts" : "")
                + " FROM updated u JOIN input i ON i.id = u.id RETURNING delivery_id";
    }

    /**
     * PostgreSQL: one statement that locks up to {@code limit} due rows, skipping rows other
     * claimers have locked, and leases them. Concurrent claimers never wait for each other.
     */
    List<Delivery> claimDueSkippingLocked(Connection connection, Instant now, int limit, String owner,
            Duration lease, Set<String> excludedEndpoints) throws SQLException {
        long nowNanos = Times.clampedNanos(now);
        Sql candidates;
        if (excludedEndpoints.isEmpty()) {
            candidates = dueCandidates(nowNanos, excludedEndpoints)
                    .add(" ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED", limit);
        } else {
            List<String> ids = dueCandidatesInWindow(connection, nowNanos, limit, excludedEndpoints);
            if (ids.size() < limit && dueWindowIsFull(connection, nowNanos)) {
                // The earliest due deliveries are mostly the excluded endpoints': look endpoint by endpoint.
                ids = dueCandidatesByEndpoint(connection, nowNanos, limit, excludedEndpoints);
            }
            if (ids.isEmpty()) {
                return List.of();
            }
            candidates = new Sql("SELECT id FROM " + tables.deliveries() + " WHERE id = ANY(?) AND " + CLAIMABLE,
                    ids, nowNanos, nowNanos).add(" ORDER BY next_attempt_at, id FOR UPDATE SKIP LOCKED");
        }
        Sql update = new Sql("UPDATE " + tables.deliveries() + " SET lease_owner = ?, lease_expires_at = ?"
                + " WHERE id IN (", owner, Times.plus(now, lease)).add(candidates).add(")");
        List<Delivery> claimed = new ArrayList<>(Sql.returning(dialect, update, Rows.DELIVERY_COLUMNS)
                .query(connection, Rows::delivery));
        claimed.sort(DUE_ORDER);
        return claimed;
    }

    /**
     * H2: reads the due candidates, then leases each with its own conditional update (in
     * auto-commit), which re-checks the row under its lock, so two claimers never both win a row.
     */
    List<Delivery> claimDueRowByRow(Connection connection, Instant now, int limit, String owner, Duration lease,
            Set<String> excludedEndpoints) throws SQLException {
        long nowNanos = Times.clampedNanos(now);
        Sql candidates = dueCandidates(nowNanos, excludedEndpoints).add(" ORDER BY next_attempt_at, id LIMIT ?", limit);
        List<Delivery> claimed = new ArrayList<>();
        for (String id : candidates.query(connection, rows -> rows.getString(1))) {
            claim(connection, id, now, owner, lease).ifPresent(claimed::add);
        }
        return claimed;
    }

    /**
     * PostgreSQL, with endpoints excluded: the first candidates, from at most {@value #DUE_WINDOW} of
     * the earliest due deliveries (the due index, in order), leaving out the excluded endpoints'. This
     * is the claim's usual case and costs about what a claim without exclusions costs.
     */
    private List<String> dueCandidatesInWindow(Connection connection, long nowNanos, int limit,
            Set<String> excludedEndpoints) throws SQLException {
        return new Sql("SELECT id FROM (SELECT id, endpoint_id, next_attempt_at FROM " + tables.deliveries()
                + " WHERE " + CLAIMABLE + " ORDER BY next_attempt_at, id LIMIT ?) w WHERE NOT (endpoint_id = ANY(?))"
                + " ORDER BY next_attempt_at, id LIMIT ?", nowNanos, nowNanos, DUE_WINDOW,
                List.copyOf(excludedEndpoints), limit).query(connection, rows -> rows.getString(1));
    }

    /** Whether at least {@value #DUE_WINDOW} deliveries are claimable now (read through the due index, bounded). */
    private boolean dueWindowIsFull(Connection connection, long nowNanos) throws SQLException {
        return new Sql("SELECT COUNT(*) FROM (SELECT 1 FROM " + tables.deliveries() + " WHERE " + CLAIMABLE
                + " ORDER BY next_attempt_at, id LIMIT ?) w", nowNanos, nowNanos, DUE_WINDOW)
                .query(connection, rows -> rows.getLong(1)).get(0) >= DUE_WINDOW;
    }

    /**
     * PostgreSQL, when the earliest {@value #DUE_WINDOW} due deliveries are mostly the excluded
     * endpoints' (one endpoint's backlog at its concurrency limit): the earliest due deliveries of
     * every other endpoint, found endpoint by endpoint. Walking the due index in due order would pass
     * every due delivery of that backlog (100,000 of them, say) before it reached another tenant's
     * fresh one; here a skip scan of the pending-by-endpoint index visits each endpoint that has a
     * due delivery once (one index descent each, passing over the index entries of deliveries not
     * yet due), and takes at most {@code limit} due deliveries from each of the others. No lock is taken: the caller claims the
     * candidates with {@code FOR UPDATE SKIP LOCKED}, re-checking that each is still claimable. (The
     * per-endpoint subquery names its endpoint as a range and orders by the index's own columns,
     * endpoint first: with an equality the planner may take the order from the due index instead,
     * since it cannot know that the endpoint's rows are not spread evenly over it, and walk the whole
     * backlog.)
     */
    private List<String> dueCandidatesByEndpoint(Connection connection, long nowNanos, int limit,
            Set<String> excludedEndpoints) throws SQLException {
        String deliveries = tables.deliveries();
        return new Sql("WITH RECURSIVE pending(endpoint_id) AS ("
                + " (SELECT endpoint_id FROM " + deliveries + " WHERE status = 'PENDING' AND next_attempt_at <= ?"
                + " ORDER BY endpoint_id LIMIT 1)"
                + " UNION ALL SELECT (SELECT d.endpoint_id FROM " + deliveries + " d WHERE d.status = 'PENDING'"
                + " AND d.endpoint_id > p.endpoint_id AND d.next_attempt_at <= ? ORDER BY d.endpoint_id LIMIT 1)"
                + " FROM pending p WHERE p.endpoint_id IS NOT NULL)"
                + " SELECT c.id FROM pending p CROSS JOIN LATERAL (SELECT d.id, d.next_attempt_at FROM " + deliveries
                + " d WHERE d.endpoint_id >= p.endpoint_id AND d.endpoint_id <= p.endpoint_id AND d.status = 'PENDING' AND d.next_attempt_at <= ?"
                + " AND (d.lease_expires_at IS NULL OR d.lease_expires_at <= ?)"
                + " ORDER BY d.endpoint_id, d.next_attempt_at, d.id LIMIT ?) c"
                + " WHERE p.endpoint_id IS NOT NULL AND NOT (p.endpoint_id = ANY(?))"
                + " ORDER BY c.next_attempt_at, c.id LIMIT ?", nowNanos, nowNanos, nowNanos, nowNanos, limit,
                List.copyOf(excludedEndpoints), limit)
                .query(connection, rows -> rows.getString(1));
    }

    /** The ids of claimable deliveries, except to the excluded endpoints (the due index serves it). */
    private Sql dueCandidates(long nowNanos, Set<String> excludedEndpoints) {
        Sql sql = new Sql("SELECT id FROM " + tables.deliveries() + " WHERE " + CLAIMABLE, nowNanos, nowNanos);
        return excludedEndpoints.isEmpty()
                ? sql : sql.add(" AND NOT (endpoint_id = ANY(?))", List.copyOf(excludedEndpoints));
    }

    /**
     * Pending deliveries due at {@code now}, leased or not, counted in the due index the claims read:
     * PostgreSQL's partial {@code (next_attempt_at, id) WHERE status = 'PENDING'} index (an index-only
     * scan of the due part) and H2's {@code (status, next_attempt_at)} index (a range of it). The
     * lease columns are in neither, which is why leased deliveries are not left out.
     */
    long countDue(Connection connection, Instant now) throws SQLException {
        return new Sql("SELECT COUNT(*) FROM " + tables.deliveries() + " WHERE status = 'PENDING' AND next_attempt_at <= ?",
                Times.clampedNanos(now)).query(connection, rows -> rows.getLong(1)).get(0);
    }

    Optional<Delivery> claim(Connection connection, String deliveryId, Instant now, String owner, Duration lease)
            throws SQLException {
        long nowNanos = Times.clampedNanos(now);
        Sql update = new Sql("UPDATE " + tables.deliveries() + " SET lease_owner = ?, lease_expires_at = ?"
                + " WHERE id = ? AND " + CLAIMABLE, owner, Times.plus(now, lease), deliveryId, nowNanos, nowNanos);
        return Sql.returning(dialect, update, Rows.DELIVERY_COLUMNS).query(connection, Rows::delivery).stream().findFirst();
    }

    boolean recordAttempt(Connection connection, String owner, DeliveryAttempt attempt, DeliveryOutcome outcome,
            Instant now) throws SQLException {
        Sql update = new Sql("UPDATE " + tables.deliveries() + " SET status = ?, next_attempt_at = ?,"
                + " attempt_count = attempt_count + 1, lease_owner = NULL, lease_expires_at = NULL, updated_at = ?"
                + " WHERE id = ?" + LEASE_HELD, outcome.status().name(), nextAttempt(outcome),
                Times.nanos(now, "now"), attempt.deliveryId(), owner, Times.clampedNanos(now));
        // The update returns the delivery's tenant and endpoint, which the attempt row repeats.
        List<String[]> updated = Sql.returning(dialect, update, "tenant_id, endpoint_id" + tables.eventTsColumn())
                .query(connection, rows -> new String[] {rows.getString(1), rows.getString(2),
                        tables.partitioned() ? rows.getString(3) : null});
        if (updated.size() != 1) {
            return false;
        }
        insertAttempt(connection, attempt, updated.get(0)[0], updated.get(0)[1], updated.get(0)[2]);
        return true;
    }

    /**
     * PostgreSQL: the fenced update and the attempt insert as one statement (a data-modifying CTE),
     * atomic in auto-commit: the attempt row is written only if the update matched.
     */
    boolean recordAttemptInOneStatement(Connection connection, String owner, DeliveryAttempt attempt,
            DeliveryOutcome outcome, Instant now) throws SQLException {
        return new Sql("WITH updated AS (UPDATE " + tables.deliveries() + " SET status = ?, next_attempt_at = ?,"
                + " attempt_count = attempt_count + 1, lease_owner = NULL, lease_expires_at = NULL, updated_at = ?"
                + " WHERE id = ?" + LEASE_HELD + " RETURNING id, tenant_id, endpoint_id" + tables.eventTsColumn() + ")"
                + " INSERT INTO " + tables.attempts() + " (" + Rows.ATTEMPT_COLUMNS + ", tenant_id, endpoint_id"
                + tables.eventTsColumn() + ")"
                + " SELECT id, ?, ?, ?, ?, ?, ?, ?, tenant_id, endpoint_id" + tables.eventTsColumn() + " FROM updated",
                outcome.status().name(), nextAttempt(outcome), Times.nanos(now, "now"), attempt.deliveryId(), owner,
                Times.clampedNanos(now), attempt.number(), Times.nanos(attempt.startedAt(), "startedAt"),
                attempt.latency().toNanos(), Sql.nullable(attempt.statusCode(), Sql.Null.INTEGER),
                text(attempt.errorClass()), text(attempt.errorMessage()), text(attempt.responseExcerpt()))
                .update(connection) == 1;
    }

    /**
     * PostgreSQL: a batch of fenced outcome updates and their attempt inserts as one statement, each
     * row fenced on its own (a lost lease drops that row only). The rows are locked in id order with
     * {@code SKIP LOCKED}, so the batch never waits on, or deadlocks with, a transaction that holds
     * one of them (an endpoint deletion cancelling its deliveries, say): the skipped rows are left
     * out of the result and the caller records them one by one.
     *
     * @return the ids of the deliveries whose attempt was recorded
     */
    Set<String> recordAttemptsInOneStatement(Connection connection, String owner, List<AttemptResult> results,
            Instant now) throws SQLException {
        return recordAttemptsInOneStatement(connection, owner, results, null, now);
    }

    /**
     * As {@link #recordAttemptsInOneStatement(Connection, String, List, Instant)}, each delivery
     * found in its event's day partition alone when {@code eventTs} (one per result, in order) is
     * given: the join on {@code event_ts} lets PostgreSQL prune the other days' partitions per row.
     */
    Set<String> recordAttemptsInOneStatement(Connection connection, String owner, List<AttemptResult> results,
            long[] eventTs, Instant now) throws SQLException {
        int size = results.size();
        Object[] ids = new Object[size];
        Object[] statuses = new Object[size];
        Object[] nextAttempts = new Object[size];
        Object[] numbers = new Object[size];
        Object[] startedAts = new Object[size];
        Object[] latencies = new Object[size];
        Object[] statusCodes = new Object[size];
        Object[] errorClasses = new Object[size];
        Object[] errorMessages = new Object[size];
        Object[] excerpts = new Object[size];
        for (int i = 0; i < size; i++) {
            DeliveryAttempt attempt = results.get(i).attempt();
            DeliveryOutcome outcome = results.get(i).outcome();
            ids[i] = attempt.deliveryId();
            statuses[i] = outcome.status().name();
            nextAttempts[i] = outcome.nextAttemptAt() == null ? null : Times.nanos(outcome.nextAttemptAt(), "nextAttemptAt");
            numbers[i] = attempt.number();
            startedAts[i] = Times.nanos(attempt.startedAt(), "startedAt");
            latencies[i] = attempt.latency().toNanos();
            statusCodes[i] = attempt.statusCode();
            errorClasses[i] = postgresText(attempt.errorClass());
            errorMessages[i] = postgresText(attempt.errorMessage());
            excerpts[i] = postgresText(attempt.responseExcerpt());
        }
        boolean pruned = eventTs != null;
        Sql sql = new Sql(pruned ? recordPrunedSql : recordSql,
                new Sql.TypedArray("varchar", ids), new Sql.TypedArray("varchar", statuses),
                new Sql.TypedArray("int8", nextAttempts), new Sql.TypedArray("int4", numbers),
                new Sql.TypedArray("int8", startedAts), new Sql.TypedArray("int8", latencies),
                new Sql.TypedArray("int4", statusCodes), new Sql.TypedArray("text", errorClasses),
                new Sql.TypedArray("text", errorMessages), new Sql.TypedArray("text", excerpts));
        if (pruned) {
            Object[] days = new Object[size];
            for (int i = 0; i < size; i++) {
                days[i] = eventTs[i];
            }
            sql.add("", new Sql.TypedArray("int8", days));
        }
        return new HashSet<>(sql.add("", owner, Times.clampedNanos(now), Times.nanos(now, "now"), owner,
                Times.clampedNanos(now)).query(connection, rows -> rows.getString(1)));
    }

    private static String postgresText(String value) {
        return value == null ? null : value.replace('\u0000', '\uFFFD');
    }

    /** @param eventTs the delivery's event time as stored (epoch nanoseconds), if the tables are partitioned */
    private void insertAttempt(Connection connection, DeliveryAttempt attempt, String tenantId, String endpointId,
            String eventTs) throws SQLException {
        Sql insert = new Sql("INSERT INTO " + tables.attempts() + " (" + Rows.ATTEMPT_COLUMNS + ", tenant_id, endpoint_id"
                + tables.eventTsColumn() + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?",
                attempt.deliveryId(), attempt.number(), Times.nanos(attempt.startedAt(), "startedAt"),
                attempt.latency().toNanos(), Sql.nullable(attempt.statusCode(), Sql.Null.INTEGER),
                text(attempt.errorClass()), text(attempt.errorMessage()), text(attempt.responseExcerpt()),
                tenantId, endpointId);
        if (tables.partitioned()) {
            insert.add(", ?", Long.parseLong(eventTs));
        }
        insert.add(")").update(connection);
    }

    /** PostgreSQL text cannot hold NUL characters, which a response body may contain. */
    private Object text(String value) {
        if (value == null) {
            return Sql.Null.VARCHAR;
        }
        return dialect == Dialect.POSTGRESQL ? postgresText(value) : value;
    }

    boolean resolve(Connection connection, String deliveryId, String owner, DeliveryOutcome outcome, Instant now)
            throws SQLException {
        return new Sql("UPDATE " + tables.deliveries() + " SET status = ?, next_attempt_at = ?, lease_owner = NULL,"
                + " lease_expires_at = NULL, updated_at = ? WHERE id = ?" + LEASE_HELD,
                outcome.status().name(), nextAttempt(outcome), Times.nanos(now, "now"), deliveryId, owner,
                Times.clampedNanos(now)).update(connection) == 1;
    }

    private static Object nextAttempt(DeliveryOutcome outcome) {
        return outcome.nextAttemptAt() == null
                ? Sql.Null.BIGINT : Times.nanos(outcome.nextAttemptAt(), "nextAttemptAt");
    }

    boolean release(Connection connection, String deliveryId, String owner) throws SQLException {
        if (notifications != null) {
            // One statement still: the notification is sent only if a lease was given back.
            return !new Sql("WITH released AS (UPDATE " + tables.deliveries() + " SET lease_owner = NULL,"
                    + " lease_expires_at = NULL WHERE id = ? AND lease_owner = ? RETURNING id)"
                    + " SELECT pg_notify(?, '') FROM released", deliveryId, owner, notifications.channel())
                    .query(connection, rows -> Boolean.TRUE).isEmpty();
        }
        return new Sql("UPDATE " + tables.deliveries() + " SET lease_owner = NULL, lease_expires_at = NULL"
                + " WHERE id = ? AND lease_owner = ?", deliveryId, owner).update(connection) == 1;
    }

    /** By primary key alone, the tenant compared here, for the reason {@link EventRepository#find} gives. */
    Optional<Delivery> find(Connection connection, TenantId tenant, String deliveryId) throws SQLException {
        return new Sql("SELECT " + Rows.DELIVERY_COLUMNS + " FROM " + tables.deliveries() + " WHERE id = ?", deliveryId)
                .query(connection, Rows::delivery).stream().filter(delivery -> delivery.tenant().equals(tenant))
                .findFirst();
    }

    /**
     * A filter by event or endpoint reads that one's index (both belong to one tenant); otherwise
     * the (tenant_id, created_at, id) index, in its order.
     */
    Page<Delivery> deliveries(Connection connection, TenantId tenant, DeliveryQuery query) throws SQLException {
        Sql sql = new Sql("SELECT " + Rows.DELIVERY_COLUMNS + " FROM " + tables.deliveries() + " WHERE tenant_id = ?",
                tenant.value());
        if (query.eventId() != null) {
            sql.add(" AND event_id = ?", query.eventId());
        }
        if (query.endpointId() != null) {
            sql.add(" AND endpoint_id = ?", query.endpointId());
        }
        if (!query.statuses().isEmpty()) {
            sql.add(" AND status = ANY(?)", query.statuses().stream().map(Enum::name).toList());
        }
        if (query.cursor() != null) {
            KeysetCursor after = KeysetCursor.decodeDeliveries(query.cursor());
            long time = Times.nanos(after.at(), "cursor time");
            // The first bound is implied by the second; it lets the index scan start at the cursor.
            sql.add(" AND created_at >= ? AND (created_at > ? OR (created_at = ? AND id > ?))", time, time, time,
                    after.id());
        }
        sql.add(" ORDER BY created_at, id LIMIT ?", query.limit() + 1);
        List<Delivery> rows = sql.query(connection, Rows::delivery);
        if (rows.size() <= query.limit()) {
            return new Page<>(rows, null);
        }
        Delivery last = rows.get(query.limit() - 1);
        return new Page<>(rows.subList(0, query.limit()), KeysetCursor.encodeAfter(last));
    }

    /** The tenant check is an uncorrelated subquery: evaluated once, by the delivery's primary key. */
    List<DeliveryAttempt> attempts(Connection connection, TenantId tenant, String deliveryId) throws SQLException {
        return new Sql("SELECT " + Rows.ATTEMPT_COLUMNS + " FROM " + tables.attempts() + " WHERE delivery_id = ?"
                + ofTenant(), deliveryId, deliveryId, tenant.value()).add(" ORDER BY seq")
                .query(connection, Rows::attempt);
    }

    int countAttempts(Connection connection, TenantId tenant, String deliveryId) throws SQLException {
        // Counted where they are stored, found by the (delivery_id, seq) index; no row leaves the database.
        return new Sql("SELECT COUNT(*) FROM " + tables.attempts() + " WHERE delivery_id = ?" + ofTenant(),
                deliveryId, deliveryId, tenant.value()).query(connection, rows -> rows.getInt(1)).get(0);
    }

    /**
     * One aggregate over the tenant's (or one endpoint's) attempts in the range, found through the
     * (tenant_id, started_at) or (endpoint_id, started_at) index; no attempt row leaves the database.
     * It groups by bucket, endpoint and outcome (so the outcome is worked out once per attempt, not
     * once per sum), and the up to three rows of a (bucket, endpoint) pair, which come one after the
     * other, make its count. An unsuccessful attempt is looked at twice more, by key: whether its
     * delivery recorded another attempt after it (the (delivery_id, seq) index), and whether the
     * delivery is still pending. A bucket is the whole number of bucket widths from {@code from} to
     * the start, by integer division of nanoseconds (never negative, since {@code started_at >= from},
     * so truncating is flooring).
     */
    List<AttemptCount> attemptCounts(Connection connection, TenantId tenant, AttemptCountQuery query)
            throws SQLException {
        long from = Times.clampedNanos(query.from());
        // A bucket wider than the storable range of times (292 years) holds every attempt in its first bucket.
        long width = query.bucket().compareTo(Duration.ofNanos(Long.MAX_VALUE)) > 0 ? Long.MAX_VALUE
                : query.bucket().toNanos();
        Sql attempts = new Sql("SELECT (a.started_at - ?) / ? AS bucket, a.endpoint_id,"
                + " CASE WHEN a.status_code >= 200 AND a.status_code < 300 THEN 0"
                + " WHEN EXISTS (SELECT 1 FROM " + tables.attempts() + " l WHERE l.delivery_id = a.delivery_id"
                + " AND l.seq > a.seq)"
                + " OR EXISTS (SELECT 1 FROM " + tables.deliveries() + " d WHERE d.id = a.delivery_id"
                + " AND d.status = 'PENDING') THEN 1 ELSE 2 END AS outcome"
                + " FROM " + tables.attempts() + " a WHERE a.tenant_id = ? AND a.started_at >= ? AND a.started_at < ?",
                from, width, tenant.value(), from, Times.clampedNanos(query.to()));
        if (query.endpointId() != null) {
            attempts.add(" AND a.endpoint_id = ?", query.endpointId());
        }
        Sql grouped = new Sql("SELECT bucket, endpoint_id, outcome, COUNT(*) AS attempts FROM (").add(attempts)
                .add(") c GROUP BY bucket, endpoint_id, outcome ORDER BY bucket, endpoint_id");
        List<AttemptCount> counts = new ArrayList<>();
        for (OutcomeCount row : grouped.query(connection, rows -> new OutcomeCount(rows.getLong("bucket"),
                rows.getString("endpoint_id"), rows.getInt("outcome"), rows.getLong("attempts")))) {
            Instant bucketStart = query.from().plus(query.bucket().multipliedBy(row.bucket()));
            AttemptCount last = counts.isEmpty() ? null : counts.get(counts.size() - 1);
            if (last == null || !last.bucketStart().equals(bucketStart) || !last.endpointId().equals(row.endpointId())) {
                last = new AttemptCount(bucketStart, row.endpointId(), 0, 0, 0);
                counts.add(last);
            }
            counts.set(counts.size() - 1, row.addTo(last));
        }
        return counts;
    }

    /** One row of the attempt aggregate: how many attempts of a bucket and endpoint ended one way. */
    private record OutcomeCount(long bucket, String endpointId, int outcome, long attempts) {
        /** 0 succeeded, 1 retried, 2 failed, as the aggregate's CASE numbers them. */
        AttemptCount addTo(AttemptCount count) {
            return new AttemptCount(count.bucketStart(), endpointId, count.succeeded() + (outcome == 0 ? attempts : 0),
                    count.retried() + (outcome == 1 ? attempts : 0), count.failed() + (outcome == 2 ? attempts : 0));
        }
    }

    /**
     * The endpoint's latest start time is one descent of the (endpoint_id, started_at) index; the
     * attempts that started then (one, as a rule) are read by the same index and the tie broken by
     * delivery id and number. The tenant is checked on those rows rather than in the descent, so that
     * another tenant's endpoint id costs one descent too, and finds nothing.
     */
    Optional<DeliveryAttempt> latestAttempt(Connection connection, TenantId tenant, String endpointId)
            throws SQLException {
        return new Sql("SELECT " + Rows.ATTEMPT_COLUMNS + " FROM " + tables.attempts()
                + " WHERE endpoint_id = ? AND tenant_id = ? AND started_at = (SELECT MAX(started_at) FROM "
                + tables.attempts() + " WHERE endpoint_id = ?) ORDER BY delivery_id DESC, attempt_number DESC LIMIT 1",
                endpointId, tenant.value(), endpointId)
                .query(connection, Rows::attempt).stream().findFirst();
    }

    /** That the delivery is the tenant's (parameters: delivery id, tenant). */
    private String ofTenant() {
        return " AND EXISTS (SELECT 1 FROM " + tables.deliveries() + " d WHERE d.id = ? AND d.tenant_id = ?)";
    }

    /**
     * Cancels an endpoint's pending deliveries when it is deleted: no next attempt, and no lease, so
     * that an attempt in flight is not recorded (the fencing check requires a pending delivery).
     */
    int cancelPendingTo(Connection connection, TenantId tenant, String endpointId, Instant now) throws SQLException {
        return new Sql("UPDATE " + tables.deliveries() + " SET status = 'CANCELLED', next_attempt_at = NULL,"
                + " lease_owner = NULL, lease_expires_at = NULL, updated_at = ?"
                + " WHERE endpoint_id = ? AND tenant_id = ? AND status = 'PENDING'", Times.nanos(now, "now"),
                endpointId, tenant.value()).update(connection);
    }

    /**
     * Re-arms or creates the delivery of an event to an endpoint, both the tenant's. The event row is
     * locked first, which serializes replays of one event and keeps a concurrent purge or erasure
     * from deleting it.
     */
    Delivery scheduleReplay(Connection connection, TenantId tenant, String eventId, String endpointId,
            String newDeliveryId, Instant dueAt) throws SQLException {
        long eventTs = lockEvent(connection, tenant, eventId);
        requireEndpoint(connection, tenant, endpointId);
        Optional<Delivery> existing = new Sql("SELECT " + Rows.DELIVERY_COLUMNS + " FROM " + tables.deliveries()
                + " WHERE event_id = ? AND endpoint_id = ? ORDER BY seq", eventId, endpointId)
                .query(connection, Rows::delivery).stream().findFirst();
        long due = Times.nanos(dueAt, "dueAt");
        if (existing.isEmpty()) {
            if (tables.partitioned()) {
                IdLocks.lock(connection, tables, null, List.of(newDeliveryId));
                IdLocks.refuseStoredDeliveryIds(connection, tables, List.of(newDeliveryId));
            }
            Sql insert = new Sql("INSERT INTO " + tables.deliveries() + " (" + Rows.DELIVERY_COLUMNS
                    + tables.eventTsColumn() + ") VALUES (?, ?, ?, ?, 'PENDING', 0, ?, TRUE, NULL, NULL, ?, ?",
                    newDeliveryId, tenant.value(), eventId, endpointId, due, due, due);
            if (tables.partitioned()) {
                insert.add(", ?", eventTs); // in the event's day partition, dropped with it
            }
            insert.add(")").update(connection);
            notifyDue(connection);
            return find(connection, tenant, newDeliveryId).orElseThrow();
        }
        Delivery delivery = existing.get();
        if (delivery.status() == DeliveryStatus.PENDING) {
            return delivery;
        }
        new Sql("UPDATE " + tables.deliveries() + " SET status = 'PENDING', attempt_count = 0, replay = TRUE,"
                + " next_attempt_at = ?, lease_owner = NULL, lease_expires_at = NULL, updated_at = ? WHERE id = ?",
                due, due, delivery.id()).update(connection);
        notifyDue(connection);
        return find(connection, tenant, delivery.id()).orElseThrow();
    }

    /** Signals, at this transaction's commit, a delivery that any node may claim (if signals are on). */
    private void notifyDue(Connection connection) throws SQLException {
        if (notifications != null) {
            notifications.notifyIn(connection);
        }
    }

    /** Locks the tenant's event row and returns its time (epoch nanoseconds). */
    private long lockEvent(Connection connection, TenantId tenant, String eventId) throws SQLException {
        List<Long> ts = new Sql("SELECT ts FROM " + tables.events() + " WHERE id = ? AND tenant_id = ? FOR UPDATE",
                eventId, tenant.value()).query(connection, rows -> rows.getLong(1));
        if (ts.isEmpty()) {
            throw new NotFoundException("event", eventId);
        }
        return ts.get(0);
    }

    private void requireEndpoint(Connection connection, TenantId tenant, String endpointId) throws SQLException {
        if (new Sql("SELECT id FROM " + tables.endpoints() + " WHERE id = ? AND tenant_id = ?", endpointId,
                tenant.value()).query(connection, rows -> rows.getString(1)).isEmpty()) {
            throw new NotFoundException("endpoint", endpointId);
        }
    }
}
