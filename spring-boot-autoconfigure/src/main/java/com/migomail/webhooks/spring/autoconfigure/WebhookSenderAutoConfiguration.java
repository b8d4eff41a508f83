package com.migomail.webhooks.spring.autoconfigure;

import com.migomail.webhooks.delivery.WebhookSender;
import com.migomail.webhooks.spring.autoconfigure.internal.SenderFactory;
import com.migomail.webhooks.spring.autoconfigure.internal.SenderLifecycle;
import com.migomail.webhooks.spring.autoconfigure.internal.StoreFactory;
import com.migomail.webhooks.store.WebhookStore;
import com.migomail.webhooks.store.jdbc.JdbcWebhookStore;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The sender side: a {@link JdbcWebhookStore} over the application's single {@link DataSource}
 * (unless the application defines a {@link WebhookStore}), and over that store a
 * {@link WebhookSender}, built from {@code migomail.webhooks.sender.*} and every
 * {@link WebhookSenderCustomizer}, started once the application context has started (after the web
 * server) and closed, gracefully, when it stops.
 *
 * <p>Switched off by {@code migomail.webhooks.sender.enabled=false}. A {@link WebhookSender} bean of
 * the application's own replaces the auto-configured one; the application then starts and closes it
 * itself. Micrometer and OpenTelemetry bindings, when they come, attach as
 * {@link WebhookSenderCustomizer} beans of their own nested configurations, each conditional on its
 * library's classes.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass(WebhookSender.class)
@ConditionalOnBooleanProperty(name = "migomail.webhooks.sender.enabled", matchIfMissing = true)
@EnableConfigurationProperties(WebhooksProperties.class)
@Import({WebhookSenderAutoConfiguration.JdbcStoreConfiguration.class,
        WebhookSenderAutoConfiguration.SenderConfiguration.class})
public class WebhookSenderAutoConfiguration {

    /** Used by Spring. */
    public WebhookSenderAutoConfiguration() {
    }

    /** The JDBC store, when the application has one data source and no store of its own. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(JdbcWebhookStore.class)
    @ConditionalOnSingleCandidate(DataSource.class)
    @ConditionalOnMissingBean(WebhookStore.class)
    static class JdbcStoreConfiguration {

        @Bean
        JdbcWebhookStore migomailWebhookStore(DataSource dataSource, WebhooksProperties properties) {
            return StoreFactory.create(dataSource, properties.getStore());
        }
    }

    /** The sender, unless the application defines its own. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(WebhookStore.class)
    @ConditionalOnMissingBean(WebhookSender.class)
    static class SenderConfiguration {

        @Bean
        WebhookSender migomailWebhookSender(WebhookStore store, WebhooksProperties properties,
                ObjectProvider<WebhookSenderCustomizer> customizers) {
            return SenderFactory.create(store, properties.getSender(), customizers.orderedStream().toList());
        }

        @Bean
        SenderLifecycle migomailWebhookSenderLifecycle(WebhookSender migomailWebhookSender) {
            return new SenderLifecycle(migomailWebhookSender);
        }
    }
}
