-- Schema version 5 of the Migomail webhook store (PostgreSQL), in the layout partitioned by event day
-- (JdbcWebhookStore.Builder.partitionedByEventDay). The same columns and indexes as versions 1 to 5
-- of the single-table layout, created at once for a new database. Events, deliveries and attempts
-- are partitioned by the day (UTC) of the event's timestamp: deliveries and attempts repeat it as
-- event_ts, so that one day's rows of all three tables sit in that day's three partitions, and
-- retention drops them together (a partition drop, not a DELETE of every row).
-- The store creates the partitions (PartitionDays: <table>_pYYYYMMDD, one UTC day each) ahead of
-- use; storage parameters go on each partition, since a partitioned table holds no rows of its own.
-- PostgreSQL enforces a unique key of a partitioned table only with the partition key in it:
-- event ids are kept unique by the append, which takes an advisory lock on the id before it looks.
-- There are no foreign keys (a referenced partition cannot be dropped cheaply): the store deletes an
-- event's deliveries and attempts itself. Sequences stand in for identity columns, which
-- PostgreSQL before 17 does not allow on partitioned tables.
-- The whole script is one transaction: if it fails, nothing is created.

CREATE TABLE IF NOT EXISTS ${prefix}events (
    id             VARCHAR(255) COLLATE "C" NOT NULL,
    event_type     VARCHAR(255) NOT NULL,
    ts             BIGINT NOT NULL,
    stored_at      BIGINT NOT NULL,
    body           TEXT NOT NULL,
    tenant_id      VARCHAR(64) COLLATE "C" NOT NULL,
    subscriber_key VARCHAR(64) COLLATE "C",
    trace_context  TEXT,
    PRIMARY KEY (id, ts)
) PARTITION BY RANGE (ts);

CREATE INDEX IF NOT EXISTS ${prefix}events_ts_idx ON ${prefix}events (ts, id);
CREATE INDEX IF NOT EXISTS ${prefix}events_tenant_ts_idx ON ${prefix}events (tenant_id, ts, id);
CREATE INDEX IF NOT EXISTS ${prefix}events_subscriber_idx ON ${prefix}events (tenant_id, subscriber_key);

CREATE TABLE IF NOT EXISTS ${prefix}endpoints (
    id              VARCHAR(255) COLLATE "C" NOT NULL PRIMARY KEY,
    url             TEXT NOT NULL,
    event_types     TEXT NOT NULL,
    description     TEXT NOT NULL,
    metadata        TEXT NOT NULL,
    enabled         BOOLEAN NOT NULL,
    secrets         TEXT NOT NULL,
    failing_since   BIGINT,
    disabled_reason TEXT,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    tenant_id       VARCHAR(64) COLLATE "C" NOT NULL,
    version         BIGINT DEFAULT 0 NOT NULL
);

CREATE INDEX IF NOT EXISTS ${prefix}endpoints_tenant_idx ON ${prefix}endpoints (tenant_id, created_at, id);

CREATE SEQUENCE IF NOT EXISTS ${prefix}deliveries_seq;

CREATE TABLE IF NOT EXISTS ${prefix}deliveries (
    seq              BIGINT DEFAULT nextval('${prefix}deliveries_seq') NOT NULL,
    id               VARCHAR(255) COLLATE "C" NOT NULL,
    event_id         VARCHAR(255) COLLATE "C" NOT NULL,
    event_ts         BIGINT NOT NULL,
    endpoint_id      VARCHAR(255) COLLATE "C" NOT NULL,
    status           VARCHAR(16) NOT NULL,
    attempt_count    INTEGER NOT NULL,
    next_attempt_at  BIGINT,
    replay           BOOLEAN NOT NULL,
    lease_owner      VARCHAR(255),
    lease_expires_at BIGINT,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL,
    tenant_id        VARCHAR(64) COLLATE "C" NOT NULL,
    PRIMARY KEY (id, event_ts)
) PARTITION BY RANGE (event_ts);

CREATE INDEX IF NOT EXISTS ${prefix}deliveries_due_idx ON ${prefix}deliveries (next_attempt_at, id)
    WHERE status = 'PENDING';
CREATE INDEX IF NOT EXISTS ${prefix}deliveries_event_idx ON ${prefix}deliveries (event_id, seq);
CREATE INDEX IF NOT EXISTS ${prefix}deliveries_endpoint_idx ON ${prefix}deliveries (endpoint_id, created_at, id);
CREATE INDEX IF NOT EXISTS ${prefix}deliveries_tenant_idx ON ${prefix}deliveries (tenant_id, created_at, id);
CREATE INDEX IF NOT EXISTS ${prefix}deliveries_pending_endpoint_idx ON ${prefix}deliveries (endpoint_id, next_attempt_at, id)
    WHERE status = 'PENDING';

CREATE SEQUENCE IF NOT EXISTS ${prefix}attempts_seq;

CREATE TABLE IF NOT EXISTS ${prefix}attempts (
    seq              BIGINT DEFAULT nextval('${prefix}attempts_seq') NOT NULL,
    delivery_id      VARCHAR(255) COLLATE "C" NOT NULL,
    event_ts         BIGINT NOT NULL,
    attempt_number   INTEGER NOT NULL,
    started_at       BIGINT NOT NULL,
    latency_nanos    BIGINT NOT NULL,
    status_code      INTEGER,
    error_class      TEXT,
    error_message    TEXT,
    response_excerpt TEXT,
    tenant_id        VARCHAR(64) COLLATE "C" NOT NULL,
    endpoint_id      VARCHAR(255) COLLATE "C" NOT NULL,
    PRIMARY KEY (seq, event_ts)
) PARTITION BY RANGE (event_ts);

CREATE INDEX IF NOT EXISTS ${prefix}attempts_delivery_idx ON ${prefix}attempts (delivery_id, seq);
CREATE INDEX IF NOT EXISTS ${prefix}attempts_tenant_started_idx ON ${prefix}attempts (tenant_id, started_at);
CREATE INDEX IF NOT EXISTS ${prefix}attempts_endpoint_started_idx ON ${prefix}attempts (endpoint_id, started_at);

CREATE TABLE IF NOT EXISTS ${prefix}settings (
    id    VARCHAR(64) NOT NULL PRIMARY KEY,
    content VARCHAR(255) NOT NULL
);
