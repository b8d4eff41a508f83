-- Schema version 2 of the Migomail webhook store (PostgreSQL): tenants.
-- Every endpoint, event and delivery belongs to one tenant (TenantId: 1 to 64 characters of
-- [A-Za-z0-9._:-], compared byte by byte). Rows of version 1 get the tenant the host names with
-- JdbcWebhookStore.Builder.tenantForExistingRows: ${existingRowsTenant} is that tenant as a quoted
-- literal, or NULL when the tables are empty (the migrator refuses tables with rows and no tenant).
-- A constant default fills the existing rows without rewriting the tables (PostgreSQL 11 and
-- newer) and is dropped at once, so that every new row names its tenant.
-- The whole migration is one transaction: if any statement fails, the schema stays at version 1.

ALTER TABLE ${prefix}endpoints
    ADD COLUMN tenant_id VARCHAR(64) COLLATE "C" DEFAULT ${existingRowsTenant} NOT NULL;
ALTER TABLE ${prefix}endpoints ALTER COLUMN tenant_id DROP DEFAULT;

ALTER TABLE ${prefix}events
    ADD COLUMN tenant_id VARCHAR(64) COLLATE "C" DEFAULT ${existingRowsTenant} NOT NULL;
ALTER TABLE ${prefix}events ALTER COLUMN tenant_id DROP DEFAULT;
-- A keyed hash of the subscriber's address (never the address), for erasure; NULL for none.
ALTER TABLE ${prefix}events ADD COLUMN subscriber_key VARCHAR(64) COLLATE "C";

ALTER TABLE ${prefix}deliveries
    ADD COLUMN tenant_id VARCHAR(64) COLLATE "C" DEFAULT ${existingRowsTenant} NOT NULL;
ALTER TABLE ${prefix}deliveries ALTER COLUMN tenant_id DROP DEFAULT;

-- The fan-out of a publish, endpoint listing and tenant deletion read one tenant's endpoints.
CREATE INDEX IF NOT EXISTS ${prefix}endpoints_tenant_idx ON ${prefix}endpoints (tenant_id, created_at, id);
-- One tenant's time-range listing, keyset-paged on (ts, id), and tenant deletion oldest first.
-- The global (ts, id) index stays for retention, which purges across tenants.
CREATE INDEX IF NOT EXISTS ${prefix}events_tenant_ts_idx ON ${prefix}events (tenant_id, ts, id);
-- Subscriber erasure, and finding the events that have no key yet (rows of version 1, which the
-- sender indexes before it erases): not partial, since B-tree indexes keep NULLs and IS NULL reads them.
CREATE INDEX IF NOT EXISTS ${prefix}events_subscriber_idx ON ${prefix}events (tenant_id, subscriber_key);
-- One tenant's delivery listing, keyset-paged on (created_at, id). It replaces the global
-- (created_at, id) index, which only an unscoped listing used: an outcome update cannot be HOT and
-- adds an entry to every index of the table, so the table keeps five indexes, not six.
CREATE INDEX IF NOT EXISTS ${prefix}deliveries_tenant_idx ON ${prefix}deliveries (tenant_id, created_at, id);
DROP INDEX IF EXISTS ${prefix}deliveries_created_idx;

-- Settings the store keeps for every node over it: the random key of the subscriber index
-- (ErasureStore.subscriberIndexKey), created on first use.
CREATE TABLE IF NOT EXISTS ${prefix}settings (
    id    VARCHAR(64) NOT NULL PRIMARY KEY,
    content VARCHAR(255) NOT NULL
);

-- The claim when some endpoints are excluded (at their concurrency limit): a skip scan over the
-- endpoints with pending deliveries, then each one's earliest due deliveries, so that one endpoint's
-- backlog of due deliveries is passed over in one index descent instead of row by row.
CREATE INDEX IF NOT EXISTS ${prefix}deliveries_pending_endpoint_idx ON ${prefix}deliveries (endpoint_id, next_attempt_at, id)
    WHERE status = 'PENDING';
