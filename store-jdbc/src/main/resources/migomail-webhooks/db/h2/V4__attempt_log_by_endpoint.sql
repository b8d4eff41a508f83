-- Schema version 4 of the Migomail webhook store (H2): the attempt log by tenant, endpoint and time.
-- Counting a tenant's attempts per hour (DeliveryStore.attemptCounts) and finding an endpoint's
-- latest attempt (latestAttempt) read attempts by their start time; a row that named only its
-- delivery could be found that way only through every delivery of the tenant or endpoint ever kept.
-- Each attempt now names its delivery's tenant and endpoint too, copied when it is recorded (a
-- delivery never changes either), and both are indexed with the start time.
-- H2 commits each DDL statement on its own, so every statement can run again: a migration that
-- stopped half-way completes on the next start (the copy fills only rows that have no tenant yet).

ALTER TABLE ${prefix}attempts ADD COLUMN IF NOT EXISTS tenant_id VARCHAR(64);
ALTER TABLE ${prefix}attempts ADD COLUMN IF NOT EXISTS endpoint_id VARCHAR(255);
UPDATE ${prefix}attempts SET
    tenant_id = (SELECT d.tenant_id FROM ${prefix}deliveries d WHERE d.id = ${prefix}attempts.delivery_id),
    endpoint_id = (SELECT d.endpoint_id FROM ${prefix}deliveries d WHERE d.id = ${prefix}attempts.delivery_id)
    WHERE tenant_id IS NULL;
ALTER TABLE ${prefix}attempts ALTER COLUMN tenant_id SET NOT NULL;
ALTER TABLE ${prefix}attempts ALTER COLUMN endpoint_id SET NOT NULL;

-- A tenant's attempts in a time range (the chart over all its endpoints).
CREATE INDEX IF NOT EXISTS ${prefix}attempts_tenant_started_idx ON ${prefix}attempts (tenant_id, started_at);
-- One endpoint's attempts in a time range, and its latest attempt (the index read backwards).
CREATE INDEX IF NOT EXISTS ${prefix}attempts_endpoint_started_idx ON ${prefix}attempts (endpoint_id, started_at);
