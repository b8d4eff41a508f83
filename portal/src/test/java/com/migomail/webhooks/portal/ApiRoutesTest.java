package com.migomail.webhooks.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.migomail.webhooks.core.EventCodec;
import com.migomail.webhooks.core.EventType;
import com.migomail.webhooks.core.WebhookEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Every route of the API, happy path, over real HTTP, with the JSON shapes of the design. */
class ApiRoutesTest extends PortalTestSupport {
    private static final Set<String> ENDPOINT_FIELDS = Set.of("id", "url", "description", "eventTypes", "enabled",
            "disabledReason", "failingSince", "createdAt", "updatedAt", "secrets", "health");
    private static final Set<String> ATTEMPT_FIELDS = Set.of("number", "startedAt", "latencyMs", "statusCode", "error",
            "responseExcerpt");

    @Test
    void sessionNamesTheTenantItsCsrfTokenAndExpiry() {
        Browser browser = signedIn(ACME);
        JsonNode session = browser.get("api/v1/session").json();
        assertThat(fields(session)).containsExactlyInAnyOrder("tenant", "csrfToken", "expiresAt");
        assertThat(session.get("tenant").asText()).isEqualTo("acme");
        assertThat(session.get("csrfToken").asText()).matches("[A-Za-z0-9_-]{43}");
        assertThat(Instant.parse(session.get("expiresAt").asText()))
                .isBetween(Instant.now().plus(Duration.ofHours(11)), Instant.now().plus(Duration.ofHours(12)));
    }

    @Test
    void eventTypesListsAllTwelveWithDescriptionsAndWireFormatExamples() {
        JsonNode items = signedIn(ACME).get("api/v1/event-types").json().get("items");
        assertThat(items).hasSize(12);
        List<String> types = new ArrayList<>();
        for (JsonNode item : items) {
            assertThat(fields(item)).containsExactlyInAnyOrder("type", "description", "example");
            types.add(item.get("type").asText());
            assertThat(item.get("description").asText()).endsWith(".");
            WebhookEvent example = EventCodec.read(item.get("example").toString());
            assertThat(example.type()).isEqualTo(item.get("type").asText());
            assertThat(item.get("example").get("event").asText()).isEqualTo(example.type());
        }
        assertThat(types).containsExactlyElementsOf(Arrays.stream(EventType.values()).map(EventType::wireName).toList());
        assertThat(items.get(1).get("description").asText()).isEqualTo("Opened by the recipient.");
    }

    @Test
    void createAnswersTheEndpointAndItsSecretOnce() {
        Browser browser = signedIn(ACME);
        Browser.Answer created = browser.post("api/v1/endpoints",
                endpointBody(receiverUrl("/ok"), "email.opened", "email.clicked"));
        assertThat(created.status()).isEqualTo(201);
        JsonNode body = created.json();
        assertThat(fields(body)).containsExactlyInAnyOrder("endpoint", "secret");
        assertThat(body.get("secret").asText()).startsWith("whsec_");
        JsonNode endpoint = body.get("endpoint");
        assertEndpointShape(endpoint);
        assertThat(endpoint.get("url").asText()).isEqualTo(receiverUrl("/ok"));
        assertThat(endpoint.get("eventTypes")).extracting(JsonNode::asText).containsExactly("email.opened", "email.clicked");
        assertThat(endpoint.get("description").asText()).isEqualTo("orders service");
        assertThat(endpoint.get("enabled").asBoolean()).isTrue();
        assertThat(endpoint.get("secrets")).hasSize(1);
        assertThat(fields(endpoint.get("secrets").get(0))).containsExactlyInAnyOrder("createdAt", "expiresAt");
        assertThat(endpoint.get("health").get("attempts24h").asLong()).isZero();
        assertThat(endpoint.get("health").get("successRate24h").isNull()).isTrue();
        assertThat(endpoint.get("health").get("lastAttempt").isNull()).isTrue();
        assertThat(sender.endpoint(ACME, endpoint.get("id").asText())).isPresent();
    }

