package com.migomail.webhooks.store.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A database as the released schema version 1 left it: the tables of the repository's
 * {@code V1__init.sql}, the version table with version 1 recorded, and rows written as that version
 * wrote them (no tenant anywhere): two endpoints, three events, a delivered delivery with its
 * attempt, a pending one after a failed attempt, and a skipped one. {@link #upgradedToVersion2}
 * turns it into a database of the released version 2.
 */
final class Version1Database {

    static final Instant T0 = Instant.parse("2025-11-03T08:00:00Z");

    private final Connection connection;
    private final String dialect;
    private final String prefix;

    Version1Database(Connection connection, Dialect dialect, String prefix) {
        this.connection = connection;
        this.dialect = dialect.name().toLowerCase(Locale.ROOT);
        this.prefix = prefix;
    }

    /** The tables and indexes of version 1, and the version table recording it. */
    Version1Database create() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements(read("/migomail-webhooks/db/" + dialect + "/V1__init.sql"))) {
                statement.execute(sql.replace("${prefix}", prefix));
            }
            // As the version-1 Migrator created and filled it.
            statement.execute("CREATE TABLE IF NOT EXISTS " + prefix + "schema_version"
                    + " (version INTEGER NOT NULL PRIMARY KEY, script VARCHAR(255) NOT NULL,"
                    + " installed_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL)");
            statement.execute("INSERT INTO " + prefix + "schema_version (version, script) VALUES (1, 'V1__init')");
        }
        return this;
    }

    /**
     * The database as the released schema version 2 left it after migrating these tables: the
     * repository's {@code V2__tenants.sql} applied, the rows given to that tenant, and version 2
     * recorded.
     */
    Version1Database upgradedToVersion2(String tenant) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements(read("/migomail-webhooks/db/" + dialect + "/V2__tenants.sql"))) {
                statement.execute(sql.replace("${prefix}", prefix).replace("${existingRowsTenant}", "'" + tenant + "'"));
            }
            statement.execute("INSERT INTO " + prefix + "schema_version (version, script) VALUES (2, 'V2__tenants')");
        }
        return this;
    }

    /** The rows: see the class comment. */
    Version1Database withRows() throws SQLException {
        endpoint("ep_1", "[\"email.*\"]", true, "[{\"key\":\"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\","
                + "\"createdAt\":" + nanos(T0) + ",\"expiresAt\":null}]");
        endpoint("ep_2", "[\"*\"]", false, "[]");
        event("evt_1", "email.sent", T0);
        event("evt_2", "email.bounced", T0.plusSeconds(1));
        event("evt_3", "email.sent", T0.plusSeconds(2));
        delivery("dlv_1", "evt_1", "ep_1", "DELIVERED", 1, null, T0);
        attempt("dlv_1", 1, T0, 200);
        delivery("dlv_2", "evt_2", "ep_1", "PENDING", 1, T0.plusSeconds(61), T0.plusSeconds(1));
        attempt("dlv_2", 1, T0.plusSeconds(1), 503);
        delivery("dlv_3", "evt_3", "ep_2", "SKIPPED", 0, null, T0.plusSeconds(2));
        return this;
    }

    static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private void endpoint(String id, String types, boolean enabled, String secrets) throws SQLException {
        insert("INSERT INTO " + prefix + "endpoints (id, url, event_types, description, metadata, enabled, secrets,"
                + " failing_since, disabled_reason, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)",
                id, "https://hooks.example.com/" + id, types, "endpoint " + id, "{\"team\":\"mail\"}", enabled, secrets,
                enabled ? null : "paused", nanos(T0), nanos(T0));
    }

    private void event(String id, String type, Instant at) throws SQLException {
        insert("INSERT INTO " + prefix + "events (id, event_type, ts, stored_at, body) VALUES (?, ?, ?, ?, ?)",
                id, type, nanos(at), nanos(at), "{\"id\":\"" + id + "\",\"event\":\"" + type + "\"}");
    }

    private void delivery(String id, String eventId, String endpointId, String status, int attempts, Instant due,
            Instant createdAt) throws SQLException {
        insert("INSERT INTO " + prefix + "deliveries (id, event_id, endpoint_id, status, attempt_count,"
                + " next_attempt_at, replay, lease_owner, lease_expires_at, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, FALSE, NULL, NULL, ?, ?)",
                id, eventId, endpointId, status, attempts, due == null ? null : nanos(due), nanos(createdAt),
                nanos(createdAt));
    }

    private void attempt(String deliveryId, int number, Instant at, int statusCode) throws SQLException {
        insert("INSERT INTO " + prefix + "attempts (delivery_id, attempt_number, started_at, latency_nanos,"
                + " status_code, error_class, error_message, response_excerpt) VALUES (?, ?, ?, ?, ?, NULL, NULL, ?)",
                deliveryId, number, nanos(at), 4_000_000L, statusCode, "status " + statusCode);
    }

    private void insert(String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null) {
                    statement.setNull(i + 1, java.sql.Types.NULL);
                } else {
                    statement.setObject(i + 1, values[i]);
                }
            }
            statement.executeUpdate();
        }
    }

    /** The schema versions recorded, as {@code "<version> <script>"}. */
    static List<String> versions(Connection connection, String prefix) throws SQLException {
        return strings(connection, "SELECT version || ' ' || script FROM " + prefix + "schema_version ORDER BY version");
    }

    /** Whether the table has that column (names in lower case, as the scripts create them). */
    static boolean hasColumn(Connection connection, String table, String column) throws SQLException {
        try (ResultSet columns = connection.getMetaData().getColumns(null, null, caseOf(connection, table),
                caseOf(connection, column))) {
            return columns.next();
        }
    }

    /** Whether an index of that name exists. */
    static boolean hasIndex(Connection connection, String table, String index) throws SQLException {
        try (ResultSet indexes = connection.getMetaData().getIndexInfo(null, null, caseOf(connection, table), false,
                false)) {
            while (indexes.next()) {
                if (index.equalsIgnoreCase(indexes.getString("INDEX_NAME"))) {
                    return true;
                }
            }
            return false;
        }
    }

    static List<String> strings(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    /** H2 folds unquoted names to upper case, PostgreSQL to lower case. */
    private static String caseOf(Connection connection, String name) throws SQLException {
        return connection.getMetaData().storesUpperCaseIdentifiers() ? name.toUpperCase(Locale.ROOT) : name;
    }

    private static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            if (line.isBlank() || line.strip().startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (line.strip().endsWith(";")) {
                statements.add(current.substring(0, current.lastIndexOf(";")));
                current.setLength(0);
            }
        }
        return statements;
    }

    private static String read(String resource) {
        try (InputStream in = Version1Database.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
