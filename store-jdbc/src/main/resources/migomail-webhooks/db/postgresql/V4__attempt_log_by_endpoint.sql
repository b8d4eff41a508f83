-- Schema version 4 of the Migomail webhook store (PostgreSQL): the attempt log by tenant, endpoint
-- and time. Counting a tenant's attempts per hour (DeliveryStore.attemptCounts) and finding an
-- endpoint's latest attempt (latestAttempt) read attempts by their start time; a row that named only
-- its delivery could be found that way only through every delivery of the tenant or endpoint ever
-- kept. Each attempt now names its delivery's tenant and endpoint too, copied when it is recorded
-- (a delivery never changes either), and both are indexed with the start time.
-- The attempts table is insert-only, so the two indexes cost an entry each per attempt and never
-- touch the deliveries table's HOT updates. The copy rewrites every attempt row once, inside the
-- migration's transaction: on a large attempt log, migrate at a quiet time (JdbcWebhookStore.migrate).
-- The whole migration is one transaction: if any statement fails, the schema stays at version 3.

ALTER TABLE ${prefix}attempts ADD COLUMN tenant_id VARCHAR(64) COLLATE "C";
ALTER TABLE ${prefix}attempts ADD COLUMN endpoint_id VARCHAR(255) COLLATE "C";
UPDATE ${prefix}attempts a SET tenant_id = d.tenant_id, endpoint_id = d.endpoint_id
    FROM ${prefix}deliveries d WHERE d.id = a.delivery_id;
ALTER TABLE ${prefix}attempts ALTER COLUMN tenant_id SET NOT NULL, ALTER COLUMN endpoint_id SET NOT NULL;

-- A tenant's attempts in a time range (the chart over all its endpoints).
CREATE INDEX IF NOT EXISTS ${prefix}attempts_tenant_started_idx ON ${prefix}attempts (tenant_id, started_at);
-- One endpoint's attempts in a time range, and its latest attempt (the index read backwards).
CREATE INDEX IF NOT EXISTS ${prefix}attempts_endpoint_started_idx ON ${prefix}attempts (endpoint_id, started_at);
