package com.migomail.webhooks.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Magic links: signed, expiring, single-use, exchanged for an HttpOnly SameSite=Strict session cookie. */
class MagicLinkTest extends PortalTestSupport {

    @Test
    void linkIsThePublicUrlsLoginWithAToken() {
        URI link = portal.linkFor(ACME, Duration.ofMinutes(5));
        assertThat(link.toString()).startsWith("https://portal.example.com/webhooks/login?token=");
        assertThat(link.getRawQuery()).matches("token=[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}");
    }

    @Test
    void aValidLinkSetsTheSessionCookieAndMovesOnToThePageWithoutRedirect() {
        Browser browser = new Browser(server.url());
        URI link = portal.linkFor(ACME, Duration.ofMinutes(5));
        Browser.Answer answer = browser.openLink(link);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(answer.body()).contains("<meta http-equiv=\"refresh\" content=\"0;url=./\">");
        assertThat(answer.header("Location")).isEmpty();
        String setCookie = answer.header("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith(Browser.COOKIE + "=").contains("; Path=/").contains("; HttpOnly")
                .contains("; SameSite=Strict").containsPattern("; Max-Age=4319[89];")
                .as("https publicUrl").contains("; Secure");
        assertThat(answer.body()).doesNotContain(link.getRawQuery().substring(6));
        browser.loadSession();
        assertThat(browser.get("api/v1/session").json().get("tenant").asText()).isEqualTo("acme");
    }

    @Test
    void overPlainHttpWithAnHttpPublicUrlTheCookieIsNotSecure() {
        WebhookPortal plain = portal(b -> b.publicUrl(URI.create("http://127.0.0.1/")));
        PortalServer plainServer = serve(plain);
        Browser.Answer answer = new Browser(plainServer.url()).openLink(plain.linkFor(ACME, Duration.ofMinutes(1)));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Set-Cookie").orElseThrow()).doesNotContain("Secure").contains("HttpOnly");
    }

    @Test
    void aServerOnAFreePortHandsOutLinksAgainstItsOwnUrlWhenThePortalHasNoPublicUrl() {
        WebhookPortal unlinked = WebhookPortal.builder().sender(sender).signingKey(key(1)).build();
        PortalServer freePort = serve(unlinked);

        URI link = freePort.linkFor(ACME, Duration.ofMinutes(1));

        assertThat(link.toString()).startsWith(freePort.url() + "login?token=");
        assertThat(new Browser(freePort.url()).openLink(link).status()).isEqualTo(200);
        assertThatThrownBy(() -> unlinked.linkFor(ACME, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("publicUrl");
        assertThat(server.linkFor(ACME, Duration.ofMinutes(1)).toString()).startsWith(PUBLIC_URL + "login?token=");
        assertThatThrownBy(() -> freePort.linkFor(ACME, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ttl must be 1 second to 7 days: PT0S");
    }

    @Test
    void aUsedLinkIsRefused() {
        URI link = portal.linkFor(ACME, Duration.ofMinutes(5));
        assertThat(new Browser(server.url()).openLink(link).status()).isEqualTo(200);
        assertRefused(new Browser(server.url()).openLink(link), link);
    }

    @Test
    void anExpiredLinkIsRefused() {
        MutableClock clock = new MutableClock(Instant.now());
        WebhookPortal timed = portal(b -> b.clock(clock));
        PortalServer timedServer = serve(timed);
        URI link = timed.linkFor(ACME, Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(30));
        assertRefused(new Browser(timedServer.url()).openLink(link), link);
    }

    @Test
    void aTamperedLinkIsRefused() {
        URI link = portal.linkFor(ACME, Duration.ofMinutes(5));
        String token = link.getRawQuery().substring("token=".length());
        String payload = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))));
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(payload.replace("|acme|", "|globex|").getBytes())
                + token.substring(token.indexOf('.'));
        assertRefused(new Browser(server.url()).get("login?token=" + forged), link);
        assertRefused(new Browser(server.url()).get("login?token=" + token.substring(0, token.length() - 2) + "AA"), link);
        assertRefused(new Browser(server.url()).get("login?token=garbage"), link);
        assertRefused(new Browser(server.url()).get("login"), link);
    }

    @Test
    void aLinkOfAnotherKeyIsRefused() {
        WebhookPortal other = portal(b -> b.signingKey(key(2)));
        URI link = other.linkFor(ACME, Duration.ofMinutes(5));
        assertRefused(new Browser(server.url()).openLink(link), link);
    }

    @Test
    void aLinkWorksOnAnotherPortalWithTheSameKey() {
        WebhookPortal node2 = portal(b -> b);
        URI link = node2.linkFor(GLOBEX, Duration.ofMinutes(5));
        Browser browser = new Browser(server.url());
        assertThat(browser.openLink(link).status()).isEqualTo(200);
        assertThat(browser.get("api/v1/session").json().get("tenant").asText()).isEqualTo("globex");
    }

    @Test
    void withoutASessionTheApiIs401AndThePageSaysToOpenALink() {
        Browser stranger = new Browser(server.url());
        BadInputTest.assertProblem(stranger.get("api/v1/endpoints"), 401);
        Browser.Answer page = stranger.get("");
        assertThat(page.status()).isEqualTo(401);
        assertThat(page.contentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(page.body()).contains("Open the webhooks portal from your account");
        assertThat(page.header("Set-Cookie")).isEmpty();
    }

    @Test
    void anExpiredSessionCookieIsRefused() {
        MutableClock clock = new MutableClock(Instant.now());
        WebhookPortal timed = portal(b -> b.clock(clock).sessionTtl(Duration.ofMinutes(10)));
        PortalServer timedServer = serve(timed);
        Browser browser = signedIn(timedServer, timed, ACME);
        assertThat(browser.get("api/v1/session").status()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(10));
        BadInputTest.assertProblem(browser.get("api/v1/session"), 401);
    }

    @Test
    void aSessionCookieOfAnotherKeyOrAlteredIsRefused() {
        Browser browser = signedIn(ACME);
        String cookie = browser.cookie;
        BadInputTest.assertProblem(browser.raw("api/v1/session", "GET", null, cookie.replace('.', 'x')), 401);
        BadInputTest.assertProblem(browser.raw("api/v1/session", "GET", null, cookie + "A"), 401);
        Browser other = signedIn(serve(portal(b -> b.signingKey(key(3)))), portal(b -> b.signingKey(key(3))), ACME);
        BadInputTest.assertProblem(browser.raw("api/v1/session", "GET", null, other.cookie), 401);
    }

    @Test
    void linkForChecksItsArguments() {
        assertThatThrownBy(() -> portal.linkFor(ACME, Duration.ofMillis(999))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ttl must be 1 second to 7 days: PT0.999S");
        assertThatThrownBy(() -> portal.linkFor(ACME, Duration.ofDays(7).plusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        WebhookPortal noUrl = WebhookPortal.builder().sender(sender).build();
        assertThatThrownBy(() -> noUrl.linkFor(ACME, Duration.ofMinutes(1))).isInstanceOf(IllegalStateException.class)
                .hasMessage("linkFor needs the portal's publicUrl (Builder.publicUrl)");
    }

    private static void assertRefused(Browser.Answer answer, URI link) {
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.contentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(answer.body()).contains("This link is not valid");
        assertThat(answer.header("Set-Cookie")).isEmpty();
        assertThat(answer.header("Location")).isEmpty();
        assertThat(answer.body()).doesNotContain(link.getRawQuery().substring("token=".length()));
    }
}
