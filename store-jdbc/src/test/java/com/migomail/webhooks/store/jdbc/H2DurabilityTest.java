package com.migomail.webhooks.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * H2 stores write each commit to the file before acknowledging it: {@code h2File} opens H2 that
 * way, and a store over the host's own H2 data source refuses one that delays its writes.
 */
class H2DurabilityTest {

    @TempDir
    Path dir;

    @Test
    void h2FileOpensTheDatabaseWithNoWriteDelay() throws SQLException {
        Path file = dir.resolve("webhooks");
        try (JdbcWebhookStore store = Fixtures.h2File(file)) {
            store.migrate();
            try (Connection connection = DriverManager.getConnection(Fixtures.h2Url(file))) {
                assertThat(writeDelay(connection)).isEqualTo("0");
            }
        }
    }

    @Test
    void refusesAnH2DataSourceWithH2sDefaultWriteDelay() {
        JdbcWebhookStore store = Fixtures.builder().dataSource(h2("")).build();

        assertThatThrownBy(store::migrate)
                .isInstanceOfSatisfying(NonDurableDatabaseException.class, e -> {
                    assertThat(e.setting()).isEqualTo("WRITE_DELAY");
                    assertThat(e.value()).isEqualTo("500");
                })
                .hasMessage("the database acknowledges commits before writing them (WRITE_DELAY = 500), so a crash"
                        + " would lose events that publish confirmed: add ;WRITE_DELAY=0 to the H2 URL (or run"
                        + " SET WRITE_DELAY 0), or use JdbcWebhookStore.builder().h2File(file)");
    }

    @Test
    void refusesEveryOperationNotJustMigrate() {
        JdbcWebhookStore store = Fixtures.builder().dataSource(h2(";WRITE_DELAY=20")).build();

        assertThatThrownBy(() -> store.endpoints(Fixtures.TENANT)).isInstanceOf(NonDurableDatabaseException.class)
                .hasMessageContaining("(WRITE_DELAY = 20)");
    }

    @Test
    void acceptsAnH2DataSourceWithNoWriteDelay() {
        JdbcWebhookStore store = Fixtures.builder().dataSource(h2(";WRITE_DELAY=0")).build();

        store.migrate();
        assertThat(store.endpoints(Fixtures.TENANT)).isEmpty();
    }

    @Test
    void acceptsAnInMemoryH2DatabaseWhichHasNoWriteDelay() {
        JdbcDataSource memory = new JdbcDataSource();
        memory.setURL("jdbc:h2:mem:durability-test;DB_CLOSE_DELAY=-1");
        JdbcWebhookStore store = Fixtures.builder().dataSource(memory).build();

        store.migrate();
        assertThat(store.endpoints(Fixtures.TENANT)).isEmpty();
    }

    @Test
    void h2FileRefusesAPathThatWouldAddSettingsToTheUrl() {
        Path hostile = dir.resolve("webhooks;INIT=CREATE TABLE pwned(x INT)");

        assertThatThrownBy(() -> Fixtures.h2File(hostile))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the H2 file path cannot contain ';'");
        assertThat(dir).isEmptyDirectory();
    }

    private JdbcDataSource h2(String settings) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + dir.resolve("host-db").toAbsolutePath() + settings);
        return dataSource;
    }

    private static String writeDelay(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(
                "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
            assertThat(row.next()).isTrue();
            return row.getString(1);
        }
    }
}
