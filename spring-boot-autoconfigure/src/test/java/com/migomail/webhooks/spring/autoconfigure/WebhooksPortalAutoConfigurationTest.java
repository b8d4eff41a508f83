package com.migomail.webhooks.spring.autoconfigure;

import static com.migomail.webhooks.spring.autoconfigure.Fixtures.startFailure;
import static org.assertj.core.api.Assertions.assertThat;

import com.migomail.webhooks.delivery.WebhookSender;
import com.migomail.webhooks.portal.PortalAuthenticator;
import com.migomail.webhooks.portal.PortalServlet;
import com.migomail.webhooks.portal.WebhookPortal;
import com.migomail.webhooks.store.TenantId;
import com.migomail.webhooks.store.WebhookStore;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.ServletRegistrationBean;

class WebhooksPortalAutoConfigurationTest {

    private static final PortalAuthenticator AUTHENTICATOR = request -> Optional.of(TenantId.of("acme"));

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WebhookStoreAutoConfiguration.class, WebhookSenderAutoConfiguration.class,
                    WebhooksPortalAutoConfiguration.class))
            .withBean(WebhookStore.class, WebhookStore::inMemory);

    @Test
    void isNotMountedUnlessEnabled() {
        runner.withBean(PortalAuthenticator.class, () -> AUTHENTICATOR)
                .run(context -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean(WebhookPortal.class)
                        .doesNotHaveBean(ServletRegistrationBean.class));
    }

    @Test
    void isMountedUnderItsPathWithTheApplicationsAuthenticator() {
        runner.withBean(PortalAuthenticator.class, () -> AUTHENTICATOR)
                .withPropertyValues("migomail.webhooks.portal.enabled=true", "migomail.webhooks.portal.path=/hooks/")
                .run(context -> {
                    ServletRegistrationBean<?> registration = context.getBean(ServletRegistrationBean.class);

                    assertThat(registration.getServlet()).isInstanceOf(PortalServlet.class);
                    assertThat(registration.getUrlMappings()).containsExactly("/hooks/*");
                });
    }

    @Test
    void theDefaultPathIsWebhooksPortal() {
        runner.withBean(PortalAuthenticator.class, () -> AUTHENTICATOR)
                .withPropertyValues("migomail.webhooks.portal.enabled=true")
                .run(context -> assertThat(context.getBean(ServletRegistrationBean.class).getUrlMappings())
                        .containsExactly("/webhooks-portal/*"));
    }

    @Test
    void withoutAnAuthenticatorTheApplicationFailsToStart() {
        runner.withPropertyValues("migomail.webhooks.portal.enabled=true")
                .run(context -> startFailure(context)
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageStartingWith("migomail.webhooks.portal.enabled=true needs a PortalAuthenticator bean"));
    }

    @Test
    void withoutASenderTheApplicationFailsToStart() {
        runner.withBean(PortalAuthenticator.class, () -> AUTHENTICATOR)
                .withPropertyValues("migomail.webhooks.portal.enabled=true", "migomail.webhooks.sender.enabled=false")
                .run(context -> startFailure(context)
                        .hasMessageStartingWith("migomail.webhooks.portal.enabled=true needs a WebhookSender"));
    }

    @Test
    void aShortSigningKeyFailsTheStart() {
        runner.withBean(PortalAuthenticator.class, () -> AUTHENTICATOR)
                .withPropertyValues("migomail.webhooks.portal.enabled=true",
                        "migomail.webhooks.portal.signing-key=c2hvcnQ=")
                .run(context -> startFailure(context)
                        .isInstanceOf(IllegalArgumentException.class));
    }

    @Test
    void aPathOfOnlySlashIsRefused() {
        runner.withBean(PortalAuthenticator.class, () -> AUTHENTICATOR)
                .withPropertyValues("migomail.webhooks.portal.enabled=true", "migomail.webhooks.portal.path=/")
                .run(context -> startFailure(context)
                        .hasMessage("migomail.webhooks.portal.path must be a path like /webhooks-portal: \"/\""));
    }

    @Test
    void isNotMountedWithoutThePortalModule() {
        runner.withBean(PortalAuthenticator.class, () -> AUTHENTICATOR)
                .withClassLoader(new FilteredClassLoader(PortalServlet.class))
                .withPropertyValues("migomail.webhooks.portal.enabled=true")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ServletRegistrationBean.class));
    }

    @Test
    void isNotMountedOutsideAServletWebApplication() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(WebhookStoreAutoConfiguration.class, WebhookSenderAutoConfiguration.class,
                        WebhooksPortalAutoConfiguration.class))
                .withBean(WebhookStore.class, WebhookStore::inMemory)
                .withPropertyValues("migomail.webhooks.portal.enabled=true")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(WebhookPortal.class)
                        .hasSingleBean(WebhookSender.class));
    }
}
