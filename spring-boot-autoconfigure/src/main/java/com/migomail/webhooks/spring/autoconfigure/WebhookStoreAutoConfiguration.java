package com.migomail.webhooks.spring.autoconfigure;

import com.migomail.webhooks.spring.autoconfigure.internal.StoreFactory;
import com.migomail.webhooks.store.WebhookStore;
import com.migomail.webhooks.store.jdbc.JdbcWebhookStore;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The sender's store: a {@link JdbcWebhookStore} over the application's single {@link DataSource},
 * from {@code migomail.webhooks.store.*}, its tables created or migrated while the application
 * starts (unless {@code migomail.webhooks.store.migrate=false}). A {@link WebhookStore} bean of the
 * application's own replaces it. Off with {@code migomail.webhooks.sender.enabled=false}.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass({JdbcWebhookStore.class, DataSource.class})
@ConditionalOnSingleCandidate(DataSource.class)
@ConditionalOnBooleanProperty(name = "migomail.webhooks.sender.enabled", matchIfMissing = true)
@EnableConfigurationProperties(WebhooksProperties.class)
public class WebhookStoreAutoConfiguration {

    /** Used by Spring. */
    public WebhookStoreAutoConfiguration() {
    }

    /**
     * The JDBC store. It never closes the application's data source.
     *
     * @param dataSource the application's data source
     * @param properties the properties
     * @return the store, migrated unless configured otherwise
     */
    @Bean
    @ConditionalOnMissingBean(WebhookStore.class)
    public JdbcWebhookStore migomailWebhookStore(DataSource dataSource, WebhooksProperties properties) {
        return StoreFactory.create(dataSource, properties.getStore());
    }
}
