package com.migomail.webhooks.store.jdbc.internal;

import com.migomail.webhooks.store.Endpoint;
import com.migomail.webhooks.store.EndpointSecret;
import com.migomail.webhooks.store.EndpointVersionConflictException;
import com.migomail.webhooks.store.NotFoundException;
import com.migomail.webhooks.store.TenantId;
import com.migomail.webhooks.store.jdbc.Dialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Endpoints; list- and map-valued fields are JSON text, the secrets as {@link SecretsAtRest} keeps them. */
final class EndpointRepository {

    private static final String COLUMNS = "id, tenant_id, url, event_types, description, metadata, enabled, secrets,"
            + " failing_since, disabled_reason, created_at, updated_at, version";

    private final Tables tables;
    private final Dialect dialect;
    private final SecretsAtRest secrets;
    private final DecodedEndpointColumns decoded = new DecodedEndpointColumns();

    /** The reads of every publish and attempt, kept whole (see {@link Sql}). */
    private final String findSql;
    private final String allSql;

    EndpointRepository(Tables tables, Dialect dialect, SecretsAtRest secrets) {
        this.tables = tables;
        this.dialect = dialect;
        this.secrets = secrets;
        this.findSql = "SELECT " + COLUMNS + " FROM " + tables.endpoints() + " WHERE id = ? AND tenant_id = ?";
        this.allSql = "SELECT " + COLUMNS + " FROM " + tables.endpoints() + " WHERE tenant_id = ? ORDER BY created_at, id";
    }

    Endpoint create(Connection connection, Endpoint endpoint) throws SQLException {
        Sql insert = new Sql("INSERT INTO " + tables.endpoints() + " (" + COLUMNS + ")"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                endpoint.id(), endpoint.tenant().value(), endpoint.url(), EndpointCodec.types(endpoint.eventTypes()),
                endpoint.description(),
                EndpointCodec.metadata(endpoint.metadata()), endpoint.enabled(),
                secrets.seal(connection, endpoint.tenant(), endpoint.id(), EndpointCodec.secrets(endpoint.secrets())),
                optionalTime(endpoint.failingSince(), "failingSince"),
                Sql.nullable(endpoint.disabledReason(), Sql.Null.VARCHAR),
                Times.nanos(endpoint.createdAt(), "createdAt"), Times.nanos(endpoint.updatedAt(), "updatedAt"),
                endpoint.version());
        if (!insert.insertUnlessExists(connection, dialect)) {
            throw new IllegalArgumentException("endpoint already exists: " + endpoint.id());
        }
        return endpoint;
    }

    /**
     * A compare-and-set on the version in the statement itself: on PostgreSQL a concurrent writer's
     * UPDATE waits for the row lock and then re-checks the condition against the committed row, so
     * of two writes from one version exactly one matches; on H2 the store runs endpoint writes in
     * turn (see JdbcStore).
     */
    Endpoint update(Connection connection, Endpoint endpoint) throws SQLException {
        int updated = new Sql("UPDATE " + tables.endpoints() + " SET url = ?, event_types = ?, description = ?,"
                + " metadata = ?, enabled = ?, disabled_reason = ?, updated_at = ?, version = version + 1"
                + " WHERE id = ? AND tenant_id = ? AND version = ?",
                endpoint.url(), EndpointCodec.types(endpoint.eventTypes()), endpoint.description(),
                EndpointCodec.metadata(endpoint.metadata()), endpoint.enabled(),
                Sql.nullable(endpoint.disabledReason(), Sql.Null.VARCHAR),
                Times.nanos(endpoint.updatedAt(), "updatedAt"), endpoint.id(), endpoint.tenant().value(),
                endpoint.version())
                .update(connection);
        Endpoint stored = find(connection, endpoint.tenant(), endpoint.id())
                .orElseThrow(() -> new NotFoundException("endpoint", endpoint.id()));
        if (updated != 1) {
            throw new EndpointVersionConflictException(endpoint.id(), endpoint.version(), stored.version());
        }
        return stored;
    }

    Optional<Endpoint> find(Connection connection, TenantId tenant, String endpointId) throws SQLException {
        return new Sql(findSql, endpointId, tenant.value()).query(connection, rows -> endpoint(connection, rows)).stream().findFirst();
    }

    /** The disabled endpoints of every tenant: a scan of the endpoints table, one row per endpoint. */
    long countDisabled(Connection connection) throws SQLException {
        return new Sql("SELECT COUNT(*) FROM " + tables.endpoints() + " WHERE enabled = FALSE")
                .query(connection, rows -> rows.getLong(1)).get(0);
    }

    /** The tenant's endpoints through the (tenant_id, created_at, id) index, in its order. */
    List<Endpoint> all(Connection connection, TenantId tenant) throws SQLException {
        return new Sql(allSql, tenant.value()).query(connection, rows -> endpoint(connection, rows));
    }

