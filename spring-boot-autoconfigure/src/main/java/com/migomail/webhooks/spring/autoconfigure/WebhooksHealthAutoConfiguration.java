package com.migomail.webhooks.spring.autoconfigure;

import com.migomail.webhooks.delivery.WebhookSender;
import com.migomail.webhooks.spring.autoconfigure.internal.DisabledEndpointsCounter;
import com.migomail.webhooks.store.WebhookStore;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code webhooks} health indicator ({@link WebhooksHealthIndicator}), when Spring Boot's health
 * module is present and the application has a {@link WebhookStore}. Switched off by
 * {@code management.health.webhooks.enabled=false}.
 */
@AutoConfiguration(after = {WebhookStoreAutoConfiguration.class, WebhookSenderAutoConfiguration.class})
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(WebhookStore.class)
@ConditionalOnEnabledHealthIndicator("webhooks")
public class WebhooksHealthAutoConfiguration {

    /** Used by Spring. */
    public WebhooksHealthAutoConfiguration() {
    }

    /**
     * Counts the endpoints the auto-configured sender disables, for the health's details.
     *
     * @return the counter
     */
    @Bean
    DisabledEndpointsCounter migomailWebhookDisabledEndpointsCounter() {
        return new DisabledEndpointsCounter();
    }

    /**
     * Gives the counter to the auto-configured sender's builder.
     *
     * @param counter the counter
     * @return the customizer
     */
    @Bean
    WebhookSenderCustomizer migomailWebhookHealthCustomizer(DisabledEndpointsCounter counter) {
        return counter::attachTo;
    }

    /**
     * The indicator; its bean name makes its health {@code webhooks}.
     *
     * @param store the application's store
     * @param sender the application's sender, if it has one
     * @param counter the disabled endpoints, counted if the sender was built with it
     * @return the indicator
     */
    @Bean
    @ConditionalOnMissingBean(name = "webhooksHealthIndicator")
    public WebhooksHealthIndicator webhooksHealthIndicator(WebhookStore store, ObjectProvider<WebhookSender> sender,
            DisabledEndpointsCounter counter) {
        Optional<WebhookSender> unique = Optional.ofNullable(sender.getIfUnique());   // builds it, with the customizer
        Optional<LongSupplier> disabled = counter.isAttached() ? Optional.of(counter::count) : Optional.empty();
        return new WebhooksHealthIndicator(store, unique, disabled);
    }
}
