package com.migomail.webhooks.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.migomail.webhooks.core.EmailOpened;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The example on a random loopback port: its own event arrives verified; a forged one does not. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SpringBootExampleTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    WebhookController controller;

    @Test
    void theEventItPublishesArrivesVerifiedAtItsOwnReceiver() {
        await().atMost(Duration.ofSeconds(20)).until(() -> !controller.received().isEmpty());

        assertThat(controller.received()).singleElement().satisfies(event -> {
            assertThat(event.data()).isInstanceOf(EmailOpened.class);
            assertThat(((EmailOpened) event.data()).subscriber().email()).isEqualTo("jane@example.com");
        });
    }

    @Test
    void anUnsignedRequestIsRefusedWith401ProblemJson() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url("/webhooks/migomail")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void itsWebhooksHealthIsUpWithTheBacklog() throws Exception {
        HttpResponse<String> response = get("/actuator/health/webhooks");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"").contains("\"backlog\":");
    }

    @Test
    void itsMetricsCountTheEventOnBothSides() throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> !controller.received().isEmpty());

        assertThat(get("/actuator/metrics/webhooks.published?tag=type:email.opened").body())
                .contains("\"statistic\":\"COUNT\",\"value\":1.0");
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/actuator/metrics/webhooks.received"
                + "?tag=outcome:verified&tag=type:email.opened").body().contains("\"statistic\":\"COUNT\",\"value\":1.0"));
    }

    @Test
    void thePortalAnswersOnlyASessionItsAuthenticatorKnows() throws Exception {
        HttpRequest.Builder session = HttpRequest.newBuilder(URI.create(url("/webhooks-portal/api/v1/session"))).GET();

        assertThat(http.send(session.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        HttpResponse<String> acme = http.send(session.header("Cookie", "app_session=demo-session-acme").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(acme.statusCode()).isEqualTo(200);
        assertThat(acme.body()).contains("acme");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
