package com.migomail.webhooks.spring.autoconfigure;

import static com.migomail.webhooks.spring.autoconfigure.Fixtures.startFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.migomail.webhooks.delivery.WebhookSender;
import com.migomail.webhooks.micrometer.WebhookMetrics;
import com.migomail.webhooks.store.TenantId;
import com.migomail.webhooks.store.WebhookStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class WebhookMetricsAutoConfigurationTest {

    private static final TenantId ACME = TenantId.of("acme");

    private final MeterRegistry registry = new SimpleMeterRegistry();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WebhookSenderAutoConfiguration.class,
                    WebhookMetricsAutoConfiguration.class))
            .withBean(WebhookStore.class, WebhookStore::inMemory);

    private ApplicationContextRunner withRegistry() {
        return runner.withBean(MeterRegistry.class, () -> registry);
    }

    @Test
    void theSendersListenerAndBacklogGaugeAreBoundToTheApplicationsRegistry() {
        withRegistry().run(context -> {
            context.getBean(WebhookSender.class).publish(ACME, Fixtures.EVENT);

            assertThat(registry.get("webhooks.published").tag("type", "email.sent").counter().count()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> registry.get("webhooks.backlog").gauge().value() == 0);
        });
    }

    @Test
    void theBacklogGaugeIsRemovedWhenTheContextCloses() {
        withRegistry().run(context -> {
            assertThat(registry.find("webhooks.backlog").gauge()).isNotNull();

            context.close();

            assertThat(registry.find("webhooks.backlog").gauge()).isNull();
        });
    }

    @Test
    void withoutAMeterRegistryThereAreNoMetrics() {
        runner.run(context -> assertThat(context).hasNotFailed()
                .hasSingleBean(WebhookSender.class)
                .doesNotHaveBean(WebhookMetrics.class));
    }

    @Test
    void withoutTheMicrometerModuleThereAreNoMetrics() {
        withRegistry().withClassLoader(new FilteredClassLoader(WebhookMetrics.class))
                .run(context -> assertThat(context).hasNotFailed()
                        .hasSingleBean(WebhookSender.class)
                        .doesNotHaveBean("migomailWebhookMetricsCustomizer"));
    }

    @Test
    void metricsEnabledFalseBindsNothing() {
        withRegistry().withPropertyValues("migomail.webhooks.metrics.enabled=false").run(context -> {
            context.getBean(WebhookSender.class).publish(ACME, Fixtures.EVENT);

            assertThat(context).doesNotHaveBean(WebhookMetrics.class);
            assertThat(registry.find("webhooks.published").counter()).isNull();
            assertThat(registry.find("webhooks.backlog").gauge()).isNull();
        });
    }

    @Test
    void tenantTagsComeFromTheProperties() {
        withRegistry().withPropertyValues("migomail.webhooks.metrics.tenant-tags=true").run(context -> {
            context.getBean(WebhookSender.class).publish(ACME, Fixtures.EVENT);

            assertThat(registry.get("webhooks.published").tags("type", "email.sent", "tenant", "acme").counter()
                    .count()).isEqualTo(1);
        });
    }

    @Test
    void aBacklogIntervalThatIsNotPositiveFailsTheStartWithTheBuildersMessage() {
        withRegistry().withPropertyValues("migomail.webhooks.metrics.backlog-interval=0s")
                .run(context -> startFailure(context)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("backlogInterval must be positive: PT0S"));
    }

    @Test
    void theApplicationsOwnMetricsWinAndAreWiredToTheSender() {
        MeterRegistry own = new SimpleMeterRegistry();
        withRegistry().withBean(WebhookMetrics.class, () -> WebhookMetrics.builder(own).build()).run(context -> {
            context.getBean(WebhookSender.class).publish(ACME, Fixtures.EVENT);

            assertThat(own.get("webhooks.published").counter().count()).isEqualTo(1);
            assertThat(own.find("webhooks.backlog").gauge()).isNotNull();
            assertThat(registry.find("webhooks.published").counter()).isNull();
        });
    }

    @Test
    void theApplicationsOwnSenderGetsNoBacklogGauge() {
        WebhookSender own = WebhookSender.builder().store(WebhookStore.inMemory()).build();
        withRegistry().withBean(WebhookSender.class, () -> own)
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(WebhookMetrics.class);
                    assertThat(registry.find("webhooks.backlog").gauge()).isNull();
                });
    }
}
