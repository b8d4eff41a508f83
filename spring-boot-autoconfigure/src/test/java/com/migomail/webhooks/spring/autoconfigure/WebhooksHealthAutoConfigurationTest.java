package com.migomail.webhooks.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.migomail.webhooks.store.WebhookStore;
import com.migomail.webhooks.store.jdbc.JdbcWebhookStore;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class WebhooksHealthAutoConfigurationTest {

    @TempDir
    Path directory;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WebhookStoreAutoConfiguration.class, WebhookSenderAutoConfiguration.class,
                    WebhooksHealthAutoConfiguration.class))
            .withPropertyValues("migomail.webhooks.store.plain-text-secrets=true");

    @Test
    void isUpWhenTheStoreAnswers() {
        runner.withBean(DataSource.class, () -> H2.file(directory)).run(context -> {
            Health health = context.getBean("webhooksHealthIndicator", WebhooksHealthIndicator.class).health(true);

            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("store", "jdbc (H2)");
        });
    }

    @Test
    void isDownWithTheStoresErrorWhenTheDatabaseDoesNotAnswer() {
        WebhookStore unreachable = JdbcWebhookStore.builder().dataSource(H2.missing(directory))
                .storeSecretsInPlainText().build();
        runner.withPropertyValues("migomail.webhooks.sender.enabled=false")
                .withBean(WebhookStore.class, () -> unreachable).run(context -> {
                    Health health = context.getBean(WebhooksHealthIndicator.class).health(true);

                    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(health.getDetails().get("error").toString())
                            .startsWith("com.migomail.webhooks.store.StoreException");
                });
    }

    @Test
    void isAbsentWithoutAStore() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(WebhooksHealthIndicator.class));
    }

    @Test
    void isAbsentWithoutSpringBootsHealthModule() {
        runner.withBean(DataSource.class, () -> H2.file(directory))
                .withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(WebhooksHealthIndicator.class)
                        .hasSingleBean(WebhookStore.class));
    }

    @Test
    void isAbsentWhenItsHealthIsDisabled() {
        runner.withBean(DataSource.class, () -> H2.file(directory))
                .withPropertyValues("management.health.webhooks.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(WebhooksHealthIndicator.class));
    }
}
