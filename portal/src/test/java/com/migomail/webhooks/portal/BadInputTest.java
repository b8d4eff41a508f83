package com.migomail.webhooks.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad input on every route that takes input: a problem+json answer with the status and the field named. */
class BadInputTest extends PortalTestSupport {
    private Browser browser;
    private String endpointId;
    private String eventId;

    @BeforeEach
    void signIn() {
        browser = signedIn(ACME);
        endpointId = createEndpoint(browser, "/ok", "*").get("endpoint").get("id").asText();
        eventId = testSendAndWait(browser, endpointId, "email.sent").get("id").asText();
    }

    @Test
    void createRefusesBadUrls() {
        assertField(browser.post("api/v1/endpoints", endpointBody("ftp://example.com/hook", "*")), 400, "url",
                "must be an absolute http or https URL");
        assertField(browser.post("api/v1/endpoints", endpointBody("not a url", "*")), 400, "url", "is not a valid URL");
        assertField(browser.post("api/v1/endpoints", endpointBody("/relative", "*")), 400, "url",
                "must be an absolute http or https URL");
        ObjectNode missing = endpointBody("x", "*");
        missing.remove("url");
        assertField(browser.post("api/v1/endpoints", missing), 400, "url", "is required");
    }

    @Test
    void createNamesTheUrlTheAddressPolicyRefuses() {
        WebhookPortal strict = WebhookPortal.builder().sender(strictSender()).signingKey(key(1)).publicUrl(PUBLIC_URL).build();
        PortalServer strictServer = serve(strict);
        Browser strictBrowser = signedIn(strictServer, strict, ACME);
        assertField(strictBrowser.post("api/v1/endpoints", endpointBody("https://127.0.0.1/hook", "*")), 400, "url",
                "refused: ");
    }

    @Test
    void createRefusesUnknownAndEmptyEventTypes() {
        assertField(browser.post("api/v1/endpoints", endpointBody(receiverUrl("/ok"), "email.opened", "email.read")), 400,
                "eventTypes[1]", "unknown event type \"email.read\"");
        assertField(browser.post("api/v1/endpoints", endpointBody(receiverUrl("/ok"))), 400, "eventTypes", "cannot be empty");
        ObjectNode missing = endpointBody(receiverUrl("/ok"), "*");
        missing.remove("eventTypes");
        assertField(browser.post("api/v1/endpoints", missing), 400, "eventTypes", "is required");
        ObjectNode notArray = endpointBody(receiverUrl("/ok"), "*");
        notArray.put("eventTypes", "email.opened");
        assertField(browser.post("api/v1/endpoints", notArray), 400, "eventTypes", "must be an array of strings");
    }

    @Test
    void createNamesEveryBadFieldAtOnce() {
        ObjectNode body = endpointBody("gopher://x", "nope");
        body.put("description", 5);
        body.put("secret", "whsec_mine");
        Browser.Answer answer = browser.post("api/v1/endpoints", body);
        assertProblem(answer, 400);
        assertThat(fieldsNamed(answer)).containsExactlyInAnyOrder("url", "eventTypes[0]", "description", "secret");
        assertThat(answer.json().get("detail").asText()).isEqualTo("4 fields are invalid; see errors");
    }

    @Test
    void bodiesMustBeJsonObjectsOfAtMost64KiB() {
        assertProblem(browser.send("api/v1/endpoints", "POST", "text/plain", "{}"), 415);
        assertProblem(browser.send("api/v1/endpoints", "POST", null, "{\"url\":\"x\"}"), 415);
        assertProblem(browser.send("api/v1/endpoints", "POST", "application/json; charset=iso-8859-1", "{}"), 415);
        assertField(browser.send("api/v1/endpoints", "POST", "application/json", "{\"url\":"), 400, "body", "is not valid JSON");
        assertField(browser.send("api/v1/endpoints", "POST", "application/json", "[1]"), 400, "body", "must be a JSON object");
        assertField(browser.send("api/v1/endpoints", "POST", "application/json", "{\"url\":1,\"url\":2}"), 400, "body",
                "Duplicate field");
        String large = "{\"description\":\"" + "a".repeat(64 * 1024) + "\"}";
        assertProblem(browser.send("api/v1/endpoints", "POST", "application/json", large), 413);
        assertProblem(browser.send("api/v1/endpoints/" + endpointId, "PUT", "text/plain", "{}"), 415);
        assertThat(sender.endpoints(ACME)).hasSize(1);
    }

