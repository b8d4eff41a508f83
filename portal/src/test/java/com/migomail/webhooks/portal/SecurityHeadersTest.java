package com.migomail.webhooks.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.migomail.webhooks.core.WebhookEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Security headers on every kind of answer; secrets shown once; JSON never sniffed as HTML. */
class SecurityHeadersTest extends PortalTestSupport {
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @Test
    void everyKindOfAnswerCarriesTheSecurityHeaders() {
        Browser browser = signedIn(ACME);
        Browser stranger = new Browser(server.url());
        List<Browser.Answer> answers = List.of(
                browser.get(""),
                browser.get("assets/test-fixture.svg"),
                browser.get("api/v1/endpoints"),
                browser.post("api/v1/endpoints", JSON.createObjectNode()),
                browser.get("api/v1/nothing"),
                browser.get("assets/nothing.js"),
                stranger.get(""),
                stranger.get("api/v1/session"),
                stranger.get("login?token=x"),
                new Browser(server.url()).openLink(portal.linkFor(ACME, java.time.Duration.ofMinutes(1))));
        for (Browser.Answer answer : answers) {
            assertThat(answer.header("X-Content-Type-Options")).as(answer.toString()).contains("nosniff");
            assertThat(answer.header("Referrer-Policy")).as(answer.toString()).contains("no-referrer");
            assertThat(answer.header("Content-Security-Policy")).as(answer.toString()).contains(CSP);
            assertThat(answer.header("X-Frame-Options")).contains("DENY");
        }
        assertThat(browser.get("api/v1/endpoints").header("Cache-Control")).contains("no-store");
        assertThat(browser.get("api/v1/nothing").header("Cache-Control")).contains("no-store");
        assertThat(stranger.get("login?token=x").header("Cache-Control")).contains("no-store");
    }

    @Test
    void frameAncestorsAreConfigurable() {
        WebhookPortal embeddable = portal(b -> b.frameAncestors("'self'", "https://dashboard.example.com"));
        Browser.Answer answer = new Browser(serve(embeddable).url()).get("");
        assertThat(answer.header("Content-Security-Policy").orElseThrow())
                .endsWith("; frame-ancestors 'self' https://dashboard.example.com");
        assertThat(answer.header("X-Frame-Options")).isEmpty();
    }

    @Test
    void staticFilesHaveTheirContentTypes() {
        Browser stranger = new Browser(server.url());
        assertThat(stranger.get("assets/test-fixture.svg").contentType()).isEqualTo("image/svg+xml");
        assertThat(stranger.get("assets/test-fixture.js").contentType()).isEqualTo("text/javascript; charset=utf-8");
        assertThat(stranger.get("assets/../openapi.json").status()).isEqualTo(404);
        // An encoded separator is refused before routing, as servlet containers refuse it.
        assertThat(stranger.get("assets/%2e%2e%2fopenapi.json").status()).isEqualTo(400);
        assertThat(stranger.get("assets/.hidden").status()).isEqualTo(404);
    }

    @Test
    void thePageNeedsASessionAndIsServedFromTheJar() {
        assumeThat(WebhookPortal.class.getResource("/com/migomail/webhooks/portal/static/index.html"))
                .as("the page's index.html is in this build").isNotNull();
        Browser.Answer page = signedIn(ACME).get("");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).isEqualTo("text/html; charset=utf-8");
    }

    @Test
    void theSecretIsShownOnlyInTheCreationAndRotationAnswers() {
        Browser browser = signedIn(ACME);
        JsonNode created = createEndpoint(browser, "/ok", "*");
        String id = created.get("endpoint").get("id").asText();
        String secret = created.get("secret").asText();
        String rotated = browser.post("api/v1/endpoints/" + id + "/rotate-secret", JSON.createObjectNode()).json()
                .get("secret").asText();
        String eventId = testSendAndWait(browser, id, "email.opened").get("id").asText();
        List<String> bodies = List.of(
                browser.get("api/v1/endpoints").body(),
                browser.get("api/v1/endpoints/" + id).body(),
                browser.put("api/v1/endpoints/" + id, endpointBody(receiverUrl("/ok"), "*")).body(),
                browser.post("api/v1/endpoints/" + id + "/disable", JSON.createObjectNode()).body(),
                browser.post("api/v1/endpoints/" + id + "/enable", JSON.createObjectNode()).body(),
                browser.get("api/v1/events").body(),
                browser.get("api/v1/events/" + eventId).body(),
                browser.get("api/v1/stats").body());
        for (String body : bodies) {
            assertThat(body).doesNotContain(secret).doesNotContain(rotated).doesNotContain("whsec_")
                    .doesNotContain(secret.substring("whsec_".length()));
        }
    }

    @Test
    void eventDataIsAnsweredAsJsonNeverAsHtml() {
        Browser browser = signedIn(ACME);
        createEndpoint(browser, "/ok", "*");
        String eventId = sender.publish(ACME, WebhookEvent.of(ExampleData.opened())).eventId();
        Browser.Answer detail = browser.get("api/v1/events/" + eventId);
        assertThat(detail.contentType()).isEqualTo("application/json");
        assertThat(detail.header("X-Content-Type-Options")).contains("nosniff");
        assertThat(detail.json().get("body").asText()).contains(ExampleData.MARKUP_NAME);
        Browser.Answer list = browser.get("api/v1/events");
        assertThat(list.contentType()).isEqualTo("application/json");
        // No server page carries event data: the HTML answers are static files.
        for (String page : List.of("", "login?token=" + java.net.URLEncoder.encode(ExampleData.MARKUP_NAME, java.nio.charset.StandardCharsets.UTF_8), "assets/test-fixture.svg")) {
            assertThat(browser.get(page).body()).doesNotContain("<img src=x").doesNotContain("alert(");
        }
    }
}
