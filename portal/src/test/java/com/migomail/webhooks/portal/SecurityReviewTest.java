package com.migomail.webhooks.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.migomail.webhooks.delivery.EndpointAddressPolicy;
import com.migomail.webhooks.delivery.WebhookSender;
import com.migomail.webhooks.store.WebhookStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Regression tests of the portal's security review: each failed before its fix. */
class SecurityReviewTest extends PortalTestSupport {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aRefusedUrlIsAnsweredWithTheReasonButNotTheAddressItsHostResolvedTo() throws Exception {
        InetAddress internal = InetAddress.getByName("10.20.30.40");
        WebhookSender refusing = closeLater(WebhookSender.builder().store(WebhookStore.inMemory())
                .addressPolicy(EndpointAddressPolicy.allowLoopbackForTesting().withResolver(host -> List.of(internal)))
                .build());
        WebhookPortal refusingPortal = WebhookPortal.builder().sender(refusing).signingKey(key(1)).publicUrl(PUBLIC_URL).build();
        Browser browser = signedIn(serve(refusingPortal), refusingPortal, ACME);
        Browser.Answer answer = browser.post("api/v1/endpoints",
                endpointBody("https://hooks.internal.example/in", "email.opened"));
        BadInputTest.assertProblem(answer, 400);
        JsonNode error = answer.json().get("errors").get(0);
        assertThat(error.get("field").asText()).isEqualTo("url");
        assertThat(error.get("message").asText()).contains("private network");
        assertThat(answer.body()).doesNotContain("10.20.30.40").doesNotContain("10.0.0.0/8");
    }

    @Test
    void aHeadRequestOfALoginLinkDoesNotUseTheLink() {
        URI link = portal.linkFor(ACME, Duration.ofMinutes(5));
        Browser scanner = new Browser(server.url());
        Browser.Answer head = scanner.head("login?" + link.getRawQuery());
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Set-Cookie")).isEmpty();
        Browser browser = new Browser(server.url());
        assertThat(browser.openLink(link).status()).isEqualTo(200);
        assertThat(browser.get("api/v1/session").json().get("tenant").asText()).isEqualTo("acme");
    }

    @Test
    void aHeadRequestOfABadLinkIs401() {
        assertThat(new Browser(server.url()).head("login?token=garbage").status()).isEqualTo(401);
    }

    /** Many simultaneous logins with one link: exactly one gets a session, every round. */
    @Test
    void simultaneousLoginsWithOneLinkLetExactlyOneIn() throws Exception {
        int contenders = 8;
        ExecutorService threads = Executors.newFixedThreadPool(contenders);
        try {
            for (int round = 0; round < 40; round++) {
                URI link = portal.linkFor(ACME, Duration.ofMinutes(5));
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Browser.Answer>> answers = new ArrayList<>();
                for (int i = 0; i < contenders; i++) {
                    Callable<Browser.Answer> login = () -> {
                        Browser browser = new Browser(server.url());
                        start.await();
                        return browser.openLink(link);
                    };
                    answers.add(threads.submit(login));
                }
                start.countDown();
                int signedIn = 0;
                for (Future<Browser.Answer> answer : answers) {
                    Browser.Answer got = answer.get();
                    if (got.status() == 200) {
                        signedIn++;
                        assertThat(got.header("Set-Cookie")).isPresent();
                    } else {
                        assertThat(got.status()).isEqualTo(401);
                        assertThat(got.header("Set-Cookie")).isEmpty();
                    }
                }
                assertThat(signedIn).as("round %d", round).isEqualTo(1);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aStaticFileOfAnUnknownTypeIsNotServed() {
        Browser browser = signedIn(ACME);
        assertThat(browser.get("assets/test-fixture.js").status()).as("a known type next to it").isEqualTo(200);
        BadInputTest.assertProblem(browser.get("assets/test-fixture.dat"), 404);
    }

    @Test
    void anEncodedSlashInThePathIsRefusedAndChangesNothing() {
        Browser browser = signedIn(ACME);
        String id = createEndpoint(browser, "/ok", "*").get("endpoint").get("id").asText();
        HttpResponse<String> answer = send(browser, "POST", "api/v1/endpoints/" + id + "%2Fdisable", "{}");
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(browser.get("api/v1/endpoints/" + id).json().get("enabled").asBoolean()).isTrue();
    }

    /** Paths a container or adapter could read differently; both adapters answer them alike. */
    static final List<String> REFUSED_PATHS = List.of("assets/..%2findex.html", "assets/%2e%2e/index.html",
            "assets/a%5C..%5Cindex.html", "assets/app.css%00.js", "api/v1/endpoints/a%0d%0aX-Injected:%201",
            "api//v1/session", "api/v1/endpoints/x%2F..%2F..%2Fsession");

    @Test
    void encodedSeparatorsEncodedDotSegmentsEmptySegmentsAndControlCharactersInThePathAreRefused() {
        Browser browser = signedIn(ACME);
        for (String path : REFUSED_PATHS) {
            HttpResponse<String> answer = send(browser, "GET", path, null);
            assertThat(answer.statusCode()).as(path).isEqualTo(400);
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            assertThat(answer.body()).as(path).doesNotContain("Injected");
        }
    }

    /** Literal dot segments are resolved as servlet containers resolve them, so both adapters route alike. */
    @Test
    void literalDotSegmentsAreResolvedBeforeRouting() {
        Browser browser = signedIn(ACME);
        for (String path : List.of("api/v1/x/../session", "api/v1/./session")) {
            HttpResponse<String> answer = send(browser, "GET", path, null);
            assertThat(answer.statusCode()).as(path).isEqualTo(200);
            assertThat(json(answer.body()).get("tenant").asText()).isEqualTo("acme");
        }
        assertThat(send(browser, "GET", "../api/v1/session", null).statusCode()).isEqualTo(400);
    }

    @Test
    void anOverlongQueryIsRefused() {
        Browser browser = signedIn(ACME);
        String query = "type=email.opened&".repeat(500);
        Browser.Answer answer = browser.get("api/v1/events?" + query);
        BadInputTest.assertProblem(answer, 414);
        assertThat(browser.get("api/v1/events?" + "type=email.opened&".repeat(100)).status()).isEqualTo(200);
    }

    /** A request whose URI is sent exactly as written (no resolution or normalization of dot segments). */
    static HttpResponse<String> send(Browser browser, String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(browser.base() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Cookie", Browser.COOKIE + "=" + browser.cookie)
                .header("X-CSRF-Token", browser.csrfToken);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