    @Test
    void listGivesTheTenantsEndpointsOldestFirstWithHealth() {
        Browser browser = signedIn(ACME);
        String first = createEndpoint(browser, "/ok", "*").get("endpoint").get("id").asText();
        String second = createEndpoint(browser, "/fail", "*").get("endpoint").get("id").asText();
        testSendAndWait(browser, first, "email.sent");
        JsonNode items = browser.get("api/v1/endpoints").json().get("items");
        assertThat(items).extracting(item -> item.get("id").asText()).containsExactly(first, second);
        items.forEach(ApiRoutesTest::assertEndpointShape);
        JsonNode health = items.get(0).get("health");
        assertThat(health.get("attempts24h").asLong()).isEqualTo(1);
        assertThat(health.get("successRate24h").asDouble()).isEqualTo(1.0);
        assertThat(fields(health.get("lastAttempt"))).containsExactlyInAnyOrderElementsOf(ATTEMPT_FIELDS);
        assertThat(health.get("lastAttempt").get("statusCode").asInt()).isEqualTo(200);
    }

    @Test
    void getAnswersOneEndpoint() {
        Browser browser = signedIn(ACME);
        String id = createEndpoint(browser, "/ok", "*").get("endpoint").get("id").asText();
        Browser.Answer answer = browser.get("api/v1/endpoints/" + id);
        assertThat(answer.status()).isEqualTo(200);
        assertEndpointShape(answer.json());
        assertThat(answer.json().get("id").asText()).isEqualTo(id);
    }

    @Test
    void putReplacesUrlTypesAndDescription() {
        Browser browser = signedIn(ACME);
        String id = createEndpoint(browser, "/ok", "*").get("endpoint").get("id").asText();
        ObjectNode body = endpointBody(receiverUrl("/ok/v2"), "email.*");
        body.put("description", "v2");
        Browser.Answer answer = browser.put("api/v1/endpoints/" + id, body);
        assertThat(answer.status()).isEqualTo(200);
        assertEndpointShape(answer.json());
        assertThat(answer.json().get("url").asText()).isEqualTo(receiverUrl("/ok/v2"));
        assertThat(answer.json().get("eventTypes")).extracting(JsonNode::asText).containsExactly("email.*");
        assertThat(sender.endpoint(ACME, id).orElseThrow().description()).isEqualTo("v2");
    }

    @Test
    void deleteAnswers204AndTheEndpointIsGone() {
        Browser browser = signedIn(ACME);
        String id = createEndpoint(browser, "/ok", "*").get("endpoint").get("id").asText();
        Browser.Answer answer = browser.delete("api/v1/endpoints/" + id);
        assertThat(answer.status()).isEqualTo(204);
        assertThat(answer.body()).isEmpty();
        assertThat(sender.endpoint(ACME, id)).isEmpty();
        assertThat(browser.get("api/v1/endpoints/" + id).status()).isEqualTo(404);
    }

    @Test
    void rotateAnswersTheNewSecretAndWhenThePreviousExpires() {
        Browser browser = signedIn(ACME);
        JsonNode created = createEndpoint(browser, "/ok", "*");
        String id = created.get("endpoint").get("id").asText();
        Browser.Answer answer = browser.post("api/v1/endpoints/" + id + "/rotate-secret", JSON.createObjectNode());
        assertThat(answer.status()).isEqualTo(200);
        JsonNode body = answer.json();
        assertThat(fields(body)).containsExactlyInAnyOrder("endpoint", "secret", "previousSecretExpiresAt");
        assertThat(body.get("secret").asText()).startsWith("whsec_").isNotEqualTo(created.get("secret").asText());
        Instant expires = Instant.parse(body.get("previousSecretExpiresAt").asText());
        assertThat(expires).isBetween(Instant.now().plus(Duration.ofHours(23)), Instant.now().plus(Duration.ofHours(24)));
        assertThat(body.get("endpoint").get("secrets")).hasSize(2);
        assertThat(body.get("endpoint").get("secrets").get(0).get("expiresAt").asText()).isEqualTo(expires.toString());
    }

