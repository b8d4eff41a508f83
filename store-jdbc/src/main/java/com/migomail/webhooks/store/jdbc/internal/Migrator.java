package com.migomail.webhooks.store.jdbc.internal;

import com.migomail.webhooks.store.StoreException;
import com.migomail.webhooks.store.TenantId;
import com.migomail.webhooks.store.jdbc.Dialect;
import com.migomail.webhooks.store.jdbc.JdbcWebhookStore;
import com.migomail.webhooks.store.jdbc.MissingTenantForExistingRowsException;
import com.migomail.webhooks.store.jdbc.SchemaVersionException;
import com.migomail.webhooks.store.jdbc.TableLayoutMismatchException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Creates and migrates the schema from versioned SQL resources
 * ({@code migomail-webhooks/db/<dialect>/V<n>__<name>.sql}), recording each applied version in
 * {@code <prefix>schema_version}. On PostgreSQL the whole migration is one transaction under an
 * advisory lock, so nodes starting together migrate once, and a failure leaves the schema as it
 * was; H2 commits each DDL statement, so its scripts are idempotent, and migrations are serialized
 * within the JVM (an H2 file belongs to one process).
 *
 * <p>Version 2 gives every row a tenant. Rows that version 1 stored get the tenant the host named
 * ({@code tenantForExistingRows}); if there are rows and no such tenant, the migration refuses,
 * before it changes anything, with {@link MissingTenantForExistingRowsException}.
 */
final class Migrator {

    /** The scripts, in version order; the list index plus one is the version. */
    private static final List<String> SCRIPTS = List.of("V1__init", "V2__tenants", "V3__endpoint_version",
            "V4__attempt_log_by_endpoint", "V5__trace_context");

    /** The script that creates the layout partitioned by event day at the newest version, at once. */
    private static final String PARTITIONED_SCRIPT = "V5__partitioned_by_event_day";

    /** The version that adds tenants, and so needs a tenant for the rows of the versions before. */
    private static final int TENANTS_VERSION = 2;

    /** TenantId's own rule, checked again because the value goes into the script as a literal. */
    private static final Pattern LITERAL_SAFE_TENANT = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private static final Object H2_LOCK = new Object();

    private final Tables tables;
    private final Dialect dialect;
    private final TenantId existingRowsTenant;

    /**
     * A migrator for one store's tables.
     *
     * @param existingRowsTenant the tenant that rows stored before tenants existed get, or
     *     {@code null} if the host named none
     */
    Migrator(Tables tables, Dialect dialect, TenantId existingRowsTenant) {
        this.tables = tables;
        this.dialect = dialect;
        this.existingRowsTenant = existingRowsTenant;
        if (existingRowsTenant != null && !LITERAL_SAFE_TENANT.matcher(existingRowsTenant.value()).matches()) {
            throw new IllegalArgumentException("tenantForExistingRows is not a valid tenant id");
        }
        if (SCRIPTS.size() != JdbcWebhookStore.SCHEMA_VERSION) {
            throw new IllegalStateException("migration scripts and SCHEMA_VERSION disagree");
        }
    }

    /** Brings the schema to the newest version, in one transaction where the database allows. */
    void migrate(Database database) {
        if (dialect == Dialect.H2) {
            synchronized (H2_LOCK) {
                database.transaction("schema migration", this::migrate);
            }
        } else {
            database.transaction("schema migration", this::migrate);
        }
    }

    private Void migrate(Connection connection) throws SQLException {
        if (dialect == Dialect.POSTGRESQL) {
            lockAgainstOtherNodes(connection);
        }
        createVersionTable(connection);
        int current = currentVersion(connection);
        if (current > JdbcWebhookStore.SCHEMA_VERSION) {
            throw new SchemaVersionException(tables.schemaVersion(), current, JdbcWebhookStore.SCHEMA_VERSION);
        }
        if (dialect == Dialect.POSTGRESQL) {
            requireLayout(connection);
        }
        if (tables.partitioned()) {
            if (current == 0) {
                // A new database: the partitioned layout has no history, only its newest version.
                run(connection, "postgresql-partitioned", PARTITIONED_SCRIPT);
                record(connection, JdbcWebhookStore.SCHEMA_VERSION, PARTITIONED_SCRIPT);
            } else if (current < JdbcWebhookStore.SCHEMA_VERSION) {
                // Created by this script at version 5; a later version needs its partitioned script here.
                throw new StoreException("tables partitioned by event day at schema version " + current
                        + " have no migration to " + JdbcWebhookStore.SCHEMA_VERSION);
            }
            return null;
        }
        for (int version = current + 1; version <= JdbcWebhookStore.SCHEMA_VERSION; version++) {
            apply(connection, version);
        }
        return null;
    }