    @Test
    void aClientSendingTooLargeABodyReadsThe413RatherThanAReset() {
        // Half a MiB: past what the JDK's server drains by itself, within what the portal drops.
        String large = "{\"description\":\"" + "a".repeat(512 * 1024) + "\"}";
        for (int round = 0; round < 20; round++) {
            assertProblem(browser.send("api/v1/endpoints", "POST", "application/json", large), 413);
        }
        assertThat(sender.endpoints(ACME)).hasSize(1);
    }

    @Test
    void putRefusesBadInputAndChangesNothing() {
        assertField(browser.put("api/v1/endpoints/" + endpointId, endpointBody("mailto:a@b.c", "*")), 400, "url",
                "must be an absolute http or https URL");
        assertField(browser.put("api/v1/endpoints/" + endpointId, endpointBody(receiverUrl("/x"), "*", "emails.*")), 400,
                "eventTypes[1]", "unknown event type");
        assertThat(sender.endpoint(ACME, endpointId).orElseThrow().url()).isEqualTo(receiverUrl("/ok"));
    }

    @Test
    void disableRotateAndEnableRefuseFieldsTheyDoNotTake() {
        assertField(browser.post("api/v1/endpoints/" + endpointId + "/disable", JSON.createObjectNode().put("reason", 3)),
                400, "reason", "must be a string");
        assertField(browser.post("api/v1/endpoints/" + endpointId + "/disable",
                JSON.createObjectNode().put("reason", "x".repeat(501))), 400, "reason", "at most 500");
        assertField(browser.post("api/v1/endpoints/" + endpointId + "/rotate-secret",
                JSON.createObjectNode().put("overlap", "1h")), 400, "overlap", "unknown field");
        assertField(browser.post("api/v1/endpoints/" + endpointId + "/enable",
                JSON.createObjectNode().put("replay", true)), 400, "replay", "unknown field");
        assertProblem(browser.send("api/v1/endpoints/" + endpointId + "/rotate-secret", "POST", "text/plain", "{}"), 415);
        assertThat(sender.endpoint(ACME, endpointId).orElseThrow().secrets()).hasSize(1);
        assertThat(sender.endpoint(ACME, endpointId).orElseThrow().enabled()).isTrue();
    }

    @Test
    void testSendNeedsAKnownType() {
        assertField(browser.post("api/v1/endpoints/" + endpointId + "/test", JSON.createObjectNode().put("type", "email.read")),
                400, "type", "unknown event type \"email.read\"; one of email.sent, email.opened");
        assertField(browser.post("api/v1/endpoints/" + endpointId + "/test", JSON.createObjectNode()), 400, "type",
                "is required");
    }

    @Test
    void testSendToADisabledEndpointIsAConflict() {
        browser.post("api/v1/endpoints/" + endpointId + "/disable", JSON.createObjectNode());
        assertProblem(browser.post("api/v1/endpoints/" + endpointId + "/test", JSON.createObjectNode().put("type", "email.sent")),
                409);
    }

    @Test
    void eventsRefusesBadFilters() {
        assertField(browser.get("api/v1/events?from=yesterday"), 400, "from", "is not an ISO-8601 time");
        assertField(browser.get("api/v1/events?to=2026-13-01T00:00:00Z"), 400, "to", "is not an ISO-8601 time");
        assertField(browser.get("api/v1/events?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z"), 400, "to", "is before from");
        assertField(browser.get("api/v1/events?limit=0"), 400, "limit", "must be a whole number from 1 to 100");
        assertField(browser.get("api/v1/events?limit=101"), 400, "limit", "from 1 to 100");
        assertField(browser.get("api/v1/events?limit=ten"), 400, "limit", "got \"ten\"");
        assertField(browser.get("api/v1/events?limit=1&limit=2"), 400, "limit", "given 2 times");
        assertField(browser.get("api/v1/events?cursor=bm90LWEtY3Vyc29y"), 400, "cursor", "is not a cursor of this log");
        assertField(browser.get("api/v1/events?status=lost"), 400, "status",
                "unknown status \"lost\"; one of pending, delivered, failed, skipped, cancelled");
        assertField(browser.get("api/v1/events?type=email.read"), 400, "type", "unknown event type");
        assertField(browser.get("api/v1/events?page=2"), 400, "page", "unknown query parameter");
    }

