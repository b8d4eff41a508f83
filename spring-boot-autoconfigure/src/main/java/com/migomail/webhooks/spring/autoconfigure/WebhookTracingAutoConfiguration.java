package com.migomail.webhooks.spring.autoconfigure;

import com.migomail.webhooks.delivery.DeliveryTracer;
import com.migomail.webhooks.opentelemetry.OpenTelemetryTracing;
import io.opentelemetry.api.OpenTelemetry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;

/**
 * Tracing of the auto-configured sender's attempts with the application's {@link OpenTelemetry}
 * bean (Spring Boot's SDK, or one of the application's own), when the
 * {@code migomail-webhooks-opentelemetry} module is on the class path: a
 * {@link WebhookSenderCustomizer} sets {@link OpenTelemetryTracing#create(OpenTelemetry)} as the
 * sender's tracer, which propagates the W3C trace context only. Off with
 * {@code migomail.webhooks.tracing.enabled=false}.
 *
 * <p>With the OpenTelemetry Java agent and no bean, nothing is bound: declare
 * {@code @Bean OpenTelemetry openTelemetry() { return GlobalOpenTelemetry.get(); }}.
 */
@AutoConfiguration(afterName = "org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration")
@ConditionalOnClass({OpenTelemetryTracing.class, OpenTelemetry.class})
@ConditionalOnSingleCandidate(OpenTelemetry.class)
@ConditionalOnBooleanProperty(name = "migomail.webhooks.tracing.enabled", matchIfMissing = true)
public class WebhookTracingAutoConfiguration {

    /** Used by Spring. */
    public WebhookTracingAutoConfiguration() {
    }

    /**
     * Sets the tracer on the auto-configured sender's builder.
     *
     * @param openTelemetry the application's OpenTelemetry
     * @return the customizer
     */
    @Bean
    public WebhookSenderCustomizer migomailWebhookTracingCustomizer(OpenTelemetry openTelemetry) {
        DeliveryTracer tracer = OpenTelemetryTracing.create(openTelemetry);
        return builder -> builder.tracer(tracer);
    }
}
