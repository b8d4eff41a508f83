package com.migomail.webhooks.store.jdbc.internal;

import com.migomail.webhooks.store.StoreException;
import com.migomail.webhooks.store.jdbc.Dialect;
import com.migomail.webhooks.store.jdbc.JdbcWebhookStore;
import com.migomail.webhooks.store.jdbc.SchemaVersionException;
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

/**
 * Creates and migrates the schema from versioned SQL resources
 * ({@code migomail-webhooks/db/<dialect>/V<n>__<name>.sql}), recording each applied version in
 * {@code <prefix>schema_version}. On PostgreSQL the whole migration is one transaction under an
 * advisory lock, so nodes starting together migrate once; H2 scripts are idempotent and serialized
 * within the JVM (an H2 file belongs to one process).
 */
final class Migrator {

    /** The scripts, in version order; the list index plus one is the version. */
    private static final List<String> SCRIPTS = List.of("V1__init");

    private static final Object H2_LOCK = new Object();

    private final Tables tables;
    private final Dialect dialect;

    Migrator(Tables tables, Dialect dialect) {
        this.tables = tables;
        this.dialect = dialect;
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
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements(script)) {
                statement.execute(sql);
            }
        }
        try (PreparedStatement record = connection.prepareStatement(
                "INSERT INTO " + tables.schemaVersion() + " (version, script) VALUES (?, ?)")) {
            record.setInt(1, version);
            record.setString(2, script);
            record.executeUpdate();
        }
    }

    private List<String> statements(String script) {
        String resource = "/migomail-webhooks/db/" + dialect.name().toLowerCase(java.util.Locale.ROOT) + "/" + script + ".sql";
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : read(resource).split("\n")) {
            if (line.isBlank() || line.strip().startsWith("--")) {
                continue;
            }
            current.append(line.replace("${prefix}", tables.prefix())).append('\n');
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
