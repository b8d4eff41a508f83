package com.migomail.webhooks.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The builder validates its settings and the store detects its dialect. */
class JdbcWebhookStoreBuilderTest {

    @TempDir
    Path dir;

    @Test
    void requiresADataSource() {
        assertThatThrownBy(() -> JdbcWebhookStore.builder().build())
                .isInstanceOf(IllegalStateException.class).hasMessage("dataSource is required");
    }

    @Test
    void rejectsNullSettings() {
        assertThatThrownBy(() -> JdbcWebhookStore.builder().dataSource(null))
                .isInstanceOf(NullPointerException.class).hasMessage("dataSource cannot be null");
        assertThatThrownBy(() -> JdbcWebhookStore.builder().dialect(null))
                .isInstanceOf(NullPointerException.class).hasMessage("dialect cannot be null");
        assertThatThrownBy(() -> JdbcWebhookStore.builder().tablePrefix(null))
                .isInstanceOf(NullPointerException.class).hasMessage("tablePrefix cannot be null");
        assertThatThrownBy(() -> JdbcWebhookStore.h2File(null))
                .isInstanceOf(NullPointerException.class).hasMessage("file cannot be null");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Mwh_", "1mwh_", "_mwh", "mwh-", "mwh_; DROP TABLE x; --", "a234567890123456789012345678901"})
    void rejectsATablePrefixThatIsNotAPlainLowerCaseIdentifier(String prefix) {
        assertThatThrownBy(() -> JdbcWebhookStore.builder().tablePrefix(prefix))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tablePrefix must be lower-case letters, digits and underscores, start with a letter"
                        + " and have at most 30 characters: \"" + prefix + "\"");
    }

    @Test
    void defaultsToThePrefixMwh() {
        assertThat(JdbcWebhookStore.builder().dataSource(h2()).build().tablePrefix()).isEqualTo("mwh_");
    }

    @Test
    void acceptsAnEmptyPrefix() {
        JdbcWebhookStore store = JdbcWebhookStore.builder().dataSource(h2()).tablePrefix("").build();
        store.migrate();
        assertThat(store.tablePrefix()).isEmpty();
    }

    @Test
    void detectsPostgresql() {
        assertThat(JdbcWebhookStore.builder().dataSource(TestDatabases.postgres()).build().dialect())
                .isEqualTo(Dialect.POSTGRESQL);
    }

    @Test
    void detectsH2() {
        assertThat(JdbcWebhookStore.builder().dataSource(h2()).build().dialect()).isEqualTo(Dialect.H2);
    }

    @Test
    void usesAnExplicitDialectWithoutConnecting() {
        JdbcWebhookStore store = JdbcWebhookStore.builder().dataSource(new JdbcDataSource())
                .dialect(Dialect.POSTGRESQL).build();
        assertThat(store.dialect()).isEqualTo(Dialect.POSTGRESQL);
    }

    private JdbcDataSource h2() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(Fixtures.h2Url(dir.resolve("db")) + ";DB_CLOSE_DELAY=0");
        return dataSource;
    }
}
