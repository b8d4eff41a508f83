package com.migomail.webhooks.spring.autoconfigure;

import com.migomail.webhooks.delivery.WebhookSender;
import com.migomail.webhooks.spring.autoconfigure.internal.SenderFactory;
import com.migomail.webhooks.spring.autoconfigure.internal.SenderLifecycle;
import com.migomail.webhooks.store.WebhookStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The sender: over the application's {@link WebhookStore} (the JDBC store of
 * {@link WebhookStoreAutoConfiguration}, or the application's own), a {@link WebhookSender} built
 * from {@code migomail.webhooks.sender.*} and every {@link WebhookSenderCustomizer}, started once the
 * application context has started (after the embedded web server) and closed, gracefully, when it
 * stops.
 *
 * <p>Off with {@code migomail.webhooks.sender.enabled=false}. A {@link WebhookSender} bean of the
 * application's own replaces the auto-configured one; the application then starts and closes it
 * itself. Bindings to Micrometer or OpenTelemetry attach as {@link WebhookSenderCustomizer} beans of
 * auto-configurations of their own, each conditional on its library's classes.
 */
@AutoConfiguration(after = WebhookStoreAutoConfiguration.class)
@ConditionalOnClass(WebhookSender.class)
@ConditionalOnBean(WebhookStore.class)
@ConditionalOnMissingBean(WebhookSender.class)
@ConditionalOnBooleanProperty(name = "migomail.webhooks.sender.enabled", matchIfMissing = true)
@EnableConfigurationProperties(WebhooksProperties.class)
public class WebhookSenderAutoConfiguration {

    /** Used by Spring. */
    public WebhookSenderAutoConfiguration() {
    }

    /**
     * The sender, not yet started (see {@link #migomailWebhookSenderLifecycle}); closed with the
     * context.
     *
     * @param store the application's store
     * @param properties the properties
     * @param customizers the application's customizers, applied in order after the properties
     * @return the sender
     */
    @Bean
    public WebhookSender migomailWebhookSender(WebhookStore store, WebhooksProperties properties,
            ObjectProvider<WebhookSenderCustomizer> customizers) {
        return SenderFactory.create(store, properties.getSender(), customizers.orderedStream().toList());
    }

    /**
     * Starts the sender when the context starts and closes it when the context stops.
     *
     * @param migomailWebhookSender the auto-configured sender
     * @return its lifecycle
     */
    @Bean
    public SenderLifecycle migomailWebhookSenderLifecycle(WebhookSender migomailWebhookSender) {
        return new SenderLifecycle(migomailWebhookSender);
    }
}
