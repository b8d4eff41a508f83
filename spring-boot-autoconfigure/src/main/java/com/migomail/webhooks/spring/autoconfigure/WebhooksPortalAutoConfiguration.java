package com.migomail.webhooks.spring.autoconfigure;

import com.migomail.webhooks.delivery.WebhookSender;
import com.migomail.webhooks.portal.PortalAuthenticator;
import com.migomail.webhooks.portal.PortalServlet;
import com.migomail.webhooks.portal.WebhookPortal;
import com.migomail.webhooks.spring.autoconfigure.internal.PortalFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * The portal, mounted at {@code migomail.webhooks.portal.path} when
 * {@code migomail.webhooks.portal.enabled=true} in a servlet web application with the portal module.
 * It needs the application's {@link WebhookSender} and a {@link PortalAuthenticator} bean (who may
 * see which tenant); without either the application fails to start, naming what is missing. Put
 * the path behind the application's own authentication (Spring Security, say), and leave the
 * portal's CSRF protection to the portal.
 */
@AutoConfiguration(after = {WebhookStoreAutoConfiguration.class, WebhookSenderAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({PortalServlet.class, ServletRegistrationBean.class})
@ConditionalOnBooleanProperty("migomail.webhooks.portal.enabled")
@EnableConfigurationProperties(WebhooksProperties.class)
public class WebhooksPortalAutoConfiguration {

    /** Used by Spring. */
    public WebhooksPortalAutoConfiguration() {
    }

    /**
     * The portal over the application's sender.
     *
     * @param sender the sender, required
     * @param authenticator the application's authenticator, required
     * @param properties the portal's properties
     * @return the portal, for {@code linkFor} too
     * @throws IllegalStateException if the sender or the authenticator is missing
     */
    @Bean
    @ConditionalOnMissingBean
    public WebhookPortal migomailWebhookPortal(ObjectProvider<WebhookSender> sender,
            ObjectProvider<PortalAuthenticator> authenticator, WebhooksProperties properties) {
        return PortalFactory.create(sender.getIfAvailable(), authenticator.getIfAvailable(), properties.getPortal());
    }

    /**
     * The portal's servlet under the configured path.
     *
     * @param portal the portal
     * @param properties the portal's properties
     * @return the registration of {@code <path>/*}
     */
    @Bean
    public ServletRegistrationBean<PortalServlet> migomailWebhookPortalServlet(WebhookPortal portal,
            WebhooksProperties properties) {
        ServletRegistrationBean<PortalServlet> registration = new ServletRegistrationBean<>(new PortalServlet(portal),
                PortalFactory.mapping(properties.getPortal().getPath()));
        registration.setName("migomailWebhookPortal");
        return registration;
    }
}
