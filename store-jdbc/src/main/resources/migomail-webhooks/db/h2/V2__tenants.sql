-- Schema version 2 of the Migomail webhook store (H2): tenants.
-- Every endpoint, event and delivery belongs to one tenant. Rows of version 1 get the tenant the
-- host names with JdbcWebhookStore.Builder.tenantForExistingRows: ${existingRowsTenant} is that
-- tenant as a quoted literal, or NULL when the tables are empty (the migrator refuses tables with
-- rows and no tenant). The default fills the existing rows and is dropped at once, so that every
-- new row names its tenant.
-- H2 commits each DDL statement on its own, so every statement can run again: a migration that
-- stopped half-way completes on the next start.

ALTER TABLE ${prefix}endpoints
    ADD COLUMN IF NOT EXISTS tenant_id VARCHAR(64) DEFAULT ${existingRowsTenant} NOT NULL;
ALTER TABLE ${prefix}endpoints ALTER COLUMN tenant_id DROP DEFAULT;

ALTER TABLE ${prefix}events
    ADD COLUMN IF NOT EXISTS tenant_id VARCHAR(64) DEFAULT ${existingRowsTenant} NOT NULL;
ALTER TABLE ${prefix}events ALTER COLUMN tenant_id DROP DEFAULT;
-- A keyed hash of the subscriber's address (never the address), for erasure; NULL for none.
ALTER TABLE ${prefix}events ADD COLUMN IF NOT EXISTS subscriber_key VARCHAR(64);

ALTER TABLE ${prefix}deliveries
    ADD COLUMN IF NOT EXISTS tenant_id VARCHAR(64) DEFAULT ${existingRowsTenant} NOT NULL;
ALTER TABLE ${prefix}deliveries ALTER COLUMN tenant_id DROP DEFAULT;

-- The fan-out of a publish, endpoint listing and tenant deletion read one tenant's endpoints.
CREATE INDEX IF NOT EXISTS ${prefix}endpoints_tenant_idx ON ${prefix}endpoints (tenant_id, created_at, id);
-- One tenant's time-range listing and tenant deletion; the global (ts, id) index stays for retention.
CREATE INDEX IF NOT EXISTS ${prefix}events_tenant_ts_idx ON ${prefix}events (tenant_id, ts, id);
-- Subscriber erasure (H2 has no partial indexes).
CREATE INDEX IF NOT EXISTS ${prefix}events_subscriber_idx ON ${prefix}events (tenant_id, subscriber_key);
-- One tenant's delivery listing; it replaces the global (created_at, id) index.
CREATE INDEX IF NOT EXISTS ${prefix}deliveries_tenant_idx ON ${prefix}deliveries (tenant_id, created_at, id);
DROP INDEX IF EXISTS ${prefix}deliveries_created_idx;

-- Settings the store keeps for every node over it: the random key of the subscriber index
-- (ErasureStore.subscriberIndexKey), created on first use.
CREATE TABLE IF NOT EXISTS ${prefix}settings (
    id    VARCHAR(64) NOT NULL PRIMARY KEY,
    content VARCHAR(255) NOT NULL
);
