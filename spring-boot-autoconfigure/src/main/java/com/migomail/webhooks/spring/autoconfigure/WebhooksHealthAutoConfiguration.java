package com.migomail.webhooks.spring.autoconfigure;

import com.migomail.webhooks.delivery.WebhookSender;
import com.migomail.webhooks.store.WebhookStore;
import java.util.Optional;
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
     * The indicator; its bean name makes its health {@code webhooks}.
     *
     * @param store the application's store
     * @param sender the application's sender, if it has one
     * @return the indicator
     */
    @Bean
    @ConditionalOnMissingBean(name = "webhooksHealthIndicator")
    public WebhooksHealthIndicator webhooksHealthIndicator(WebhookStore store, ObjectProvider<WebhookSender> sender) {
        return new WebhooksHealthIndicator(store, Optional.ofNullable(sender.getIfUnique()));
    }
}