    @Test
    void disableStoresTheReason() {
        Browser browser = signedIn(ACME);
        String id = createEndpoint(browser, "/ok", "*").get("endpoint").get("id").asText();
        Browser.Answer answer = browser.post("api/v1/endpoints/" + id + "/disable",
                JSON.createObjectNode().put("reason", "maintenance"));
        assertThat(answer.status()).isEqualTo(200);
        assertEndpointShape(answer.json());
        assertThat(answer.json().get("enabled").asBoolean()).isFalse();
        assertThat(answer.json().get("disabledReason").asText()).isEqualTo("maintenance");
    }

    @Test
    void enableCountsTheDeliveriesSkippedWhileDisabled() {
        Browser browser = signedIn(ACME);
        String id = createEndpoint(browser, "/ok", "*").get("endpoint").get("id").asText();
        Browser.Answer disabled = browser.post("api/v1/endpoints/" + id + "/disable", JSON.createObjectNode());
        Instant disabledAt = Instant.parse(disabled.json().get("updatedAt").asText());
        sender.publish(ACME, WebhookEvent.of(ExampleData.opened()));
        sender.publish(ACME, WebhookEvent.of(ExampleData.opened()));
        Browser.Answer answer = browser.post("api/v1/endpoints/" + id + "/enable", JSON.createObjectNode());
        assertThat(answer.status()).isEqualTo(200);
        JsonNode body = answer.json();
        assertThat(fields(body)).containsExactlyInAnyOrder("endpoint", "skippedSince", "skippedCount");
        assertThat(body.get("endpoint").get("enabled").asBoolean()).isTrue();
        assertThat(body.get("skippedSince").asText()).isEqualTo(disabledAt.truncatedTo(ChronoUnit.SECONDS).toString());
        assertThat(body.get("skippedCount").asInt()).isEqualTo(2);
    }

    @Test
    void enableOfAnEnabledEndpointSkippedNothing() {
        Browser browser = signedIn(ACME);
        String id = createEndpoint(browser, "/ok", "*").get("endpoint").get("id").asText();
        JsonNode body = browser.post("api/v1/endpoints/" + id + "/enable", JSON.createObjectNode()).json();
        assertThat(body.get("skippedSince").isNull()).isTrue();
        assertThat(body.get("skippedCount").asInt()).isZero();
    }

    @Test
    void testSendDeliversAnExampleEventAndItsAttemptShowsInTheEvent() {
        Browser browser = signedIn(ACME);
        String id = createEndpoint(browser, "/ok", "email.opened").get("endpoint").get("id").asText();
        Browser.Answer sent = browser.post("api/v1/endpoints/" + id + "/test",
                JSON.createObjectNode().put("type", "campaign.sent"));
        assertThat(sent.status()).isEqualTo(202);
        assertThat(fields(sent.json())).containsExactlyInAnyOrder("eventId", "deliveryId");
        String eventId = sent.json().get("eventId").asText();
        JsonNode event = testSendAndWaitFor(browser, eventId);
        assertThat(event.get("type").asText()).isEqualTo("campaign.sent");
        JsonNode delivery = event.get("deliveries").get(0);
        assertThat(delivery.get("id").asText()).isEqualTo(sent.json().get("deliveryId").asText());
        assertThat(delivery.get("status").asText()).isEqualTo("delivered");
        JsonNode attempt = delivery.get("attempts").get(0);
        assertThat(attempt.get("statusCode").asInt()).isEqualTo(200);
        assertThat(attempt.get("responseExcerpt").asText()).isEqualTo("thanks");
        assertThat(received.get("/ok").get()).isEqualTo(1);
    }

