package com.migomail.webhooks.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Servlet adapter in a real container (Jetty 12, Servlet 6): mounted as {@code /webhooks/*} in
 * the context {@code /app}, and as the default servlet of the context {@code /root}.
 */
class PortalServletTest extends PortalTestSupport {
    private Server jetty;
    private URI mounted;
    private URI asDefault;

    @BeforeEach
    void startJetty() throws Exception {
        jetty = new Server(new InetSocketAddress("127.0.0.1", 0));
        ServletContextHandler app = new ServletContextHandler("/app");
        app.addServlet(new ServletHolder(new PortalServlet(portal)), "/webhooks/*");
        ServletContextHandler root = new ServletContextHandler("/root");
        root.addServlet(new ServletHolder(new PortalServlet(portal)), "/");
        jetty.setHandler(new org.eclipse.jetty.server.handler.ContextHandlerCollection(app, root));
        jetty.start();
        int port = ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
        mounted = URI.create("http://127.0.0.1:" + port + "/app/webhooks/");
        asDefault = URI.create("http://127.0.0.1:" + port + "/root/");
    }

    @AfterEach
    void stopJetty() throws Exception {
        jetty.stop();
    }

    @Test
    void theLoginFlowSetsTheCookieForTheMountPath() {
        Browser browser = new Browser(mounted);
        Browser.Answer login = browser.openLink(portal.linkFor(ACME, Duration.ofMinutes(5)));
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.body()).contains("url=./");
        assertThat(login.header("Set-Cookie").orElseThrow()).contains("; Path=/app/webhooks;").contains("HttpOnly")
                .contains("SameSite=Strict").contains("Secure");
        assertThat(login.header("Content-Security-Policy").orElseThrow()).contains("frame-ancestors 'none'");
        browser.loadSession();
        assertThat(browser.get("api/v1/session").json().get("tenant").asText()).isEqualTo("acme");
    }

    /** What the JDK adapter refuses, the container (or the portal behind it) refuses too. */
    @Test
    void pathsTheJdkServerRefusesAreRefusedThroughTheServlet() {
        Browser browser = signedIn(mounted);
        for (String path : SecurityReviewTest.REFUSED_PATHS) {
            assertThat(SecurityReviewTest.send(browser, "GET", path, null).statusCode()).as(path).isEqualTo(400);
        }
        assertThat(SecurityReviewTest.send(browser, "GET", "api/v1/x/../session", null).statusCode()).isEqualTo(200);
    }

    @Test
    void theApiWorksThroughTheServlet() {
        Browser browser = signedIn(mounted);
        JsonNode created = createEndpoint(browser, "/ok", "email.opened");
        String id = created.get("endpoint").get("id").asText();
        assertThat(created.get("secret").asText()).startsWith("whsec_");
        assertThat(browser.get("api/v1/endpoints").json().get("items")).hasSize(1);
        JsonNode event = testSendAndWait(browser, id, "email.opened");
        assertThat(event.get("deliveries").get(0).get("status").asText()).isEqualTo("delivered");
        Browser.Answer bad = browser.post("api/v1/endpoints", endpointBody("ftp://x", "*"));
        BadInputTest.assertField(bad, 400, "url", "must be an absolute http or https URL");
        assertThat(bad.header("X-Content-Type-Options")).contains("nosniff");
        assertThat(browser.send("api/v1/endpoints", "POST", "text/plain", "{}").status()).isEqualTo(415);
        assertThat(browser.send("api/v1/endpoints", "POST", "application/json",
                "{\"description\":\"" + "a".repeat(70_000) + "\"}").status()).isEqualTo(413);
        Browser globex = signedIn(mounted, GLOBEX);
        BadInputTest.assertProblem(globex.get("api/v1/endpoints/" + id), 404);
        Browser.Answer withoutToken = browser.raw("api/v1/endpoints/" + id, "DELETE", null, browser.cookie);
        BadInputTest.assertProblem(withoutToken, 403);
        assertThat(browser.delete("api/v1/endpoints/" + id).status()).isEqualTo(204);
    }

    @Test
    void theMountPathWithoutItsSlashRedirectsToIt() {
        Browser.Answer answer = new Browser(mounted).get("/app/webhooks");
        assertThat(answer.status()).isEqualTo(308);
        assertThat(answer.header("Location")).contains("/app/webhooks/");
    }

    @Test
    void asTheDefaultServletTheMountPathIsTheContext() {
        Browser browser = new Browser(asDefault);
        Browser.Answer login = browser.openLink(portal.linkFor(GLOBEX, Duration.ofMinutes(5)));
        assertThat(login.header("Set-Cookie").orElseThrow()).contains("; Path=/root;");
        assertThat(browser.get("api/v1/session").json().get("tenant").asText()).isEqualTo("globex");
        assertThat(new Browser(asDefault).get("").status()).isEqualTo(401);
    }

    private Browser signedIn(URI base) {
        return signedIn(base, ACME);
    }

    private Browser signedIn(URI base, com.migomail.webhooks.store.TenantId tenant) {
        Browser browser = new Browser(base);
        assertThat(browser.openLink(portal.linkFor(tenant, Duration.ofMinutes(5))).status()).isEqualTo(200);
        browser.loadSession();
        return browser;
    }
}
