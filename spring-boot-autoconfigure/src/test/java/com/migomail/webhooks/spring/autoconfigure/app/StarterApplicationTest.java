package com.migomail.webhooks.spring.autoconfigure.app;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.migomail.webhooks.core.EmailSent;
import com.migomail.webhooks.core.EventCodec;
import com.migomail.webhooks.core.Subscriber;
import com.migomail.webhooks.core.WebhookEvent;
import com.migomail.webhooks.delivery.EndpointRegistration;
import com.migomail.webhooks.delivery.WebhookSender;
import com.migomail.webhooks.signing.SigningKey;
import com.migomail.webhooks.signing.WebhookSecret;
import com.migomail.webhooks.signing.WebhookSigner;
import com.migomail.webhooks.store.DeliveryQuery;
import com.migomail.webhooks.store.DeliveryStatus;
import com.migomail.webhooks.store.TenantId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The starter on both sides of one application on a random loopback port: its sender (H2 store,
 * loopback allowed) delivers to a controller taking a {@code @VerifiedWebhook} argument, and both
 * sides count in the Actuator's meter registry. The tests share the application, so each one
 * compares counts before and after what it does.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "server.address=127.0.0.1",
    "migomail.webhooks.sender.address-policy=allow-loopback-for-testing",
    "migomail.webhooks.sender.poll-interval=100ms",
    "migomail.webhooks.store.plain-text-secrets=true",
    "migomail.webhooks.receiver.secrets=" + StarterApplicationTest.SECRET,
    "migomail.webhooks.receiver.max-body-size=64KB",
    "management.endpoint.health.show-details=always",
    "management.endpoints.web.exposure.include=health,metrics"
})
class StarterApplicationTest {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final TenantId ACME = TenantId.of("acme");

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    WebhookSender sender;

    @Autowired
    StarterApplication.ReceiverController receiver;

    @Autowired
    MeterRegistry registry;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws IOException {
        String file = Files.createTempDirectory("starter-test").resolve("webhooks").toString();
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + file + ";WRITE_DELAY=0");
    }

    @Test
    void theStartersSenderDeliversToTheStartersReceiverVerifiedAndBothSidesCountIt() throws Exception {
        String endpointId = sender.registerEndpoint(ACME, EndpointRegistration.of(url("/webhooks/migomail"), "*")
                .withSigningKey(WebhookSecret.parse(SECRET))).endpoint().id();
        WebhookEvent event = WebhookEvent.of(new EmailSent("msg_42", null, Subscriber.of("jane@example.com"), null));
        double published = count("webhooks.published", "type", "email.sent");
        double successes = timerCount("webhooks.attempts", "outcome", "success");
        double completed = count("webhooks.deliveries.completed", "outcome", "success");
        double verified = received("verified", "email.sent");

        sender.publish(ACME, event);

        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().stream()
                .anyMatch(received -> received.id().equals(event.id())));
        await().atMost(Duration.ofSeconds(10)).until(() -> sender.deliveries(ACME, DeliveryQuery.all().withEndpoint(endpointId))
                .items().stream().allMatch(delivery -> delivery.status() == DeliveryStatus.DELIVERED));
        await().atMost(Duration.ofSeconds(10)).until(() -> count("webhooks.deliveries.completed", "outcome", "success")
                == completed + 1);
        assertThat(count("webhooks.published", "type", "email.sent")).isEqualTo(published + 1);
        assertThat(timerCount("webhooks.attempts", "outcome", "success")).isEqualTo(successes + 1);
        assertThat(received("verified", "email.sent")).isEqualTo(verified + 1);
        assertThat(get("/actuator/metrics/webhooks.received").body()).contains("\"name\":\"webhooks.received\"")
                .contains("\"tag\":\"outcome\"");
    }

    @Test
    void anEndpointAnswering410IsDisabledAndCountedInTheHealth() {
        TenantId globex = TenantId.of("globex");
        sender.registerEndpoint(globex, EndpointRegistration.of(url("/webhooks/gone"), "*")
                .withSigningKey(WebhookSecret.parse(SECRET)));
        double gone = count("webhooks.endpoints.disabled", "reason", "gone");

        sender.publish(globex, sample());

        // Two listeners of the same call: the meter's and the health's counts may be a moment apart.
        await().atMost(Duration.ofSeconds(20)).until(() -> count("webhooks.endpoints.disabled", "reason", "gone")
                == gone + 1 && get("/actuator/health/webhooks").body().contains("\"endpointsDisabledSinceStart\":1"));
    }

    @Test
    void aRequestSignedWithAnotherKeyIsRefusedWith401ProblemJsonAndCounted() throws Exception {
        double badSignatures = received("bad_signature", "none");

        HttpResponse<String> response = post(signed(WebhookSecret.generate(), EventCodec.write(sample())));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(received("bad_signature", "none")).isEqualTo(badSignatures + 1);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"status\":401").contains("\"reason\":\"NO_MATCHING_SIGNATURE\"");
    }

    @Test
    void anUnsignedRequestIsRefusedWith401() throws Exception {
        HttpResponse<String> response = post(HttpRequest.newBuilder(URI.create(url("/webhooks/migomail")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(EventCodec.write(sample()))));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("\"reason\":\"MISSING_HEADER\"");
        assertThat(receiver.received()).noneMatch(received -> received.id().equals("evt_never"));
    }

    @Test
    void aSignedBodyThatIsNotAnEventIsRefusedWith400ProblemJsonAndCounted() throws Exception {
        double badBodies = received("bad_body", "none");

        HttpResponse<String> response = post(signed(WebhookSecret.parse(SECRET), "{\"hello\":1}".getBytes(UTF_8)));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(received("bad_body", "none")).isEqualTo(badBodies + 1);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"reason\":\"INVALID_EVENT\"");
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413UnverifiedAndCounted() throws Exception {
        double tooLarge = received("too_large", "none");

        HttpResponse<String> response = post(signed(WebhookSecret.parse(SECRET), new byte[64 * 1024 + 1]));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(received("too_large", "none")).isEqualTo(tooLarge + 1);
        assertThat(response.body()).contains("\"reason\":\"BODY_TOO_LARGE\"");
    }

    @Test
    void theWebhooksHealthIsUpWithTheBacklog() throws Exception {
        HttpResponse<String> response = get("/actuator/health/webhooks");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"").contains("\"store\":\"jdbc (H2)\"")
                .containsPattern("\"backlog\":\\d+").containsPattern("\"endpointsDisabledSinceStart\":\\d+");
    }

    private double count(String name, String tag, String value) {
        return registry.find(name).tag(tag, value).counters().stream().mapToDouble(Counter::count).sum();
    }

    private double timerCount(String name, String tag, String value) {
        return registry.find(name).tag(tag, value).timers().stream().mapToDouble(Timer::count).sum();
    }

    private double received(String outcome, String type) {
        return registry.find("webhooks.received").tags("outcome", outcome, "type", type).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static WebhookEvent sample() {
        return WebhookEvent.of(new EmailSent("msg_7", null, Subscriber.of("zoe@example.com"), null));
    }

    private HttpRequest.Builder signed(SigningKey key, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url("/webhooks/migomail")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        WebhookSigner.create().sign("evt_01jhn8wygrfgz8ybavd8e9w3t2", Instant.now().getEpochSecond(), body, List.of(key))
                .asMap().forEach(request::header);
        return request;
    }

    private HttpResponse<String> post(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
