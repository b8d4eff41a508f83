-- Copies a store's single tables (prefix ${from}) into tables partitioned by event day (prefix ${to}),
-- in one transaction. Before it runs: every sender over ${from} is stopped; a store built with
-- tablePrefix("${to}") and partitionedByEventDay() has been migrated (store.migrate()) and closed;
-- and createEventDayPartitions was called on it for the days from the oldest to the newest event
-- (SELECT min(ts), max(ts) FROM ${from}events, in epoch nanoseconds). After it commits, build the
-- senders' store over ${to}: it reads the same endpoints, secrets (under the same keys), events,
-- deliveries and attempt log. Replace ${from} and ${to} with the two prefixes.

BEGIN;

-- The wrapped data key of the secrets and the subscriber index key: the copied endpoints' secrets
-- and subscriber keys were made under them, not under the keys the migration created.
DELETE FROM ${to}settings;
INSERT INTO ${to}settings (id, content) SELECT id, content FROM ${from}settings;

INSERT INTO ${to}endpoints (id, tenant_id, url, event_types, description, metadata, enabled, secrets, failing_since,
        disabled_reason, created_at, updated_at, version)
    SELECT id, tenant_id, url, event_types, description, metadata, enabled, secrets, failing_since, disabled_reason,
        created_at, updated_at, version FROM ${from}endpoints;

INSERT INTO ${to}events (id, tenant_id, event_type, ts, stored_at, body, subscriber_key, trace_context)
    SELECT id, tenant_id, event_type, ts, stored_at, body, subscriber_key, trace_context FROM ${from}events;

-- Deliveries and attempts repeat their event's time (event_ts), which puts them in its day.
INSERT INTO ${to}deliveries (seq, id, tenant_id, event_id, event_ts, endpoint_id, status, attempt_count,
        next_attempt_at, replay, lease_owner, lease_expires_at, created_at, updated_at)
    SELECT d.seq, d.id, d.tenant_id, d.event_id, e.ts, d.endpoint_id, d.status, d.attempt_count, d.next_attempt_at,
        d.replay, d.lease_owner, d.lease_expires_at, d.created_at, d.updated_at
    FROM ${from}deliveries d JOIN ${from}events e ON e.id = d.event_id;

INSERT INTO ${to}attempts (seq, delivery_id, event_ts, attempt_number, started_at, latency_nanos, status_code,
        error_class, error_message, response_excerpt, tenant_id, endpoint_id)
    SELECT a.seq, a.delivery_id, e.ts, a.attempt_number, a.started_at, a.latency_nanos, a.status_code, a.error_class,
        a.error_message, a.response_excerpt, a.tenant_id, a.endpoint_id
    FROM ${from}attempts a JOIN ${from}deliveries d ON d.id = a.delivery_id JOIN ${from}events e ON e.id = d.event_id;

-- New rows continue the copied order (listings and the attempt log sort by seq).
SELECT setval('${to}deliveries_seq', coalesce((SELECT max(seq) FROM ${to}deliveries), 0) + 1, false);
SELECT setval('${to}attempts_seq', coalesce((SELECT max(seq) FROM ${to}attempts), 0) + 1, false);

COMMIT;
