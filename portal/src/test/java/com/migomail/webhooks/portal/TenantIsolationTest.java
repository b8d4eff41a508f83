package com.migomail.webhooks.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.migomail.webhooks.portal.internal.ApiRoute;
import com.migomail.webhooks.store.Delivery;
import com.migomail.webhooks.store.DeliveryAttempt;
import com.migomail.webhooks.store.DeliveryQuery;
import com.migomail.webhooks.store.Endpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Walks every route of the API ({@link ApiRoute#values()}, the list the router serves) as acme with
 * globex's endpoint and event ids: each answers 404 exactly as for an unknown id, routes without
 * an id show none of globex's, and globex's data is unchanged afterwards.
 */
class TenantIsolationTest extends PortalTestSupport {
    private static final String UNKNOWN_ENDPOINT = "ep_01jbgrq5m7xkc9cq3h6p9w8y2z";
    private static final String UNKNOWN_EVENT = "evt_01jbgrq5m7xkc9cq3h6p9w8y2z";

    /** What a route is asked with another tenant's ids. */
    private record Probe(Function<Ids, Browser.Answer> call, boolean namesAnId) {}

    /** The ids a probe uses: the other tenant's, or unknown ones. */
    private record Ids(String endpointId, String eventId, String ownEventId) {}

    private Browser acme;

    @Test
    void everyRouteAnswersAnotherTenantsIdsAsUnknownOnes() {
        Browser globex = signedIn(GLOBEX);
        String globexEndpoint = createEndpoint(globex, "/ok/globex", "*").get("endpoint").get("id").asText();
        String globexEvent = testSendAndWait(globex, globexEndpoint, "email.opened").get("id").asText();
        acme = signedIn(ACME);
        String acmeEndpoint = createEndpoint(acme, "/ok/acme", "*").get("endpoint").get("id").asText();
        String acmeEvent = testSendAndWait(acme, acmeEndpoint, "email.opened").get("id").asText();
        Endpoint globexBefore = sender.endpoint(GLOBEX, globexEndpoint).orElseThrow();
        List<String> globexLogBefore = log(globexEvent);

        Map<ApiRoute, Probe> probes = probes();
        assertThat(probes.keySet()).as("a probe for every route the router serves").containsExactlyInAnyOrder(ApiRoute.values());

        Ids foreign = new Ids(globexEndpoint, globexEvent, acmeEvent);
        Ids unknown = new Ids(UNKNOWN_ENDPOINT, UNKNOWN_EVENT, acmeEvent);
        for (Map.Entry<ApiRoute, Probe> entry : probes.entrySet()) {
            Browser.Answer answer = entry.getValue().call().apply(foreign);
            String route = entry.getKey() + " " + entry.getKey().method() + " " + entry.getKey().template();
            if (entry.getValue().namesAnId()) {
                BadInputTest.assertProblem(answer, 404);
                Browser.Answer asUnknown = entry.getValue().call().apply(unknown);
                assertThat(answer.body().replace(globexEndpoint, "ID").replace(globexEvent, "ID"))
                        .as(route).isEqualTo(asUnknown.body().replace(UNKNOWN_ENDPOINT, "ID").replace(UNKNOWN_EVENT, "ID"));
            } else {
                assertThat(answer.status()).as(route).isBetween(200, 299);
                assertThat(answer.body()).as(route).doesNotContain(globexEndpoint.substring(3))
                        .doesNotContain(globexEvent.substring(4));
            }
        }

        assertThat(acme.get("api/v1/events").body()).contains(acmeEvent).doesNotContain(globexEvent);
        assertThat(acme.get("api/v1/stats").json().get("buckets").findValues("succeeded").stream()
                .mapToLong(n -> n.asLong()).sum()).as("acme's own attempts only").isEqualTo(1);

        Endpoint globexAfter = sender.endpoint(GLOBEX, globexEndpoint).orElseThrow();
        assertThat(globexAfter).isEqualTo(globexBefore);
        assertThat(log(globexEvent)).isEqualTo(globexLogBefore);
        assertThat(sender.endpoints(GLOBEX)).hasSize(1);
    }

    private Map<ApiRoute, Probe> probes() {
        Map<ApiRoute, Probe> probes = new EnumMap<>(ApiRoute.class);
        probes.put(ApiRoute.SESSION, new Probe(ids -> acme.get("api/v1/session"), false));
        probes.put(ApiRoute.EVENT_TYPES, new Probe(ids -> acme.get("api/v1/event-types"), false));
        probes.put(ApiRoute.LIST_ENDPOINTS, new Probe(ids -> acme.get("api/v1/endpoints"), false));
        probes.put(ApiRoute.CREATE_ENDPOINT, new Probe(ids -> acme.post("api/v1/endpoints",
                endpointBody(receiverUrl("/ok/acme2"), "*")), false));
        probes.put(ApiRoute.GET_ENDPOINT, new Probe(ids -> acme.get("api/v1/endpoints/" + ids.endpointId()), true));
        probes.put(ApiRoute.UPDATE_ENDPOINT, new Probe(ids -> acme.put("api/v1/endpoints/" + ids.endpointId(),
                endpointBody(receiverUrl("/ok/stolen"), "*")), true));
        probes.put(ApiRoute.DELETE_ENDPOINT, new Probe(ids -> acme.delete("api/v1/endpoints/" + ids.endpointId()), true));
        probes.put(ApiRoute.ROTATE_SECRET, new Probe(ids -> acme.post("api/v1/endpoints/" + ids.endpointId()
                + "/rotate-secret", JSON.createObjectNode()), true));
        probes.put(ApiRoute.DISABLE_ENDPOINT, new Probe(ids -> acme.post("api/v1/endpoints/" + ids.endpointId()
                + "/disable", JSON.createObjectNode().put("reason", "x")), true));
        probes.put(ApiRoute.ENABLE_ENDPOINT, new Probe(ids -> acme.post("api/v1/endpoints/" + ids.endpointId()
                + "/enable", JSON.createObjectNode()), true));
        probes.put(ApiRoute.TEST_ENDPOINT, new Probe(ids -> acme.post("api/v1/endpoints/" + ids.endpointId()
                + "/test", JSON.createObjectNode().put("type", "email.sent")), true));
        probes.put(ApiRoute.LIST_EVENTS, new Probe(ids -> acme.get("api/v1/events?endpoint=" + ids.endpointId()), true));
        probes.put(ApiRoute.GET_EVENT, new Probe(ids -> acme.get("api/v1/events/" + ids.eventId()), true));
        probes.put(ApiRoute.REPLAY_EVENT, new Probe(ids -> {
            Browser.Answer foreignEvent = acme.post("api/v1/events/" + ids.eventId() + "/replay", JSON.createObjectNode());
            BadInputTest.assertProblem(foreignEvent, 404);
            // The tenant's own event to the other tenant's endpoint.
            return acme.post("api/v1/events/" + ids.ownEventId() + "/replay",
                    JSON.createObjectNode().put("endpointId", ids.endpointId()));
        }, true));
        probes.put(ApiRoute.PREVIEW_REPLAY, new Probe(ids -> acme.post("api/v1/replays/preview", range(ids)), true));
        probes.put(ApiRoute.REPLAY_RANGE, new Probe(ids -> acme.post("api/v1/replays", range(ids)), true));
        probes.put(ApiRoute.STATS, new Probe(ids -> acme.get("api/v1/stats?endpoint=" + ids.endpointId()), true));
        probes.put(ApiRoute.OPENAPI, new Probe(ids -> acme.get("api/v1/openapi.json"), false));
        return probes;
    }

    private static ObjectNode range(Ids ids) {
        return JSON.createObjectNode()
                .put("from", Instant.now().minus(Duration.ofDays(1)).toString())
                .put("to", Instant.now().plus(Duration.ofMinutes(1)).toString())
                .put("endpointId", ids.endpointId());
    }

    /** Globex's deliveries and attempts of that event, as text to compare. */
    private List<String> log(String eventId) {
        List<String> log = new ArrayList<>();
        for (Delivery delivery : sender.deliveries(GLOBEX, DeliveryQuery.all().withEvent(eventId)).items()) {
            log.add(delivery.id() + " " + delivery.status() + " " + delivery.attemptCount() + " " + delivery.replay());
            for (DeliveryAttempt attempt : sender.attempts(GLOBEX, delivery.id())) {
                log.add(attempt.toString());
            }
        }
        return log;
    }
}
