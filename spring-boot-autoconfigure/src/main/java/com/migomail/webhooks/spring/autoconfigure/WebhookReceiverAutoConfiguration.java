package com.migomail.webhooks.spring.autoconfigure;

import com.migomail.webhooks.core.WebhookReceiver;
import com.migomail.webhooks.signing.SignatureScheme;
import com.migomail.webhooks.signing.WebhookVerifier;
import com.migomail.webhooks.spring.autoconfigure.internal.MicrometerReceiverMetrics;
import com.migomail.webhooks.spring.autoconfigure.internal.OnReceiverSecretsCondition;
import com.migomail.webhooks.spring.autoconfigure.internal.ReceiverMetrics;
import com.migomail.webhooks.spring.autoconfigure.internal.VerifiedWebhookArgumentResolver;
import com.migomail.webhooks.spring.autoconfigure.internal.VerifiedWebhookStartupCheck;
import com.migomail.webhooks.spring.autoconfigure.internal.WebhookProblemHandler;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The receiver side, in a Spring MVC application: a {@link WebhookReceiver} from
 * {@code migomail.webhooks.receiver.*} (unless the application defines one), resolving
 * {@link VerifiedWebhook} handler arguments, and refusals answered as
 * {@code application/problem+json}. Without keys there is no receiver, and a handler method that
 * takes a {@link VerifiedWebhook} argument fails the application's start with a message naming the
 * property.
 *
 * <p>With a Micrometer {@code MeterRegistry} bean (the Actuator's), each request counts in
 * {@code webhooks.received}, tagged {@code outcome} ({@code verified}, {@code bad_signature},
 * {@code bad_body}, {@code too_large}) and {@code type} (a verified event's type, {@code none} for a
 * refusal); off with {@code migomail.webhooks.metrics.enabled=false}.
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"
})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({WebMvcConfigurer.class, WebhookReceiver.class})
@EnableConfigurationProperties(WebhooksProperties.class)
public class WebhookReceiverAutoConfiguration {

    /** Used by Spring. */
    public WebhookReceiverAutoConfiguration() {
    }

    @Bean
    static VerifiedWebhookStartupCheck migomailVerifiedWebhookStartupCheck(ListableBeanFactory beans) {
        return new VerifiedWebhookStartupCheck(beans);
    }

    @Bean
    WebhookProblemHandler migomailWebhookProblemHandler() {
        return new WebhookProblemHandler();
    }

    /** The receiver from the configured keys. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(OnReceiverSecretsCondition.class)
    static class ReceiverConfiguration {

        @Bean
        @ConditionalOnMissingBean
        WebhookReceiver migomailWebhookReceiver(WebhooksProperties properties) {
            WebhooksProperties.Receiver receiver = properties.getReceiver();
            WebhookVerifier.Builder verifier = WebhookVerifier.builder();
            receiver.getSecrets().stream().filter(secret -> !secret.isBlank()).forEach(verifier::key);
            if (receiver.getTolerance() != null) {
                verifier.tolerance(receiver.getTolerance());
            }
            List<SignatureScheme> schemes = receiver.getSchemes();
            if (schemes != null && !schemes.isEmpty()) {
                verifier.schemes(schemes.get(0), schemes.subList(1, schemes.size()).toArray(SignatureScheme[]::new));
            }
            return WebhookReceiver.create(verifier.build());
        }
    }

    /** The {@code webhooks.received} counter, in the application's meter registry. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    @ConditionalOnBean(MeterRegistry.class)
    @ConditionalOnBooleanProperty(name = "migomail.webhooks.metrics.enabled", matchIfMissing = true)
    static class ReceiverMetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        ReceiverMetrics migomailWebhookReceiverMetrics(MeterRegistry registry) {
            return new MicrometerReceiverMetrics(registry);
        }
    }

    /**
     * Resolution of {@link VerifiedWebhook} arguments with whichever receiver there is, looked up
     * per request: without one the start-up check has already refused any handler that needs it.
     * The metrics too are looked up per request, none without a meter registry.
     */
    @Configuration(proxyBeanMethods = false)
    static class ArgumentResolverConfiguration implements WebMvcConfigurer {

        private final HandlerMethodArgumentResolver resolver;

        ArgumentResolverConfiguration(ObjectProvider<WebhookReceiver> receiver, ObjectProvider<ReceiverMetrics> metrics,
                WebhooksProperties properties) {
            this.resolver = new VerifiedWebhookArgumentResolver(receiver::getObject,
                    () -> metrics.getIfAvailable(ReceiverMetrics::none),
                    Math.toIntExact(properties.getReceiver().getMaxBodySize().toBytes()));
        }

        @Override
        public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
            resolvers.add(resolver);
        }
    }
}
