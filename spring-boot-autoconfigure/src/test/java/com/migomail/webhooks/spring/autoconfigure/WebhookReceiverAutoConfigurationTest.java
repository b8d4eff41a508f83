package com.migomail.webhooks.spring.autoconfigure;

import static java.nio.charset.StandardCharsets.UTF_8;
import static com.migomail.webhooks.spring.autoconfigure.Fixtures.startFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.migomail.webhooks.core.EventCodec;
import com.migomail.webhooks.core.WebhookEvent;
import com.migomail.webhooks.core.WebhookReceiver;
import com.migomail.webhooks.signing.SigningKey;
import com.migomail.webhooks.signing.SigningKeyPair;
import com.migomail.webhooks.signing.WebhookSecret;
import com.migomail.webhooks.signing.WebhookSigner;
import com.migomail.webhooks.signing.WebhookVerificationException;
import com.migomail.webhooks.spring.autoconfigure.internal.MicrometerReceiverMetrics;
import com.migomail.webhooks.spring.autoconfigure.internal.ReceiverMetrics;
import com.migomail.webhooks.spring.autoconfigure.internal.WebhookProblemHandler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

class WebhookReceiverAutoConfigurationTest {

    private static final WebhookSecret SECRET = WebhookSecret.generate();
    private static final WebhookSecret OLD_SECRET = WebhookSecret.generate();
    private static final SigningKeyPair KEY_PAIR = SigningKeyPair.generate();

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WebhookReceiverAutoConfiguration.class));

    @Test
    void withoutSecretsThereIsNoReceiver() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(WebhookReceiver.class));
    }

    @Test
    void everyConfiguredKeyIsAcceptedDuringARotation() {
        runner.withPropertyValues("migomail.webhooks.receiver.secrets=" + SECRET.encoded() + "," + OLD_SECRET.encoded()
                + "," + KEY_PAIR.publicKey().encoded()).run(context -> {
                    WebhookReceiver receiver = context.getBean(WebhookReceiver.class);

                    for (SigningKey key : List.of(SECRET, OLD_SECRET, KEY_PAIR)) {
                        assertThat(receive(receiver, key).id()).isEqualTo(Fixtures.EVENT.id());
                    }
                    assertThatThrownBy(() -> receive(receiver, WebhookSecret.generate()))
                            .isInstanceOf(WebhookVerificationException.class);
                });
    }

    @Test
    void secretsBindFromAnIndexedList() {
        runner.withPropertyValues("migomail.webhooks.receiver.secrets[0]=" + SECRET.encoded())
                .run(context -> assertThat(receive(context.getBean(WebhookReceiver.class), SECRET).id())
                        .isEqualTo(Fixtures.EVENT.id()));
    }

    @Test
    void theTimestampToleranceComesFromTheProperties() {
        runner.withPropertyValues("migomail.webhooks.receiver.secrets=" + SECRET.encoded(),
                "migomail.webhooks.receiver.tolerance=1s").run(context -> {
                    byte[] body = EventCodec.write(Fixtures.EVENT);
                    long tenSecondsAgo = Instant.now().getEpochSecond() - 10;
                    Map<String, List<String>> headers = headers(SECRET, tenSecondsAgo, body);

                    assertThatThrownBy(() -> context.getBean(WebhookReceiver.class).receive(headers, body))
                            .isInstanceOf(WebhookVerificationException.class)
                            .extracting(e -> ((WebhookVerificationException) e).reason())
                            .isEqualTo(WebhookVerificationException.Reason.TIMESTAMP_TOO_OLD);
                });
    }

    @Test
    void anApplicationsOwnReceiverWins() {
        WebhookReceiver own = WebhookReceiver.create(com.migomail.webhooks.signing.WebhookVerifier.builder()
                .key(SECRET).build());
        runner.withPropertyValues("migomail.webhooks.receiver.secrets=" + OLD_SECRET.encoded())
                .withBean(WebhookReceiver.class, () -> own)
                .run(context -> assertThat(context.getBean(WebhookReceiver.class)).isSameAs(own));
    }

    @Test
    void aVerifiedWebhookHandlerWithoutSecretsFailsTheStartNamingTheProperty() {
        webMvc().run(context -> startFailure(context)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("@VerifiedWebhook on ")
                .hasMessageContaining("set migomail.webhooks.receiver.secrets"));
    }

    @Test
    void aVerifiedWebhookHandlerWithSecretsStarts() {
        webMvc().withPropertyValues("migomail.webhooks.receiver.secrets=" + SECRET.encoded())
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(WebhookProblemHandler.class));
    }

    @Test
    void aVerifiedWebhookOfAnotherTypeFailsTheStart() {
        webMvc().withUserConfiguration(WrongTypeController.class)
                .withPropertyValues("migomail.webhooks.receiver.secrets=" + SECRET.encoded())
                .run(context -> startFailure(context)
                        .hasMessageContaining("must be a com.migomail.webhooks.core.WebhookEvent"));
    }

    @Test
    void withAMeterRegistryReceivedRequestsAreCounted() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .run(context -> assertThat(context.getBean(ReceiverMetrics.class))
                        .isInstanceOf(MicrometerReceiverMetrics.class));
    }

    @Test
    void withoutAMeterRegistryNothingIsCounted() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ReceiverMetrics.class));
    }

    @Test
    void metricsEnabledFalseCountsNothing() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("migomail.webhooks.metrics.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ReceiverMetrics.class));
    }

    @Test
    void withoutMicrometerTheReceiverStillWorks() {
        webMvc().withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .withPropertyValues("migomail.webhooks.receiver.secrets=" + SECRET.encoded())
                .run(context -> assertThat(context).hasNotFailed()
                        .hasSingleBean(WebhookReceiver.class)
                        .doesNotHaveBean(ReceiverMetrics.class));
    }

    @Test
    void withoutSpringMvcNothingIsConfigured() {
        runner.withClassLoader(new FilteredClassLoader(WebMvcConfigurer.class))
                .withPropertyValues("migomail.webhooks.receiver.secrets=" + SECRET.encoded())
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(WebhookReceiver.class));
    }

    @Test
    void outsideAServletWebApplicationNothingIsConfigured() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(WebhookReceiverAutoConfiguration.class))
                .withPropertyValues("migomail.webhooks.receiver.secrets=" + SECRET.encoded())
                .run(context -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean(WebhookReceiver.class)
                        .doesNotHaveBean(WebhookProblemHandler.class));
    }

    private WebApplicationContextRunner webMvc() {
        return new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DispatcherServletAutoConfiguration.class,
                        HttpMessageConvertersAutoConfiguration.class, WebMvcAutoConfiguration.class,
                        WebhookReceiverAutoConfiguration.class))
                .withUserConfiguration(EventController.class);
    }

    private static WebhookEvent receive(WebhookReceiver receiver, SigningKey key) {
        byte[] body = EventCodec.write(Fixtures.EVENT);
        return receiver.receive(headers(key, Instant.now().getEpochSecond(), body), body);
    }

    static Map<String, List<String>> headers(SigningKey key, long timestamp, byte[] body) {
        return WebhookSigner.create().sign(Fixtures.EVENT.id(), timestamp, body, List.of(key)).asMap().entrySet()
                .stream().collect(Collectors.toMap(Map.Entry::getKey, entry -> List.of(entry.getValue())));
    }

    static String text(byte[] bytes) {
        return new String(bytes, UTF_8);
    }

    @RestController
    static class EventController {
        @PostMapping("/hooks")
        void receive(@VerifiedWebhook WebhookEvent event) {
        }
    }

    @RestController
    static class WrongTypeController {
        @PostMapping("/wrong")
        void receive(@VerifiedWebhook String event) {
        }
    }
}