    /**
     * The fan-out of a publish: the tenant's endpoints, filtered by type here rather than in SQL
     * (the filters are JSON text, and wildcards are the endpoint's own rule).
     */
    List<Endpoint> subscribed(Connection connection, TenantId tenant, String eventType) throws SQLException {
        return all(connection, tenant).stream().filter(endpoint -> endpoint.subscribesTo(eventType)).toList();
    }

    /**
     * Read-modify-write of the secrets under a row lock, so concurrent rotations do not lose one. The
     * lock is taken by an UPDATE (the version's), not by SELECT ... FOR UPDATE: on H2 2.3 an endpoint
     * update that waited for a row locked with FOR UPDATE could then write the row as it was before
     * the rotation, undoing it (about one run in 200 of three threads rotating, updating and
     * disabling one endpoint); UPDATE against UPDATE waits and re-checks correctly. The endpoint row
     * is locked before the data key row (by seal), as the secrets pass does.
     */
    Endpoint rotateSecret(Connection connection, TenantId tenant, String endpointId, EndpointSecret newSecret,
            Instant oldExpireAt, Instant now) throws SQLException {
        int locked = new Sql("UPDATE " + tables.endpoints() + " SET version = version + 1"
                + " WHERE id = ? AND tenant_id = ?", endpointId, tenant.value()).update(connection);
        if (locked != 1) {
            throw new NotFoundException("endpoint", endpointId);
        }
        List<String> stored = new Sql("SELECT secrets FROM " + tables.endpoints() + " WHERE id = ?", endpointId)
                .query(connection, rows -> rows.getString(1));
        List<EndpointSecret> rotated = EndpointSecret.rotate(
                EndpointCodec.secrets(secrets.open(connection, tenant, endpointId, stored.get(0))), newSecret,
                oldExpireAt, now);
        int updated = new Sql("UPDATE " + tables.endpoints() + " SET secrets = ?, updated_at = ? WHERE id = ?",
                secrets.seal(connection, tenant, endpointId, EndpointCodec.secrets(rotated)), Times.nanos(now, "now"),
                endpointId).update(connection);
        return reread(connection, tenant, endpointId, updated);
    }

    Endpoint recordHealth(Connection connection, TenantId tenant, String endpointId, boolean succeeded, Instant at)
            throws SQLException {
        // Writes only on a change of health: every attempt reports here, and an unconditional update
        // would make the endpoint row a hot spot that serializes all nodes' deliveries to it.
        Sql update = succeeded
                ? new Sql("UPDATE " + tables.endpoints() + " SET failing_since = NULL, version = version + 1"
                        + " WHERE id = ? AND tenant_id = ? AND failing_since IS NOT NULL", endpointId, tenant.value())
                : new Sql("UPDATE " + tables.endpoints() + " SET failing_since = ?, version = version + 1"
                        + " WHERE id = ? AND tenant_id = ? AND failing_since IS NULL", Times.nanos(at, "at"), endpointId,
                        tenant.value());
        update.update(connection);
        return find(connection, tenant, endpointId).orElseThrow(() -> new NotFoundException("endpoint", endpointId));
    }

    /** Deletes the tenant's endpoint (its keys are in its row); returns whether there was one. */
    boolean delete(Connection connection, TenantId tenant, String endpointId) throws SQLException {
        decoded.forget(tenant, endpointId);
        return new Sql("DELETE FROM " + tables.endpoints() + " WHERE id = ? AND tenant_id = ?", endpointId,
                tenant.value()).update(connection) == 1;
    }

    /** Drops what this node keeps decoded of a tenant's endpoints (the tenant is being deleted). */
    void forget(TenantId tenant) {
        decoded.forget(tenant);
    }

    private Endpoint reread(Connection connection, TenantId tenant, String endpointId, int updated)
            throws SQLException {
        if (updated != 1) {
            throw new NotFoundException("endpoint", endpointId);
        }
        return find(connection, tenant, endpointId).orElseThrow(() -> new NotFoundException("endpoint", endpointId));
    }

    private static Object optionalTime(Instant instant, String field) {
        return instant == null ? Sql.Null.BIGINT : Times.nanos(instant, field);
    }

    /**
     * The endpoint of a row; its secrets decrypt on the same connection (a new data key is read there),
     * unless this very column value was decoded before.
     */
    private Endpoint endpoint(Connection connection, ResultSet rows) throws SQLException {
        TenantId tenant = Rows.tenant(rows);
        String id = rows.getString("id");
        String stored = rows.getString("secrets");
        return new Endpoint(
                id,
                tenant,
                rows.getString("url"),
                decoded.types(rows.getString("event_types")),
                rows.getString("description"),
                decoded.metadata(rows.getString("metadata")),
                rows.getBoolean("enabled"),
                decoded.secrets(tenant, id, stored,
                        () -> EndpointCodec.secrets(secrets.open(connection, tenant, id, stored))),
                Times.instant(rows, "failing_since"),
                rows.getString("disabled_reason"),
                Times.instant(rows, "created_at"),
                Times.instant(rows, "updated_at"),
                rows.getLong("version"));
    }
}
