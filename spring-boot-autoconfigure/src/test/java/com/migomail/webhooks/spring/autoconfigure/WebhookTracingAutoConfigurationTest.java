package com.migomail.webhooks.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.migomail.webhooks.delivery.EndpointRegistration;
import com.migomail.webhooks.delivery.WebhookSender;
import com.migomail.webhooks.opentelemetry.OpenTelemetryTracing;
import com.migomail.webhooks.store.TenantId;
import com.migomail.webhooks.store.WebhookStore;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class WebhookTracingAutoConfigurationTest {

    private static final TenantId ACME = TenantId.of("acme");

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final OpenTelemetrySdk openTelemetry = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .build();
    private LoopbackReceiver receiver;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WebhookSenderAutoConfiguration.class,
                    WebhookTracingAutoConfiguration.class))
            .withBean(WebhookStore.class, WebhookStore::inMemory)
            .withPropertyValues("migomail.webhooks.sender.address-policy=allow-loopback-for-testing");

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = LoopbackReceiver.start();
    }

    @AfterEach
    void stop() {
        receiver.close();
        openTelemetry.close();
    }

    @Test
    void withAnOpenTelemetryBeanEachAttemptIsAClientSpanWhoseTraceparentTheRequestCarries() {
        runner.withBean(OpenTelemetry.class, () -> openTelemetry).run(context -> {
            Map<String, List<String>> headers = deliverOne(context.getBean(WebhookSender.class));

            SpanData attempt = spans.getFinishedSpanItems().get(0);
            assertThat(attempt.getKind()).isEqualTo(SpanKind.CLIENT);
            assertThat(headers.get("Traceparent"))
                    .containsExactly("00-" + attempt.getTraceId() + "-" + attempt.getSpanId() + "-01");
        });
    }

    @Test
    void withoutAnOpenTelemetryBeanNothingIsTraced() {
        runner.run(context -> {
            assertThat(context).doesNotHaveBean("migomailWebhookTracingCustomizer");
            assertThat(deliverOne(context.getBean(WebhookSender.class))).doesNotContainKey("Traceparent");
        });
    }

    @Test
    void tracingEnabledFalseTracesNothing() {
        runner.withBean(OpenTelemetry.class, () -> openTelemetry)
                .withPropertyValues("migomail.webhooks.tracing.enabled=false").run(context -> {
                    assertThat(deliverOne(context.getBean(WebhookSender.class))).doesNotContainKey("Traceparent");
                    assertThat(spans.getFinishedSpanItems()).isEmpty();
                });
    }

    @Test
    void withoutTheOpenTelemetryModuleNothingIsTraced() {
        runner.withBean(OpenTelemetry.class, () -> openTelemetry)
                .withClassLoader(new FilteredClassLoader(OpenTelemetryTracing.class))
                .run(context -> assertThat(context).hasNotFailed()
                        .hasSingleBean(WebhookSender.class)
                        .doesNotHaveBean("migomailWebhookTracingCustomizer"));
    }

    private Map<String, List<String>> deliverOne(WebhookSender sender) {
        sender.registerEndpoint(ACME, EndpointRegistration.of(receiver.url(), "*"));
        sender.publish(ACME, Fixtures.EVENT);
        await().atMost(Duration.ofSeconds(20)).until(() -> !receiver.requests().isEmpty());
        await().atMost(Duration.ofSeconds(10)).until(() -> !spans.getFinishedSpanItems().isEmpty()
                || !receiver.requests().get(0).containsKey("Traceparent"));
        return receiver.requests().get(0);
    }
}
