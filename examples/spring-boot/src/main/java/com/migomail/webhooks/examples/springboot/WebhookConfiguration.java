package com.migomail.webhooks.examples.springboot;

import com.migomail.webhooks.delivery.DeliveryListener;
import com.migomail.webhooks.portal.PortalAuthenticator;
import com.migomail.webhooks.spring.autoconfigure.WebhookSenderCustomizer;
import com.migomail.webhooks.store.Delivery;
import com.migomail.webhooks.store.DeliveryAttempt;
import com.migomail.webhooks.store.TenantId;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the application adds to the starter: a sender customizer and the portal's authenticator. */
@Configuration(proxyBeanMethods = false)
public class WebhookConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookConfiguration.class);

    /**
     * Logs every delivery that failed for good; applied to the starter's sender builder.
     *
     * @return the customizer
     */
    @Bean
    WebhookSenderCustomizer failedDeliveryLog() {
        return builder -> builder.listener(new DeliveryListener() {
            @Override
            public void onFailed(Delivery delivery, DeliveryAttempt attempt) {
                LOG.warn("delivery {} of event {} failed for good", delivery.id(), delivery.eventId());
            }
        });
    }

    /**
     * Who may see which tenant in the portal: here the tenant of the application's own session cookie.
     *
     * @return the authenticator the portal asks on every request
     */
    @Bean
    PortalAuthenticator portalAuthenticator() {
        return request -> request.cookie("app_session").flatMap(WebhookConfiguration::tenantOfSession);
    }

    private static Optional<TenantId> tenantOfSession(String sessionId) {
        return Optional.ofNullable(Map.of("demo-session-acme", TenantId.of("acme")).get(sessionId));  // your session store
    }
}
