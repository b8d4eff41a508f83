package com.migomail.webhooks.portal.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.migomail.webhooks.core.EmailClicked;
import com.migomail.webhooks.core.EmailOpened;
import com.migomail.webhooks.core.Subscriber;
import com.migomail.webhooks.core.WebhookEvent;
import com.migomail.webhooks.delivery.EndpointAddressPolicy;
import com.migomail.webhooks.delivery.EndpointRegistration;
import com.migomail.webhooks.delivery.RetrySchedule;
import com.migomail.webhooks.delivery.WebhookSender;
import com.migomail.webhooks.portal.PortalServer;
import com.migomail.webhooks.portal.WebhookPortal;
import com.migomail.webhooks.signing.WebhookVerifier;
import com.migomail.webhooks.store.DeliveryQuery;
import com.migomail.webhooks.store.DeliveryStatus;
import com.migomail.webhooks.store.TenantId;
import com.migomail.webhooks.store.WebhookStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.slf4j.LoggerFactory;

/**
 * The portal in a real headless Chromium: a real sender (in-memory store) delivering to a loopback
 * receiver, the portal on {@link PortalServer}, a customer entering through a magic link. Each test
 * is its own tenant, so they share one browser and one server without seeing each other's data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortalBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String IMG = "<img src=x onerror=alert(1)>";
    private static final List<String> HOSTILE = List.of(IMG, "\"><svg onload=alert(2)>",
            "<script>alert(3)</script>", "'; alert(4); '");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Chromium chromium;
    private Receiver receiver;
    private WebhookSender sender;
    private WebhookPortal portal;
    private PortalServer server;

    @BeforeAll
    void start() {
        if (!Chromium.installed()) {
            LoggerFactory.getLogger(PortalBrowserTest.class).warn(Chromium.MISSING);
            return;
        }
        chromium = Chromium.start();
        receiver = Receiver.start();
        sender = WebhookSender.builder()
                .store(WebhookStore.inMemory())
                .addressPolicy(EndpointAddressPolicy.allowLoopbackForTesting())
                .retrySchedule(RetrySchedule.fixed(Duration.ofMillis(100), 1))
                .pollInterval(Duration.ofMillis(20))
                .build();
        sender.start();
        // No public URL: the server on a free port makes the links against its own URL.
        portal = WebhookPortal.builder().sender(sender).build();
        server = PortalServer.start(portal, new InetSocketAddress("127.0.0.1", 0));
    }

    @BeforeEach
    void skipWithoutChromium() {
        assumeTrue(Chromium.installed(), Chromium.MISSING);
    }

    @AfterEach
    void noContentSecurityPolicyViolation() {
        if (chromium != null) {
            chromium.assertNoCspViolation();
        }
    }

    @AfterAll
    void stop() throws Exception {
        try (AutoCloseable b = chromium; AutoCloseable r = receiver; AutoCloseable s = sender; AutoCloseable p = server) {
            // closed in reverse order: the server, the sender, the receiver, the browser
        }
    }

    @Test
    void customerAddsEndpointSendsTestEventAndReplaysIt() {
        enter(TenantId.of("acme"));
        chromium.route("#/endpoints", "endpoints");
        chromium.visible("endpoint-url").sendKeys(receiver.url("/acme"));
        chromium.visible("endpoint-description").sendKeys("Order service");
        chromium.click("type-email.opened");
        chromium.click("type-email.clicked");
        chromium.click("endpoint-submit");

        String secret = chromium.visible("secret").getText();
        assertThat(secret).startsWith("whsec_");
        chromium.withText("endpoint-row-url", receiver.url("/acme"));
        chromium.screenshot("endpoints");

        chromium.click("open-new-endpoint");
        chromium.visible("view-endpoint");
        assertThat(chromium.driver.getPageSource()).doesNotContain(secret);
        assertThat(chromium.visible("endpoint-detail-types").getText()).isEqualTo("email.opened, email.clicked");
        new Select(chromium.visible("test-type")).selectByValue("email.opened");
        chromium.click("send-test");
        assertThat(chromium.withText("test-status", "200").getText()).isEqualTo("200");
        assertThat(chromium.visible("test-excerpt").getText()).isEqualTo("thanks");
        assertThat(chromium.visible("test-latency").getText()).matches("\\d+ ms");
        chromium.withText("chart-total-succeeded", "Succeeded: 1");
        chromium.screenshot("endpoint-detail");

        // The secret shown once is the one the requests are signed with.
        Receiver.Received test = receiver.received("/acme").get(0);
        WebhookVerifier.builder().key(secret).build().verify(test.headers(), test.body());

        chromium.route("#/events", "events");
        chromium.withText("event-row-type", "email.opened");
        assertThat(chromium.all("event-row")).hasSize(1);
        chromium.screenshot("event-log");

        chromium.click("event-link");
        chromium.visible("event-detail");
        assertThat(chromium.all("attempt")).hasSize(1);
        assertThat(chromium.visible("attempt-result").getText()).isEqualTo("HTTP 200");
        chromium.click("replay-event");
        chromium.withText("replay-outcome", "Replayed to 1 endpoint");
        chromium.waiting().until(d -> chromium.all("attempt").size() == 2);
        chromium.visible("replay-badge");
        assertThat(chromium.all("attempt-number").stream().map(WebElement::getText)).containsExactly("1", "2");
        assertThat(receiver.received("/acme")).hasSize(2);
        chromium.screenshot("event-detail");
    }

    @Test
    void rendersHostileEventDataAsTextEverywhere() {
        TenantId tenant = TenantId.of("mallory");
        receiver.answer("/mallory", 200, IMG);
        String endpointId = sender.registerEndpoint(tenant,
                EndpointRegistration.of(receiver.url("/mallory"), "*").withDescription(IMG)).id();
        String eventId = sender.publish(tenant, hostileEvent()).eventId();
        awaitSettled(tenant, 1);

        enter(tenant);
        chromium.route("#/endpoints", "endpoints");
        assertThat(chromium.visible("endpoint-row-description").getText()).isEqualTo(IMG);
        chromium.route("#/events", "events");
        chromium.withText("event-row-type", "email.opened");
        assertNothingInjected();
        chromium.click("event-link");
        String body = chromium.visible("event-body").getText();
        assertThat(body).contains(HOSTILE.stream().map(PortalBrowserTest::asJsonString).toList());
        assertThat(chromium.visible("attempt-excerpt").getText()).isEqualTo(IMG);
        assertThat(chromium.driver.getCurrentUrl()).endsWith("#/events/" + eventId);
        assertNothingInjected();
        chromium.route("#/endpoints/" + endpointId, "endpoint");
        assertThat(chromium.visible("endpoint-detail-description").getText()).isEqualTo(IMG);
        assertNothingInjected();
    }

    @Test
    void overviewChartsSucceededRetriedAndFailedDeliveries() {
        TenantId tenant = TenantId.of("charts");
        receiver.answer("/charts-down", 500, "down");
        String up = sender.registerEndpoint(tenant, EndpointRegistration.of(receiver.url("/charts-up"), "*")).id();
        sender.registerEndpoint(tenant, EndpointRegistration.of(receiver.url("/charts-down"), "*"));
        sender.publish(tenant, openedEvent("jane@example.com"));
        sender.publish(tenant, openedEvent("ada@example.com"));
        awaitSettled(tenant, 4);

        enter(tenant);
        chromium.route("#/", "overview");
        chromium.withText("chart-total-succeeded", "Succeeded: 2");
        assertThat(chromium.visible("chart-total-retried").getText()).isEqualTo("Retried: 2");
        assertThat(chromium.visible("chart-total-failed").getText()).isEqualTo("Failed: 2");
        assertThat(chromium.all("chart-bar")).hasSize(24);
        assertThat(chromium.all("chart-rect-succeeded")).hasSize(1);
        chromium.screenshot("overview");

        chromium.click("chart-range-7d");
        chromium.waiting().until(d -> chromium.all("chart-bar").size() == 7 * 24);
        chromium.route("#/endpoints/" + up, "endpoint");
        chromium.withText("chart-total-succeeded", "Succeeded: 2");
        assertThat(chromium.visible("chart-total-failed").getText()).isEqualTo("Failed: 0");
    }

    @Test
    void customerEditsRotatesDisablesEnablesAndDeletesAnEndpoint() {
        TenantId tenant = TenantId.of("lifecycle");
        String id = sender.registerEndpoint(tenant, EndpointRegistration.of(receiver.url("/lifecycle"), "*")).id();
        enter(tenant);
        chromium.route("#/endpoints/" + id, "endpoint");
        WebElement description = chromium.visible("endpoint-description");
        description.sendKeys("Billing");
        chromium.click("endpoint-submit");
        chromium.visible("saved");
        assertThat(chromium.visible("endpoint-detail-description").getText()).isEqualTo("Billing");

        chromium.click("rotate-secret");
        assertThat(chromium.visible("secret").getText()).startsWith("whsec_");
        assertThat(chromium.visible("previous-expiry").getText()).startsWith("The previous secret stays valid until ");

        chromium.visible("disable-reason").sendKeys("maintenance");
        chromium.click("disable-endpoint");
        chromium.withText("endpoint-detail-state", "disabled (maintenance)");
        sender.publish(tenant, openedEvent("skipped@example.com"));
        await().atMost(WAIT).until(() -> sender.deliveries(tenant, DeliveryQuery.all()).items().stream()
                .anyMatch(d -> d.status() == DeliveryStatus.SKIPPED));
        chromium.click("enable-endpoint");
        chromium.withText("skipped-offer", "1 event skipped while the endpoint was disabled");
        chromium.click("replay-skipped");
        chromium.withText("skipped-replay-result", "Replaying 1 event.");
        await().atMost(WAIT).until(() -> receiver.received("/lifecycle").size() == 1);

        chromium.click("delete-endpoint");
        chromium.click("confirm-delete");
        chromium.visible("view-endpoints");
        assertThat(chromium.visible("no-endpoints").getText()).isEqualTo("No endpoint yet.");
        assertThat(sender.endpoints(tenant)).isEmpty();
    }

    @Test
    void eventLogPagesOlderEventsByCursorAndFilters() {
        TenantId tenant = TenantId.of("busy");
        sender.registerEndpoint(tenant, EndpointRegistration.of(receiver.url("/busy"), "*"));
        for (int i = 0; i < 30; i++) {
            sender.publish(tenant, openedEvent("reader" + i + "@example.com"));
        }
        sender.publish(tenant, WebhookEvent.of(EmailClicked.builder("msg_3", Subscriber.of("c@example.com"),
                "https://example.com/sale", 1).build()));
        awaitSettled(tenant, 31);

        enter(tenant);
        chromium.route("#/events", "events");
        chromium.waiting().until(d -> chromium.all("event-row").size() == 25);
        assertThat(chromium.all("event-row-type").get(0).getText()).isEqualTo("email.clicked");
        chromium.click("events-older");
        chromium.waiting().until(d -> chromium.all("event-row").size() == 31);
        assertThat(chromium.all("events-empty").get(0).isDisplayed()).isFalse();
        chromium.waiting().until(d -> !chromium.all("events-older").get(0).isDisplayed());

        new Select(chromium.visible("filter-type")).selectByValue("email.clicked");
        chromium.click("filter-apply");
        chromium.waiting().until(d -> d.getCurrentUrl().endsWith("#/events?type=email.clicked"));
        chromium.waiting().until(d -> chromium.all("event-row").size() == 1);
        chromium.click("filter-status-failed");
        chromium.click("filter-apply");
        chromium.visible("events-empty");
        assertThat(chromium.all("event-row")).isEmpty();
    }

    @Test
    void catalogShowsEveryTypeWithItsWireExample() {
        enter(TenantId.of("reader"));
        chromium.route("#/catalog", "catalog");
        List<WebElement> types = chromium.all("catalog-type");
        assertThat(types).hasSize(12);
        assertThat(types.get(0).findElement(Chromium.byTest("catalog-description")).getText()).isNotBlank();
        types.get(0).findElement(By.tagName("summary")).click();
        assertThat(types.get(0).findElement(Chromium.byTest("catalog-example")).getText())
                .contains("\"event\": \"" + types.get(0).getAttribute("data-type") + "\"");
        chromium.screenshot("catalog");
    }

    @Test
    void rangeReplayShowsTheCountBeforeSending() {
        TenantId tenant = TenantId.of("ranges");
        sender.registerEndpoint(tenant, EndpointRegistration.of(receiver.url("/ranges"), "*"));
        for (String email : List.of("a@example.com", "b@example.com", "c@example.com")) {
            sender.publish(tenant, openedEvent(email));
        }
        awaitSettled(tenant, 3);

        enter(tenant);
        chromium.route("#/replay", "replay");
        chromium.click("replay-preview");
        assertThat(chromium.visible("replay-count").getText()).isEqualTo("3 deliveries match.");
        assertThat(receiver.received("/ranges")).hasSize(3);
        chromium.screenshot("replay");

        chromium.click("replay-status-failed");
        assertThat(chromium.all("replay-count")).isEmpty();
        chromium.click("replay-preview");
        assertThat(chromium.visible("replay-count").getText()).isEqualTo("0 deliveries match.");
        chromium.click("replay-status-failed");
        chromium.click("replay-preview");
        chromium.withText("replay-confirm", "Replay 3 deliveries").click();
        assertThat(chromium.visible("replay-done").getText()).startsWith("Replaying 3 deliveries");
        await().atMost(WAIT).until(() -> receiver.received("/ranges").size() == 6);
    }

    @Test
    void validationProblemsNameTheirField() {
        enter(TenantId.of("typo"));
        chromium.route("#/endpoints", "endpoints");
        chromium.visible("endpoint-url").sendKeys("not a url");
        chromium.click("type-all");
        chromium.click("endpoint-submit");
        chromium.visible("problem");
        assertThat(chromium.visible("problem-field").getText()).startsWith("url:");
        assertThat(chromium.visible("field-error").getText()).isNotBlank();
    }

    @Test
    void pageWithoutSessionAnswers401AndALinkWorksOnce() throws Exception {
        URI link = linkFor(TenantId.of("once"));
        chromium.driver.manage().deleteAllCookies();
        assertThat(status(server.url())).isEqualTo(401);
        chromium.open(server.url().toString());
        assertThat(chromium.driver.findElement(By.tagName("body")).getText()).containsIgnoringCase("link");
        assertThat(chromium.all("view")).isEmpty();

        chromium.open(link.toString());
        chromium.visible("view-overview");
        assertThat(chromium.visible("tenant").getText()).isEqualTo("once");
        assertThat(status(link)).isEqualTo(401);
        chromium.consoleMessages(); // the refused pages logged their 401s; nothing else is asked of them
    }

    @Test
    void aCspViolationWouldBeReported() {
        enter(TenantId.of("csp"));
        chromium.assertNoCspViolation();
        ((JavascriptExecutor) chromium.driver).executeScript(
                "const s = document.createElement('script'); s.textContent = 'window.x = 1'; document.body.append(s);");
        await().atMost(WAIT).until(() -> chromium.consoleMessages().stream().anyMatch(Chromium::isCspViolation));
        assertThat(((JavascriptExecutor) chromium.driver).executeScript("return window.x === undefined")).isEqualTo(true);
    }

    /** Opens a fresh magic link for the tenant and waits for the page to know it. */
    private void enter(TenantId tenant) {
        chromium.open(linkFor(tenant).toString());
        chromium.withText("tenant", tenant.value());
        chromium.visible("view-overview");
    }

    private URI linkFor(TenantId tenant) {
        return server.linkFor(tenant, Duration.ofMinutes(5));
    }

    private void assertNothingInjected() {
        assertThatThrownBy(() -> chromium.driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertThat(chromium.driver.findElements(By.tagName("img"))).isEmpty();
        assertThat(chromium.driver.findElements(By.cssSelector("[onerror], [onload]"))).isEmpty();
        assertThat(chromium.driver.findElements(By.tagName("script"))).hasSize(1);
    }

    /** Waits until the tenant has that many deliveries, none of them pending or leased. */
    private void awaitSettled(TenantId tenant, int deliveries) {
        Set<DeliveryStatus> done = Set.of(DeliveryStatus.DELIVERED, DeliveryStatus.FAILED);
        await().atMost(WAIT).until(() -> {
            var items = sender.deliveries(tenant, DeliveryQuery.all()).items();
            return items.size() == deliveries
                    && items.stream().allMatch(d -> done.contains(d.status()) && d.leaseOwner() == null);
        });
    }

    private static WebhookEvent hostileEvent() {
        Subscriber subscriber = Subscriber.of("mallory@example.com", IMG, "lst_1");
        return WebhookEvent.of(EmailOpened.builder("msg_1", subscriber).userAgent(HOSTILE.get(1))
                .client(HOSTILE.get(2)).device(HOSTILE.get(3)).build());
    }

    private static WebhookEvent openedEvent(String email) {
        return WebhookEvent.of(EmailOpened.builder("msg_2", Subscriber.of(email)).client("Apple Mail").build());
    }

    /** How the text appears in pretty-printed JSON: quotes escaped, HTML characters as they are. */
    private static String asJsonString(String text) {
        return text.replace("\"", "\\\"");
    }

    private static int status(URI uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
