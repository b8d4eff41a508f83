package com.migomail.webhooks.store.jdbc;

import static com.migomail.webhooks.store.jdbc.Fixtures.TENANT;
import static com.migomail.webhooks.store.jdbc.Fixtures.event;
import static com.migomail.webhooks.store.jdbc.Fixtures.pendingTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Creating the schema on first use, re-opening, refusing a newer schema, table prefixes. */
class MigrationTest {

    @TempDir
    Path dir;

    private final DataSource postgres = TestDatabases.postgres();

    @Test
    void createsItsTablesOnFirstUseAndRecordsTheVersion() throws SQLException {
        String prefix = TestDatabases.freshPrefix();
        JdbcWebhookStore store = Fixtures.builder().dataSource(postgres).tablePrefix(prefix).build();
        assertThat(tableExists(postgres, prefix + "events")).as("nothing before first use").isFalse();

        assertThat(store.event(TENANT, "evt_1")).isEmpty();

        for (String table : List.of("events", "deliveries", "attempts", "endpoints", "schema_version")) {
            assertThat(tableExists(postgres, prefix + table)).as(table).isTrue();
        }
        assertThat(versions(postgres, prefix)).containsExactly("1 V1__init", "2 V2__tenants", "3 V3__endpoint_version",
                "4 V4__attempt_log_by_endpoint", "5 V5__trace_context");
    }

    @Test
    void reopeningAMigratedDatabaseKeepsItsDataAndMigratesNothing() throws SQLException {
        String prefix = TestDatabases.freshPrefix();
        JdbcWebhookStore first = Fixtures.builder().dataSource(postgres).tablePrefix(prefix).build();
        Fixtures.withEndpoints(first, "ep_1").append(event("evt_1"), pendingTo("dlv_1", "ep_1"));

        JdbcWebhookStore second = Fixtures.builder().dataSource(postgres).tablePrefix(prefix).build();
        second.migrate();
        second.migrate();

        assertThat(second.event(TENANT, "evt_1")).contains(event("evt_1"));
        assertThat(versions(postgres, prefix)).containsExactly("1 V1__init", "2 V2__tenants", "3 V3__endpoint_version",
                "4 V4__attempt_log_by_endpoint", "5 V5__trace_context");
    }

    @Test
    void nodesStartingTogetherMigrateOnce() throws Exception {
        String prefix = TestDatabases.freshPrefix();
        ExecutorService nodes = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Void>> starts = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                DataSource own = TestDatabases.pool(TestDatabases.postgresUrl(), 1);
                starts.add(() -> {
                    Fixtures.builder().dataSource(own).tablePrefix(prefix).build().migrate();
                    ((AutoCloseable) own).close();
                    return null;
                });
            }
            for (Future<Void> start : nodes.invokeAll(starts)) {
                start.get();
            }
        } finally {
            nodes.shutdown();
        }
        assertThat(versions(postgres, prefix)).containsExactly("1 V1__init", "2 V2__tenants", "3 V3__endpoint_version",
                "4 V4__attempt_log_by_endpoint", "5 V5__trace_context");
    }

    @Test
    void refusesASchemaNewerThanItKnows() throws SQLException {
        String prefix = TestDatabases.freshPrefix();
        Fixtures.builder().dataSource(postgres).tablePrefix(prefix).build().migrate();
        execute(postgres, "INSERT INTO " + prefix + "schema_version (version, script) VALUES (9, 'V9__future')");

        JdbcWebhookStore older = Fixtures.builder().dataSource(postgres).tablePrefix(prefix).build();

        assertThatThrownBy(() -> older.event(TENANT, "evt_1"))
                .isInstanceOfSatisfying(SchemaVersionException.class, e -> {
                    assertThat(e.foundVersion()).isEqualTo(9);
                    assertThat(e.supportedVersion()).isEqualTo(JdbcWebhookStore.SCHEMA_VERSION);
                })
                .hasMessage("schema version 9 in table " + prefix + "schema_version is newer than this library"
                        + " supports (" + JdbcWebhookStore.SCHEMA_VERSION + "): upgrade migomail-webhooks-store-jdbc");
    }

    @Test
    void refusesANewerSchemaOnH2Too() throws SQLException {
        Path file = dir.resolve("webhooks");
        try (JdbcWebhookStore store = Fixtures.h2File(file)) {
            store.migrate();
            try (Connection connection = DriverManager.getConnection(Fixtures.h2Url(file));
                    Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO mwh_schema_version (version, script) VALUES (9, 'V9__future')");
            }
        }
        try (JdbcWebhookStore reopened = Fixtures.h2File(file)) {
            assertThatThrownBy(reopened::migrate).isInstanceOf(SchemaVersionException.class)
                    .hasMessageStartingWith("schema version 9 in table mwh_schema_version is newer");
        }
    }

    @Test
    void storesWithDifferentPrefixesInOneDatabaseAreIndependent() {
        JdbcWebhookStore billing = Fixtures.builder().dataSource(postgres)
                .tablePrefix(TestDatabases.freshPrefix() + "billing_").build();
        JdbcWebhookStore marketing = Fixtures.builder().dataSource(postgres)
                .tablePrefix(TestDatabases.freshPrefix() + "marketing_").build();

        Fixtures.withEndpoints(billing, "ep_1").append(event("evt_1"), pendingTo("dlv_1", "ep_1"));

        assertThat(billing.event(TENANT, "evt_1")).isPresent();
        assertThat(marketing.event(TENANT, "evt_1")).isEmpty();
    }

    @Test
    void anH2FileKeepsItsDataAcrossReopening() {
        Path file = dir.resolve("webhooks");
        try (JdbcWebhookStore store = Fixtures.h2File(file)) {
            Fixtures.withEndpoints(store, "ep_1").append(event("evt_1"), pendingTo("dlv_1", "ep_1"));
        }
        assertThat(dir.resolve("webhooks.mv.db")).exists();
        try (JdbcWebhookStore reopened = Fixtures.h2File(dir.resolve("webhooks.mv.db"))) {
            assertThat(reopened.event(TENANT, "evt_1")).contains(event("evt_1"));
            assertThat(reopened.dialect()).isEqualTo(Dialect.H2);
        }
    }

    @Test
    void aClosedH2StoreFailsWithAStoreException() {
        JdbcWebhookStore store = Fixtures.h2File(dir.resolve("webhooks"));
        store.migrate();
        store.close();
        store.close();
        assertThatThrownBy(() -> store.event(TENANT, "evt_1"))
                .isInstanceOf(com.migomail.webhooks.store.StoreException.class)
                .hasMessageStartingWith("read of event evt_1 failed: the H2 store was closed");
    }

    private static boolean tableExists(DataSource dataSource, String table) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                ResultSet tables = connection.getMetaData().getTables(null, null, table, null)) {
            return tables.next();
        }
    }

    private static List<String> versions(DataSource dataSource, String prefix) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT version, script FROM " + prefix + "schema_version ORDER BY version")) {
            List<String> versions = new ArrayList<>();
            while (rows.next()) {
                versions.add(rows.getInt(1) + " " + rows.getString(2));
            }
            return versions;
        }
    }

    private static void execute(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
