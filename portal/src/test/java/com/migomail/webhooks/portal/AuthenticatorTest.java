package com.migomail.webhooks.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.migomail.webhooks.store.TenantId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The host's authenticator decides who is who on every request; the portal keeps its own session for CSRF. */
class AuthenticatorTest extends PortalTestSupport {
    private final List<PortalRequest> seen = new CopyOnWriteArrayList<>();
    private PortalServer guarded;
    private WebhookPortal guardedPortal;

    @BeforeEach
    void startGuardedPortal() {
        guardedPortal = portal(b -> b.authenticator(request -> {
            seen.add(request);
            return request.header("x-host-user").map(TenantId::of);
        }));
        guarded = serve(guardedPortal);
    }

    @Test
    void aRefusalIs401OnTheApiAndThePage() {
        Browser stranger = new Browser(guarded.url());
        BadInputTest.assertProblem(stranger.get("api/v1/session"), 401);
        assertThat(stranger.get("api/v1/session").json().get("detail").asText()).isEqualTo("not signed in to the platform");
        assertThat(stranger.get("").status()).isEqualTo(401);
        assertThat(stranger.get("").header("Set-Cookie")).isEmpty();
    }

    @Test
    void aMagicLinkSessionDoesNotPassARefusingAuthenticator() {
        Browser browser = new Browser(guarded.url());
        assertThat(browser.openLink(guardedPortal.linkFor(ACME, Duration.ofMinutes(1))).status()).isEqualTo(200);
        BadInputTest.assertProblem(browser.get("api/v1/session"), 401);
    }

    @Test
    void itsTenantIsTheRequestsTenantAndItSeesTheRequest() {
        Browser browser = new Browser(guarded.url());
        Browser.Answer session = browser.raw("api/v1/session", "GET", null, null, "X-Host-User", "globex");
        assertThat(session.status()).isEqualTo(200);
        assertThat(session.json().get("tenant").asText()).isEqualTo("globex");
        assertThat(session.header("Set-Cookie").orElseThrow()).contains("HttpOnly").contains("SameSite=Strict");
        PortalRequest request = seen.get(seen.size() - 1);
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.path()).isEqualTo("/api/v1/session");
        assertThat(request.header("X-HOST-USER")).contains("globex");
        assertThat(request.cookie(Browser.COOKIE)).isEmpty();
        assertThat(request.remoteAddress().getAddress().isLoopbackAddress()).isTrue();
        assertThat(request.secure()).isFalse();
    }

    @Test
    void anotherTenantFromTheAuthenticatorGetsANewSessionAndOnlyItsData() {
        Browser acme = new Browser(guarded.url());
        acme.raw("api/v1/session", "GET", null, null, "X-Host-User", "acme");
        String acmeCookie = acme.cookie;
        sender.registerEndpoint(GLOBEX, com.migomail.webhooks.delivery.EndpointRegistration.of(receiverUrl("/g"), "*"));
        Browser.Answer asGlobex = acme.raw("api/v1/endpoints", "GET", null, acmeCookie, "X-Host-User", "globex");
        assertThat(asGlobex.json().get("items")).hasSize(1);
        assertThat(asGlobex.header("Set-Cookie").orElseThrow()).doesNotContain(acmeCookie);
        Browser.Answer asAcme = acme.raw("api/v1/endpoints", "GET", null, acmeCookie, "X-Host-User", "acme");
        assertThat(asAcme.json().get("items")).isEmpty();
        assertThat(asAcme.header("Set-Cookie")).as("the cookie is acme's already").isEmpty();
        // A change with acme's cookie while the authenticator says globex: the cookie is not globex's.
        Browser.Answer change = acme.raw("api/v1/endpoints", "POST", endpointBody(receiverUrl("/x"), "*").toString(),
                acmeCookie, "X-Host-User", "globex", "Content-Type", "application/json",
                "X-CSRF-Token", csrfOf(acmeCookie));
        BadInputTest.assertProblem(change, 403);
        assertThat(sender.endpoints(GLOBEX)).hasSize(1);
    }

    @Test
    void anAuthenticatorThatThrowsIs500AndLetsNothingThrough() {
        WebhookPortal broken = portal(b -> b.authenticator(request -> {
            throw new IllegalStateException("host session store down");
        }));
        Browser browser = new Browser(serve(broken).url());
        Browser.Answer answer = browser.get("api/v1/endpoints");
        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.body()).doesNotContain("host session store down");
    }

    @Test
    void anAuthenticatorIsNotAskedForStaticFiles() {
        Browser stranger = new Browser(guarded.url());
        seen.clear();
        assertThat(stranger.get("assets/test-fixture.svg").status()).isEqualTo(200);
        assertThat(seen).isEmpty();
    }

    private String csrfOf(String cookie) {
        return new Browser(guarded.url()).raw("api/v1/session", "GET", null, cookie, "X-Host-User", "acme")
                .json().get("csrfToken").asText();
    }
}