    @Test
    void eventsListsNewestFirstWithDeliveryCountsAndPagesByCursor() {
        Browser browser = signedIn(ACME);
        createEndpoint(browser, "/ok", "*");
        List<String> ids = new ArrayList<>();
        Instant base = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < 3; i++) {
            WebhookEvent event = new WebhookEvent(WebhookEvent.of(ExampleData.opened()).id(), base.plusSeconds(i),
                    ExampleData.opened());
            ids.add(sender.publish(ACME, event).eventId());
        }
        Browser.Answer first = browser.get("api/v1/events?limit=2");
        assertThat(first.status()).isEqualTo(200);
        JsonNode page = first.json();
        assertThat(fields(page)).containsExactlyInAnyOrder("items", "nextCursor");
        assertThat(page.get("items")).extracting(item -> item.get("id").asText()).containsExactly(ids.get(2), ids.get(1));
        JsonNode summary = page.get("items").get(0);
        assertThat(fields(summary)).containsExactlyInAnyOrder("id", "type", "timestamp", "deliveries");
        assertThat(fields(summary.get("deliveries")))
                .containsExactlyInAnyOrder("pending", "delivered", "failed", "skipped", "cancelled");
        assertThat(summary.get("deliveries").get("pending").asInt() + summary.get("deliveries").get("delivered").asInt())
                .isEqualTo(1);
        assertThat(summary.get("timestamp").asText()).isEqualTo(base.plusSeconds(2).toString());
        String cursor = page.get("nextCursor").asText();
        JsonNode second = browser.get("api/v1/events?limit=2&cursor=" + java.net.URLEncoder.encode(cursor,
                java.nio.charset.StandardCharsets.UTF_8)).json();
        assertThat(second.get("items")).extracting(item -> item.get("id").asText()).containsExactly(ids.get(0));
        assertThat(second.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void eventsFilterByTypeStatusEndpointAndTime() {
        Browser browser = signedIn(ACME);
        String ok = createEndpoint(browser, "/ok", "*").get("endpoint").get("id").asText();
        String failing = createEndpoint(browser, "/fail", "email.clicked").get("endpoint").get("id").asText();
        String opened = sender.publish(ACME, WebhookEvent.of(ExampleData.opened())).eventId();
        String clicked = sender.publish(ACME, WebhookEvent.of(ExampleData.clicked())).eventId();
        await().atMost(WAIT).until(() -> ids(browser.get("api/v1/events?status=failed").json()).contains(clicked));
        assertThat(ids(browser.get("api/v1/events?type=email.opened").json())).containsExactly(opened);
        assertThat(ids(browser.get("api/v1/events?type=email.opened&type=email.clicked").json()))
                .containsExactlyInAnyOrder(opened, clicked);
        assertThat(ids(browser.get("api/v1/events?status=failed").json())).containsExactly(clicked);
        assertThat(ids(browser.get("api/v1/events?endpoint=" + failing).json())).containsExactly(clicked);
        assertThat(ids(browser.get("api/v1/events?endpoint=" + ok).json())).containsExactlyInAnyOrder(opened, clicked);
        String later = Instant.now().plus(Duration.ofHours(1)).toString();
        assertThat(ids(browser.get("api/v1/events?from=" + later + "&to=" + Instant.now().plus(Duration.ofHours(2)))
                .json())).isEmpty();
    }

    @Test
    void eventDetailCarriesTheExactBodyAndEveryDeliveryWithItsAttempts() {
        Browser browser = signedIn(ACME);
        String ok = createEndpoint(browser, "/ok", "*").get("endpoint").get("id").asText();
        String failing = createEndpoint(browser, "/fail", "*").get("endpoint").get("id").asText();
        WebhookEvent event = WebhookEvent.of(ExampleData.opened());
        sender.publish(ACME, event);
        await().atMost(WAIT).until(() -> {
            JsonNode detail = browser.get("api/v1/events/" + event.id()).json();
            return statuses(detail).containsAll(List.of("delivered", "failed"));
        });
        JsonNode detail = browser.get("api/v1/events/" + event.id()).json();
        assertThat(fields(detail)).containsExactlyInAnyOrder("id", "type", "timestamp", "storedAt", "body", "deliveries");
        assertThat(detail.get("body").asText()).isEqualTo(EventCodec.writeString(event));
        assertThat(detail.get("timestamp").asText()).isEqualTo(event.timestamp().toString());
        for (JsonNode delivery : detail.get("deliveries")) {
            assertThat(fields(delivery)).containsExactlyInAnyOrder("id", "endpointId", "endpointUrl", "status",
                    "attemptCount", "nextAttemptAt", "replay", "createdAt", "attempts");
            delivery.get("attempts").forEach(attempt -> assertThat(fields(attempt)).containsExactlyInAnyOrderElementsOf(ATTEMPT_FIELDS));
            String endpointId = delivery.get("endpointId").asText();
            assertThat(delivery.get("endpointUrl").asText()).isEqualTo(receiverUrl(endpointId.equals(ok) ? "/ok" : "/fail"));
        }
        JsonNode failed = detail.get("deliveries").findParents("endpointId").stream()
                .filter(d -> d.get("endpointId").asText().equals(failing)).findFirst().orElseThrow();
        assertThat(failed.get("attemptCount").asInt()).isEqualTo(2);
        assertThat(failed.get("attempts")).hasSize(2);
        assertThat(failed.get("attempts").get(1).get("statusCode").asInt()).isEqualTo(500);
        assertThat(failed.get("attempts").get(1).get("responseExcerpt").asText()).isEqualTo("nope");
        assertThat(failed.get("replay").asBoolean()).isFalse();
    }

    @Test
    void replayOfOneEventToAllItsEndpointsOrOne() {
        Browser browser = signedIn(ACME);
        String ok = createEndpoint(browser, "/ok", "*").get("endpoint").get("id").asText();
        createEndpoint(browser, "/ok/second", "*");
        JsonNode event = testSendAndWait(browser, ok, "email.opened");
        String eventId = event.get("id").asText();
        Browser.Answer one = browser.post("api/v1/events/" + eventId + "/replay", JSON.createObjectNode().put("endpointId", ok));
        assertThat(one.status()).isEqualTo(200);
        assertThat(fields(one.json())).containsExactlyInAnyOrder("count", "deliveryIds");
        assertThat(one.json().get("count").asInt()).isEqualTo(1);
        await().atMost(WAIT).until(() -> received.get("/ok").get() == 2);
        Browser.Answer all = browser.post("api/v1/events/" + eventId + "/replay", JSON.createObjectNode());
        assertThat(all.json().get("count").asInt()).isEqualTo(1);
        assertThat(all.json().get("deliveryIds")).hasSize(1);
    }

    @Test
    void replayPreviewCountsAndReplayRearmsTheRange() {
        Browser browser = signedIn(ACME);
        String failing = createEndpoint(browser, "/fail", "*").get("endpoint").get("id").asText();
        String eventId = sender.publish(ACME, WebhookEvent.of(ExampleData.opened())).eventId();
        sender.publish(ACME, WebhookEvent.of(ExampleData.clicked()));
        await().atMost(WAIT).until(() -> ids(browser.get("api/v1/events?status=failed").json()).size() == 2);
        ObjectNode range = JSON.createObjectNode()
                .put("from", Instant.now().minus(Duration.ofHours(1)).toString())
                .put("to", Instant.now().plus(Duration.ofMinutes(1)).toString())
                .put("endpointId", failing);
        range.putArray("statuses").add("failed");
        range.putArray("types").add("email.opened");
        Browser.Answer preview = browser.post("api/v1/replays/preview", range);
        assertThat(preview.status()).isEqualTo(200);
        assertThat(fields(preview.json())).containsExactly("count");
        assertThat(preview.json().get("count").asInt()).isEqualTo(1);
        Browser.Answer replay = browser.post("api/v1/replays", range);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(fields(replay.json())).containsExactlyInAnyOrder("count", "deliveryIds", "lastDueAt");
        assertThat(replay.json().get("count").asInt()).isEqualTo(1);
        assertThat(replay.json().get("lastDueAt").isNull()).isFalse();
        await().atMost(WAIT).until(() -> browser.get("api/v1/events/" + eventId).json().get("deliveries").get(0)
                .get("attempts").size() >= 3);
        assertThat(browser.get("api/v1/events/" + eventId).json().get("deliveries").get(0).get("replay").asBoolean()).isTrue();
    }

    @Test
    void statsHasEveryHourOfTheRangeWithTheOutcomes() {
        Browser browser = signedIn(ACME);
        String ok = createEndpoint(browser, "/ok", "*").get("endpoint").get("id").asText();
        String failing = createEndpoint(browser, "/fail", "*").get("endpoint").get("id").asText();
        String eventId = sender.publish(ACME, WebhookEvent.of(ExampleData.opened())).eventId();
        await().atMost(WAIT).until(() -> statuses(browser.get("api/v1/events/" + eventId).json())
                .containsAll(List.of("delivered", "failed")));
        JsonNode day = browser.get("api/v1/stats").json();
        assertThat(fields(day)).containsExactlyInAnyOrder("from", "to", "bucketMs", "buckets");
        assertThat(day.get("bucketMs").asLong()).isEqualTo(3_600_000);
        Instant to = Instant.parse(day.get("to").asText());
        assertThat(to).isEqualTo(to.truncatedTo(ChronoUnit.HOURS)).isAfterOrEqualTo(Instant.now().minusSeconds(5));
        assertThat(Instant.parse(day.get("from").asText())).isEqualTo(to.minus(Duration.ofHours(24)));
        assertThat(day.get("buckets")).hasSize(24);
        JsonNode last = day.get("buckets").get(23);
        assertThat(fields(last)).containsExactlyInAnyOrder("start", "succeeded", "retried", "failed");
        assertThat(last.get("start").asText()).isEqualTo(to.minus(Duration.ofHours(1)).toString());
        assertThat(List.of(last.get("succeeded").asLong(), last.get("retried").asLong(), last.get("failed").asLong()))
                .containsExactly(1L, 1L, 1L);
        assertThat(day.get("buckets").get(0).get("succeeded").asLong()).isZero();
        assertThat(browser.get("api/v1/stats?range=7d").json().get("buckets")).hasSize(168);
        JsonNode onlyOk = browser.get("api/v1/stats?endpoint=" + ok).json().get("buckets").get(23);
        assertThat(List.of(onlyOk.get("succeeded").asLong(), onlyOk.get("retried").asLong(), onlyOk.get("failed").asLong()))
                .containsExactly(1L, 0L, 0L);
        assertThat(browser.get("api/v1/stats?endpoint=" + failing).json().get("buckets").get(23).get("failed").asLong())
                .isEqualTo(1);
    }

    @Test
    void openApiDocumentIsServed() {
        Browser.Answer answer = signedIn(ACME).get("api/v1/openapi.json");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).isEqualTo("application/json");
        assertThat(answer.json().get("openapi").asText()).isEqualTo("3.1.0");
    }