    @Test
    void replayOfAnEventRefusesABadEndpointId() {
        assertField(browser.post("api/v1/events/" + eventId + "/replay", JSON.createObjectNode().put("endpointId", 1)),
                400, "endpointId", "must be a string");
    }

    @Test
    void rangeReplaysRefuseBadRangesTypesAndStatuses() {
        for (String route : List.of("api/v1/replays/preview", "api/v1/replays")) {
            assertField(browser.post(route, JSON.createObjectNode().put("to", Instant.now().toString())), 400, "from", "is required");
            assertField(browser.post(route, range("last week", Instant.now().toString())), 400, "from", "is not an ISO-8601 time");
            assertField(browser.post(route, range("2026-03-02T00:00:00Z", "2026-03-01T00:00:00Z")), 400, "to", "is before from");
            ObjectNode badType = range("2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z");
            badType.putArray("types").add("email.opened").add("sms.sent");
            assertField(browser.post(route, badType), 400, "types[1]", "unknown event type \"sms.sent\"");
            ObjectNode badStatus = range("2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z");
            badStatus.putArray("statuses").add("FAILED");
            assertField(browser.post(route, badStatus), 400, "statuses[0]", "unknown status \"FAILED\"");
            assertProblem(browser.send(route, "POST", "application/x-www-form-urlencoded", "from=x"), 415);
        }
    }

    @Test
    void statsRefusesAnUnknownRange() {
        assertField(browser.get("api/v1/stats?range=30d"), 400, "range", "must be 24h or 7d, got \"30d\"");
        assertField(browser.get("api/v1/stats?days=7"), 400, "days", "unknown query parameter");
    }

    @Test
    void aWrongMethodIs405WithAllow() {
        Browser.Answer answer = browser.send("api/v1/endpoints", "PATCH", "application/json", "{}");
        assertProblem(answer, 405);
        assertThat(answer.header("Allow")).contains("GET, HEAD, POST");
        assertThat(browser.delete("api/v1/session").header("Allow")).contains("GET, HEAD");
        assertThat(browser.send("api/v1/endpoints/" + endpointId, "POST", "application/json", "{}").header("Allow"))
                .contains("GET, HEAD, PUT, DELETE");
    }

    @Test
    void anUnknownRouteIs404() {
        assertProblem(browser.get("api/v1/deliveries"), 404);
        assertProblem(browser.get("api/v2/endpoints"), 404);
        assertProblem(browser.get("api/v1/endpoints/" + endpointId + "/secret"), 404);
    }

    private ObjectNode range(String from, String to) {
        return JSON.createObjectNode().put("from", from).put("to", to);
    }

    private com.migomail.webhooks.delivery.WebhookSender strictSender() {
        return closeLater(com.migomail.webhooks.delivery.WebhookSender.builder().store(store).build());
    }

    static void assertProblem(Browser.Answer answer, int status) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        JsonNode problem = answer.json();
        assertThat(problem.get("type").asText()).isEqualTo("about:blank");
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).isNotBlank();
        assertThat(problem.has("errors")).isEqualTo(status == 400);
    }

    static void assertField(Browser.Answer answer, int status, String field, String messagePart) {
        assertProblem(answer, status);
        JsonNode errors = answer.json().get("errors");
        assertThat(errors).as(answer.toString()).hasSize(1);
        assertThat(errors.get(0).get("field").asText()).isEqualTo(field);
        assertThat(errors.get(0).get("message").asText()).contains(messagePart);
        assertThat(answer.json().get("detail").asText()).isEqualTo(field + ": " + errors.get(0).get("message").asText());
    }

    static List<String> fieldsNamed(Browser.Answer answer) {
        List<String> names = new ArrayList<>();
        answer.json().get("errors").forEach(error -> names.add(error.get("field").asText()));
        return names;
    }
}
