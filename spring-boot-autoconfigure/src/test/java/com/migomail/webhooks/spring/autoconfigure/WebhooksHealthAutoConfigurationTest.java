package com.migomail.webhooks.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.migomail.webhooks.delivery.EndpointAddressPolicy;
import com.migomail.webhooks.delivery.EndpointRegistration;
import com.migomail.webhooks.delivery.WebhookSender;
import com.migomail.webhooks.store.TenantId;
import com.migomail.webhooks.store.WebhookStore;
import com.migomail.webhooks.store.jdbc.JdbcWebhookStore;
import java.nio.file.Path;
import java.time.Duration;
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

    private static final TenantId ACME = TenantId.of("acme");

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
    void withTheAutoConfiguredSenderTheDetailsHaveTheBacklogAndTheEndpointsDisabledSinceStart() {
        runner.withBean(DataSource.class, () -> H2.file(directory)).run(context -> assertThat(
                context.getBean(WebhooksHealthIndicator.class).health(true).getDetails())
                .containsEntry("disabledEndpoints", 0L)
                .containsEntry("backlog", 0L)
                .containsEntry("endpointsDisabledSinceStart", 0L));
    }

    @Test
    void disabledEndpointsCountsTheEndpointsDisabledInTheStoreOfEveryTenantWhoeverDisabledThem() {
        WebhookStore store = WebhookStore.inMemory();
        WebhookSender own = WebhookSender.builder().store(store)
                .addressPolicy(EndpointAddressPolicy.allowLoopbackForTesting()).build();   // never started
        String acmeEndpoint = own.registerEndpoint(ACME, EndpointRegistration.of("http://127.0.0.1:9/a", "*")).endpoint().id();
        own.registerEndpoint(ACME, EndpointRegistration.of("http://127.0.0.1:9/b", "*"));
        TenantId globex = TenantId.of("globex");
        String globexEndpoint = own.registerEndpoint(globex, EndpointRegistration.of("http://127.0.0.1:9/c", "*")).endpoint().id();
        own.disableEndpoint(ACME, acmeEndpoint, "abuse");
        own.disableEndpoint(globex, globexEndpoint, "paused by the customer");
        runner.withBean(WebhookStore.class, () -> store).withBean(WebhookSender.class, () -> own)
                .run(context -> assertThat(context.getBean(WebhooksHealthIndicator.class).health(true).getDetails())
                        .containsEntry("disabledEndpoints", 2L));
    }

    @Test
    void countsTheEndpointsTheSenderDisabled() throws Exception {
        try (LoopbackReceiver receiver = LoopbackReceiver.start()) {
            runner.withBean(DataSource.class, () -> H2.file(directory))
                    .withPropertyValues("migomail.webhooks.sender.address-policy=allow-loopback-for-testing")
                    .run(context -> {
                        WebhookSender sender = context.getBean(WebhookSender.class);
                        sender.registerEndpoint(ACME, EndpointRegistration.of(receiver.goneUrl(), "*"));

                        sender.publish(ACME, Fixtures.EVENT);

                        await().atMost(Duration.ofSeconds(20)).until(() -> context.getBean(WebhooksHealthIndicator.class)
                                .health(true).getDetails().get("endpointsDisabledSinceStart").equals(1L));
                        assertThat(context.getBean(WebhooksHealthIndicator.class).health(true).getDetails())
                                .containsEntry("disabledEndpoints", 1L);
                    });
        }
    }

    @Test
    void theBacklogCountsTheDueDeliveriesOfTheApplicationsOwnSenderWhoseDisabledEndpointsAreNotCounted() {
        WebhookStore store = WebhookStore.inMemory();
        WebhookSender own = WebhookSender.builder().store(store)
                .addressPolicy(EndpointAddressPolicy.allowLoopbackForTesting()).build();   // never started
        own.registerEndpoint(ACME, EndpointRegistration.of("http://127.0.0.1:9/hooks", "*"));
        own.publish(ACME, Fixtures.EVENT);
        runner.withBean(WebhookStore.class, () -> store).withBean(WebhookSender.class, () -> own)
                .run(context -> {
                    Health health = context.getBean(WebhooksHealthIndicator.class).health(true);

                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                    assertThat(health.getDetails()).containsEntry("backlog", 1L)
                            .doesNotContainKey("endpointsDisabledSinceStart");
                });
    }

    @Test
    void withoutASenderThereIsNoBacklog() {
        runner.withPropertyValues("migomail.webhooks.sender.enabled=false")
                .withBean(WebhookStore.class, WebhookStore::inMemory)
                .run(context -> assertThat(context.getBean(WebhooksHealthIndicator.class).health(true).getDetails())
                        .containsOnlyKeys("store", "disabledEndpoints"));
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
