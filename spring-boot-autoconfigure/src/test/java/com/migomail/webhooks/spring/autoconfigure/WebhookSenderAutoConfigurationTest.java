package com.migomail.webhooks.spring.autoconfigure;

import static com.migomail.webhooks.spring.autoconfigure.Fixtures.startFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.migomail.webhooks.delivery.EndpointRegistration;
import com.migomail.webhooks.delivery.WebhookSender;
import com.migomail.webhooks.spring.autoconfigure.internal.SenderLifecycle;
import com.migomail.webhooks.store.TenantId;
import com.migomail.webhooks.store.WebhookStore;
import com.migomail.webhooks.store.jdbc.JdbcWebhookStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.annotation.Order;

class WebhookSenderAutoConfigurationTest {

    private static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    @TempDir
    Path directory;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WebhookStoreAutoConfiguration.class, WebhookSenderAutoConfiguration.class));

    private ApplicationContextRunner withDatabase() {
        return runner.withBean(DataSource.class, () -> H2.file(directory))
                .withPropertyValues("migomail.webhooks.store.plain-text-secrets=true");
    }

    @Test
    void withoutADataSourceThereIsNeitherStoreNorSender() {
        runner.run(context -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(WebhookStore.class)
                .doesNotHaveBean(WebhookSender.class));
    }

    @Test
    void aDataSourceGivesAJdbcStoreAndASenderStartedWithTheContext() {
        withDatabase().run(context -> {
            assertThat(context).hasSingleBean(JdbcWebhookStore.class).hasSingleBean(WebhookSender.class);
            assertThatThrownBy(context.getBean(WebhookSender.class)::start)
                    .isInstanceOf(IllegalStateException.class);   // already started by the context
            assertThat(context.getBean(SenderLifecycle.class).isRunning()).isTrue();
        });
    }

    @Test
    void theStoreMigratesTheTablesWhileTheApplicationStarts() {
        withDatabase().withPropertyValues("migomail.webhooks.sender.enabled=true")
                .withBean(WebhookSender.class, () -> WebhookSender.builder().store(WebhookStore.inMemory()).build())
                .run(context -> assertThat(tables(context.getBean(DataSource.class))).contains("MWH_SCHEMA_VERSION"));
    }

    @Test
    void migrateFalseLeavesTheTablesToTheStoresFirstOperation() {
        withDatabase().withPropertyValues("migomail.webhooks.store.migrate=false")
                .withBean(WebhookSender.class, () -> WebhookSender.builder().store(WebhookStore.inMemory()).build())
                .run(context -> {
                    DataSource dataSource = context.getBean(DataSource.class);
                    assertThat(tables(dataSource)).doesNotContain("MWH_SCHEMA_VERSION");

                    context.getBean(JdbcWebhookStore.class).endpoints(TenantId.of("acme"));

                    assertThat(tables(dataSource)).contains("MWH_SCHEMA_VERSION");
                });
    }

    @Test
    void senderEnabledFalseConfiguresNothing() {
        withDatabase().withPropertyValues("migomail.webhooks.sender.enabled=false")
                .run(context -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean(WebhookStore.class)
                        .doesNotHaveBean(WebhookSender.class));
    }

    @Test
    void theApplicationsOwnSenderWinsAndIsNotStartedForIt() {
        WebhookSender own = WebhookSender.builder().store(WebhookStore.inMemory()).build();
        withDatabase().withBean(WebhookSender.class, () -> own).run(context -> {
            assertThat(context.getBean(WebhookSender.class)).isSameAs(own);
            assertThat(context).doesNotHaveBean(SenderLifecycle.class);
            own.start();   // not started by the auto-configuration: this would throw
        });
    }

    @Test
    void theApplicationsOwnStoreGetsTheSenderWithoutADataSource() {
        WebhookStore store = WebhookStore.inMemory();
        runner.withBean(WebhookStore.class, () -> store).run(context -> assertThat(context)
                .hasSingleBean(WebhookSender.class)
                .doesNotHaveBean(JdbcWebhookStore.class));
    }

    @Test
    void customizersRunInTheirOrderAfterTheProperties() {
        List<String> calls = new ArrayList<>();
        withDatabase().withPropertyValues("migomail.webhooks.sender.attempt-timeout=55s")
                .withBean("second", SecondCustomizer.class, () -> new SecondCustomizer(calls))
                .withBean("first", FirstCustomizer.class, () -> new FirstCustomizer(calls))
                .run(context -> startFailure(context)
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessage("leaseDuration (PT1M) must exceed attemptTimeout (PT55S) by at least PT10S"));
        assertThat(calls).containsExactly("first", "second");
    }

    @Test
    void aBadPropertyFailsTheStartWithTheBuildersMessage() {
        withDatabase().withPropertyValues("migomail.webhooks.sender.max-concurrency=0")
                .run(context -> startFailure(context)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("maxConcurrency"));
    }

    @Test
    void partitionedByEventDayReachesTheStoreWhichRefusesH2AtStart() {
        withDatabase().withPropertyValues("migomail.webhooks.store.partitioned-by-event-day=true")
                .run(context -> startFailure(context)
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("partitionedByEventDay needs PostgreSQL"));
    }

    @Test
    void retryScheduleOffsetsMustIncrease() {
        withDatabase().withPropertyValues("migomail.webhooks.sender.retry-schedule=5m,1m")
                .run(context -> startFailure(context)
                        .hasMessage("offsets must be strictly increasing: PT1M after PT5M"));
    }

    @Test
    void theDefaultAddressPolicyRefusesLoopbackEndpoints() {
        withDatabase().run(context -> assertThatThrownBy(() -> context.getBean(WebhookSender.class).registerEndpoint(
                TenantId.of("acme"), EndpointRegistration.of("http://127.0.0.1:8080/hooks", "*")))
                .hasMessageContaining("http"));
    }

    @Test
    void allowLoopbackForTestingAcceptsLoopbackEndpoints() {
        withDatabase().withPropertyValues("migomail.webhooks.sender.address-policy=allow-loopback-for-testing")
                .run(context -> assertThat(context.getBean(WebhookSender.class).registerEndpoint(TenantId.of("acme"),
                        EndpointRegistration.of("http://127.0.0.1:8080/hooks", "*")).endpoint().url())
                        .hasToString("http://127.0.0.1:8080/hooks"));
    }

    @Test
    void endpointSecretsNeedAChoiceOfEncryptionOrPlainText() {
        runner.withBean(DataSource.class, () -> H2.file(directory))
                .run(context -> startFailure(context)
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageStartingWith("choose how endpoint secrets are stored:"
                                + " migomail.webhooks.store.key-encryption-keys[0].id and .key"));
    }

    @Test
    void keyEncryptionKeysEncryptTheSecretsAtRest() {
        runner.withBean(DataSource.class, () -> H2.file(directory))
                .withPropertyValues("migomail.webhooks.sender.address-policy=allow-loopback-for-testing",
                        "migomail.webhooks.store.key-encryption-keys[0].id=k1",
                        "migomail.webhooks.store.key-encryption-keys[0].key=" + KEY)
                .run(context -> {
                    context.getBean(WebhookSender.class).registerEndpoint(TenantId.of("acme"),
                            EndpointRegistration.of("http://127.0.0.1:8080/hooks", "*"));

                    assertThat(column(context.getBean(DataSource.class), "SELECT secrets FROM mwh_endpoints"))
                            .startsWith("enc:v1:");
                });
    }

    @Test
    void encryptionAndPlainTextCannotBothBeChosen() {
        withDatabase().withPropertyValues("migomail.webhooks.store.key-encryption-keys[0].id=k1",
                        "migomail.webhooks.store.key-encryption-keys[0].key=" + KEY)
                .run(context -> startFailure(context).hasMessage(
                        "migomail.webhooks.store.key-encryption-keys and migomail.webhooks.store.plain-text-secrets=true"
                                + " cannot both be set"));
    }

    private static List<String> tables(DataSource dataSource) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                ResultSet rows = connection.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            while (rows.next()) {
                tables.add(rows.getString("TABLE_NAME"));
            }
        }
        return tables;
    }

    private static String column(DataSource dataSource, String query) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                ResultSet rows = connection.createStatement().executeQuery(query)) {
            rows.next();
            return rows.getString(1);
        }
    }

    @Order(1)
    static final class FirstCustomizer implements WebhookSenderCustomizer {
        private final List<String> calls;

        FirstCustomizer(List<String> calls) {
            this.calls = calls;
        }

        @Override
        public void customize(WebhookSender.Builder builder) {
            calls.add("first");
        }
    }

    @Order(2)
    static final class SecondCustomizer implements WebhookSenderCustomizer {
        private final List<String> calls;

        SecondCustomizer(List<String> calls) {
            this.calls = calls;
        }

        @Override
        public void customize(WebhookSender.Builder builder) {
            calls.add("second");
            builder.leaseDuration(java.time.Duration.ofMinutes(1));   // too short for the property's attempt timeout
        }
    }
}
