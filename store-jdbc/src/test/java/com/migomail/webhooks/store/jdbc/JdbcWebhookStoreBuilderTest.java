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
    void requiresADataSourceOrAnH2File() {
        assertThatThrownBy(() -> JdbcWebhookStore.builder().storeSecretsInPlainText().build())
                .isInstanceOf(IllegalStateException.class).hasMessage("dataSource or h2File is required");
    }

    @Test
    void refusesBothADataSourceAndAnH2File() {
        assertThatThrownBy(() -> Fixtures.builder().dataSource(h2()).h2File(dir.resolve("other")).build())
                .isInstanceOf(IllegalStateException.class).hasMessage("dataSource and h2File cannot both be set");
    }

    @Test
    void requiresTheHostToChooseHowSecretsAreStored() {
        assertThatThrownBy(() -> JdbcWebhookStore.builder().dataSource(h2()).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("choose how endpoint secrets are stored: secretEncryption(SecretEncryptionKeys) to encrypt"
                        + " them (recommended), or storeSecretsInPlainText()");
        assertThatThrownBy(() -> JdbcWebhookStore.builder().h2File(dir.resolve("webhooks")).build())
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("choose how endpoint secrets");
    }

    @Test
    void refusesBothEncryptionAndPlainText() {
        assertThatThrownBy(() -> Fixtures.builder().dataSource(h2()).storeSecretsInPlainText().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("secretEncryption and storeSecretsInPlainText cannot both be set");
    }

    @Test
    void saysHowItKeepsSecretsButShowsNoKey() {
        assertThat(Fixtures.builder().dataSource(h2()).build().toString()).endsWith(", secrets=encrypted]")
                .doesNotContain("test-1");
        assertThat(JdbcWebhookStore.builder().dataSource(h2()).storeSecretsInPlainText().build().toString())
                .endsWith(", secrets=plain text]");
    }

    @Test
    void rejectsNullSettings() {
        assertThatThrownBy(() -> JdbcWebhookStore.builder().dataSource(null))
                .isInstanceOf(NullPointerException.class).hasMessage("dataSource cannot be null");
        assertThatThrownBy(() -> JdbcWebhookStore.builder().dialect(null))
                .isInstanceOf(NullPointerException.class).hasMessage("dialect cannot be null");
        assertThatThrownBy(() -> JdbcWebhookStore.builder().tablePrefix(null))
                .isInstanceOf(NullPointerException.class).hasMessage("tablePrefix cannot be null");
        assertThatThrownBy(() -> JdbcWebhookStore.builder().h2File(null))
                .isInstanceOf(NullPointerException.class).hasMessage("h2File cannot be null");
        assertThatThrownBy(() -> JdbcWebhookStore.builder().secretEncryption(null))
                .isInstanceOf(NullPointerException.class).hasMessage("secretEncryption cannot be null");
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
        assertThat(Fixtures.builder().dataSource(h2()).build().tablePrefix()).isEqualTo("mwh_");
    }

    @Test
    void acceptsAnEmptyPrefix() {
        JdbcWebhookStore store = Fixtures.builder().dataSource(h2()).tablePrefix("").build();
        store.migrate();
        assertThat(store.tablePrefix()).isEmpty();
    }

    @Test
    void detectsPostgresql() {
        assertThat(Fixtures.builder().dataSource(TestDatabases.postgres()).build().dialect())
                .isEqualTo(Dialect.POSTGRESQL);
    }

    @Test
    void detectsH2() {
        assertThat(Fixtures.builder().dataSource(h2()).build().dialect()).isEqualTo(Dialect.H2);
    }

    @Test
    void usesAnExplicitDialectWithoutConnecting() {
        JdbcWebhookStore store = Fixtures.builder().dataSource(new JdbcDataSource())
                .dialect(Dialect.POSTGRESQL).build();
        assertThat(store.dialect()).isEqualTo(Dialect.POSTGRESQL);
    }

    private JdbcDataSource h2() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(Fixtures.h2Url(dir.resolve("db")) + ";DB_CLOSE_DELAY=0");
        return dataSource;
    }
}