    private void lockAgainstOtherNodes(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            // One lock per table prefix: stores with other prefixes migrate independently.
            lock.setLong(1, 0x6d77_6800_0000_0000L ^ tables.prefix().hashCode());
            lock.execute();
        }
    }

    private void createVersionTable(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + tables.schemaVersion()
                    + " (version INTEGER NOT NULL PRIMARY KEY, script VARCHAR(255) NOT NULL,"
                    + " installed_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL)");
        }
    }

    private int currentVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT MAX(version) FROM " + tables.schemaVersion())) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private void apply(Connection connection, int version) throws SQLException {
        String script = SCRIPTS.get(version - 1);
        if (version == TENANTS_VERSION && existingRowsTenant == null) {
            refuseRowsWithoutTenant(connection, version - 1);
        }
        run(connection, dialect.name().toLowerCase(Locale.ROOT), script);
        record(connection, version, script);
    }

    /**
     * Refuses tables of the other layout, before anything is changed: the events table is a
     * partitioned table exactly when the store was built for the partitioned layout.
     */
    private void requireLayout(Connection connection) throws SQLException {
        try (PreparedStatement read = connection.prepareStatement(
                "SELECT relkind FROM pg_class WHERE oid = to_regclass(?)")) {
            read.setString(1, tables.events());
            try (ResultSet rows = read.executeQuery()) {
                if (rows.next()) {
                    boolean partitioned = "p".equals(rows.getString(1));
                    if (partitioned != tables.partitioned()) {
                        throw new TableLayoutMismatchException(tables.events(), partitioned);
                    }
                }
            }
        }
    }

    private void run(Connection connection, String directory, String script) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements(directory, script)) {
                statement.execute(sql);
            }
        }
    }

    private void record(Connection connection, int version, String script) throws SQLException {
        try (PreparedStatement record = connection.prepareStatement(
                "INSERT INTO " + tables.schemaVersion() + " (version, script) VALUES (?, ?)")) {
            record.setInt(1, version);
            record.setString(2, script);
            record.executeUpdate();
        }
    }

    /** Checked before the script changes anything, so that the schema stays as it was. */
    private void refuseRowsWithoutTenant(Connection connection, int foundVersion) throws SQLException {
        List<String> withRows = new ArrayList<>();
        for (String table : List.of(tables.endpoints(), tables.events(), tables.deliveries())) {
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT 1 FROM " + table + " LIMIT 1")) {
                if (rows.next()) {
                    withRows.add(table);
                }
            }
        }
        if (!withRows.isEmpty()) {
            throw new MissingTenantForExistingRowsException(foundVersion, withRows);
        }
    }

    /** The value of {@code ${existingRowsTenant}}: a quoted literal, or NULL (then no row needs one). */
    private String existingRowsTenantLiteral() {
        return existingRowsTenant == null ? "NULL" : "'" + existingRowsTenant.value() + "'";
    }

    private List<String> statements(String directory, String script) {
        String resource = "/migomail-webhooks/db/" + directory + "/" + script + ".sql";
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : read(resource).split("\n")) {
            if (line.isBlank() || line.strip().startsWith("--")) {
                continue;
            }
            current.append(line.replace("${prefix}", tables.prefix())
                    .replace("${existingRowsTenant}", existingRowsTenantLiteral())).append('\n');
            if (line.strip().endsWith(";")) {
                statements.add(current.substring(0, current.lastIndexOf(";")));
                current.setLength(0);
            }
        }
        return statements;
    }

    private static String read(String resource) {
        try (InputStream in = Migrator.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new StoreException("migration script missing from the jar: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StoreException("cannot read migration script " + resource, e);
        }
    }
}
