package com.migomail.webhooks.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.migomail.webhooks.portal.internal.ApiRoute;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Changes need the session cookie and its own CSRF token header; GET never changes state. */
class CsrfTest extends PortalTestSupport {

    @Test
    void aChangeWithoutTheTokenHeaderIs403() {
        Browser browser = signedIn(ACME);
        Browser.Answer answer = browser.raw("api/v1/endpoints", "POST", endpointBody(receiverUrl("/ok"), "*").toString(),
                browser.cookie, "Content-Type", "application/json");
        BadInputTest.assertProblem(answer, 403);
        assertThat(answer.json().get("detail").asText()).contains("X-CSRF-Token");
        assertThat(sender.endpoints(ACME)).isEmpty();
    }

    @Test
    void aChangeWithAWrongTokenIs403() {
        Browser browser = signedIn(ACME);
        String id = createEndpoint(browser, "/ok", "*").get("endpoint").get("id").asText();
        Browser.Answer answer = browser.raw("api/v1/endpoints/" + id, "DELETE", null, browser.cookie,
                "X-CSRF-Token", browser.csrfToken.substring(1) + "A");
        BadInputTest.assertProblem(answer, 403);
        assertThat(sender.endpoint(ACME, id)).isPresent();
    }

    @Test
    void aChangeWithAnotherSessionsTokenIs403() {
        Browser browser = signedIn(ACME);
        Browser other = signedIn(ACME);
        String id = createEndpoint(browser, "/ok", "*").get("endpoint").get("id").asText();
        Browser.Answer answer = browser.raw("api/v1/endpoints/" + id + "/disable", "POST", "{}", browser.cookie,
                "X-CSRF-Token", other.csrfToken, "Content-Type", "application/json");
        BadInputTest.assertProblem(answer, 403);
        assertThat(sender.endpoint(ACME, id).orElseThrow().enabled()).isTrue();
    }

    @Test
    void aChangeWithoutTheCookieIs403EvenWhenTheAuthenticatorSaysYes() {
        WebhookPortal guarded = portal(b -> b.authenticator(request -> Optional.of(ACME)));
        PortalServer guardedServer = serve(guarded);
        Browser browser = new Browser(guardedServer.url());
        browser.loadSession();
        String token = browser.csrfToken;
        Browser.Answer answer = browser.raw("api/v1/endpoints", "POST", endpointBody(receiverUrl("/ok"), "*").toString(),
                null, "X-CSRF-Token", token, "Content-Type", "application/json");
        BadInputTest.assertProblem(answer, 403);
        assertThat(answer.json().get("detail").asText()).contains("session cookie");
        assertThat(sender.endpoints(ACME)).isEmpty();
        assertThat(browser.post("api/v1/endpoints", endpointBody(receiverUrl("/ok"), "*")).status()).isEqualTo(201);
    }

    @Test
    void withoutTheCookieOrSessionAChangeIsRefusedWithoutAuthenticator() {
        Browser stranger = new Browser(server.url());
        BadInputTest.assertProblem(stranger.raw("api/v1/endpoints", "POST", "{}", null, "Content-Type", "application/json"), 401);
        assertThat(sender.endpoints(ACME)).isEmpty();
    }

    @Test
    void everyStateChangingRouteIsPostPutOrDeleteAndGetRoutesChangeNothing() {
        for (ApiRoute route : ApiRoute.values()) {
            assertThat(route.changesState()).as(route.toString()).isEqualTo(!route.method().equals("GET"));
            assertThat(route.method()).isIn("GET", "POST", "PUT", "DELETE");
        }
        Browser browser = signedIn(ACME);
        String id = createEndpoint(browser, "/ok", "*").get("endpoint").get("id").asText();
        var before = sender.endpoint(ACME, id).orElseThrow();
        for (ApiRoute route : ApiRoute.values()) {
            if (route.method().equals("GET")) {
                browser.get("api/v1/" + route.template().replace("{endpointId}", id).replace("{eventId}", "evt_x"));
            }
        }
        // A GET to a change's path changes nothing either: it is 405.
        assertThat(browser.get("api/v1/endpoints/" + id + "/disable").status()).isEqualTo(405);
        assertThat(sender.endpoint(ACME, id).orElseThrow()).isEqualTo(before);
        assertThat(sender.endpoints(ACME)).hasSize(1);
    }
}