    @Test
    void headAnswersAGetRouteWithoutBody() {
        Browser browser = signedIn(ACME);
        Browser.Answer answer = browser.head("api/v1/session");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEmpty();
    }

    private JsonNode testSendAndWaitFor(Browser browser, String eventId) {
        await().atMost(WAIT).until(() -> {
            JsonNode deliveries = browser.get("api/v1/events/" + eventId).json().get("deliveries");
            return deliveries.size() == 1 && deliveries.get(0).get("attempts").size() == 1;
        });
        return browser.get("api/v1/events/" + eventId).json();
    }

    static void assertEndpointShape(JsonNode endpoint) {
        assertThat(fields(endpoint)).containsExactlyInAnyOrderElementsOf(ENDPOINT_FIELDS);
        assertThat(fields(endpoint.get("health"))).containsExactlyInAnyOrder("attempts24h", "successRate24h", "lastAttempt");
        assertThat(endpoint.get("id").asText()).startsWith("ep_");
        Instant.parse(endpoint.get("createdAt").asText());
        Instant.parse(endpoint.get("updatedAt").asText());
    }

    static Set<String> fields(JsonNode node) {
        Set<String> names = new TreeSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            names.add(it.next());
        }
        return names;
    }

    static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    static List<String> statuses(JsonNode detail) {
        List<String> statuses = new ArrayList<>();
        detail.get("deliveries").forEach(delivery -> statuses.add(delivery.get("status").asText()));
        return statuses;
    }
}
