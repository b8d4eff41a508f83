package com.migomail.webhooks.spring.autoconfigure;

import com.migomail.webhooks.delivery.WebhookSender;
import com.migomail.webhooks.micrometer.WebhookMetrics;
import com.migomail.webhooks.spring.autoconfigure.internal.BacklogBinding;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The sender's Micrometer meters ({@link WebhookMetrics}), when the micrometer module is on the
 * class path and the application has a {@link MeterRegistry} bean (the Actuator's): the metrics'
 * listener is given to the auto-configured sender, their {@code webhooks.backlog} gauge bound to it,
 * and both are closed with the context. Configured by {@code migomail.webhooks.metrics.*}; off with
 * {@code migomail.webhooks.metrics.enabled=false}.
 *
 * <p>A {@link WebhookMetrics} bean of the application's own (another executor, a clock) replaces the
 * auto-configured one and is wired the same way: do not bind its backlog yourself. A
 * {@link WebhookSender} bean of the application's own gets neither listener nor gauge, since no
 * customizer is applied to it; wire the metrics to it as the micrometer module documents.
 *
 * <p>Only a {@link MeterRegistry} binds: Micrometer Observation alone ({@code ObservationRegistry}
 * without a registry) records no meters of this library, which emits none of its own observations.
 */
@AutoConfiguration(after = WebhookSenderAutoConfiguration.class, afterName = {
    "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"
})
@ConditionalOnClass({WebhookMetrics.class, MeterRegistry.class})
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = "migomail.webhooks.metrics.enabled", matchIfMissing = true)
@EnableConfigurationProperties(WebhooksProperties.class)
public class WebhookMetricsAutoConfiguration {

    /** Used by Spring. */
    public WebhookMetricsAutoConfiguration() {
    }

    /**
     * The metrics in the application's registry, closed with the context.
     *
     * @param registry the application's (primary) registry
     * @param properties the properties
     * @return the metrics
     * @throws IllegalArgumentException if the backlog interval is not positive (the builder's message)
     */
    @Bean
    @ConditionalOnMissingBean
    public WebhookMetrics migomailWebhookMetrics(MeterRegistry registry, WebhooksProperties properties) {
        WebhooksProperties.Metrics metrics = properties.getMetrics();
        WebhookMetrics.Builder builder = WebhookMetrics.builder(registry)
                .tenantTags(metrics.isTenantTags())
                .endpointTags(metrics.isEndpointTags());
        if (metrics.getBacklogInterval() != null) {
            builder.backlogInterval(metrics.getBacklogInterval());
        }
        return builder.build();
    }

    /**
     * Gives the metrics' listener to the auto-configured sender, beside any other listener.
     *
     * @param metrics the application's metrics
     * @return the customizer
     */
    @Bean
    public WebhookSenderCustomizer migomailWebhookMetricsCustomizer(WebhookMetrics metrics) {
        return builder -> builder.listener(metrics.listener());
    }

    /**
     * Binds the backlog gauge to the auto-configured sender once every singleton exists, which is
     * the sender the metrics' listener was given to.
     *
     * @param metrics the application's metrics
     * @param sender the auto-configured sender
     * @return the binding
     */
    @Bean
    @ConditionalOnBean(name = "migomailWebhookSender")
    public BacklogBinding migomailWebhookMetricsBacklog(WebhookMetrics metrics,
            @Qualifier("migomailWebhookSender") WebhookSender sender) {
        return new BacklogBinding(metrics, sender);
    }
}
