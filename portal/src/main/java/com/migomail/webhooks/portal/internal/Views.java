package com.migomail.webhooks.portal.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.migomail.webhooks.store.Delivery;
import com.migomail.webhooks.store.DeliveryAttempt;
import com.migomail.webhooks.store.DeliveryStatus;
import com.migomail.webhooks.store.Endpoint;
import com.migomail.webhooks.store.EndpointSecret;
import com.migomail.webhooks.store.StoredEvent;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The API's JSON shapes, built as trees (no reflection, so nothing needs opening to Jackson). Times
 * are {@link Instant#toString()}, durations milliseconds. An endpoint's view never carries a key.
 */
final class Views {
    static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * An endpoint's health over the last 24 hours.
     *
     * @param attempts24h attempts started in the last 24 hours
     * @param succeeded24h of which succeeded
     * @param lastAttempt the latest attempt, or null
     */
    record Health(long attempts24h, long succeeded24h, DeliveryAttempt lastAttempt) {}

    private Views() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    static String status(DeliveryStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    static ObjectNode endpoint(Endpoint endpoint, Health health) {
        ObjectNode node = object();
        node.put("id", endpoint.id());
        node.put("url", endpoint.url());
        node.put("description", endpoint.description());
        ArrayNode types = node.putArray("eventTypes");
        endpoint.eventTypes().forEach(types::add);
        node.put("enabled", endpoint.enabled());
        node.put("disabledReason", endpoint.disabledReason());
        node.put("failingSince", time(endpoint.failingSince()));
        node.put("createdAt", time(endpoint.createdAt()));
        node.put("updatedAt", time(endpoint.updatedAt()));
        ArrayNode secrets = node.putArray("secrets");
        for (EndpointSecret secret : endpoint.secrets()) {
            ObjectNode s = secrets.addObject();
            s.put("createdAt", time(secret.createdAt()));
            s.put("expiresAt", time(secret.expiresAt()));
        }
        ObjectNode h = node.putObject("health");
        h.put("attempts24h", health.attempts24h());
        if (health.attempts24h() == 0) {
            h.putNull("successRate24h");
        } else {
            h.put("successRate24h", (double) health.succeeded24h() / health.attempts24h());
        }
        if (health.lastAttempt() == null) {
            h.putNull("lastAttempt");
        } else {
            h.set("lastAttempt", attempt(health.lastAttempt()));
        }
        return node;
    }

    static ObjectNode attempt(DeliveryAttempt attempt) {
        ObjectNode node = object();
        node.put("number", attempt.number());
        node.put("startedAt", time(attempt.startedAt()));
        node.put("latencyMs", attempt.latency().toMillis());
        node.put("statusCode", attempt.statusCode());
        node.put("error", error(attempt));
        node.put("responseExcerpt", attempt.responseExcerpt());
        return node;
    }

    private static String error(DeliveryAttempt attempt) {
        if (attempt.errorClass() == null) {
            return attempt.errorMessage();
        }
        return attempt.errorMessage() == null ? attempt.errorClass() : attempt.errorClass() + ": " + attempt.errorMessage();
    }

    static ObjectNode eventSummary(StoredEvent event, List<Delivery> deliveries) {
        ObjectNode node = eventHead(event);
        ObjectNode counts = node.putObject("deliveries");
        for (DeliveryStatus status : DeliveryStatus.values()) {
            counts.put(status(status), deliveries.stream().filter(d -> d.status() == status).count());
        }
        return node;
    }

    static ObjectNode eventDetail(StoredEvent event, List<Delivery> deliveries, Map<String, String> endpointUrls,
            Map<String, List<DeliveryAttempt>> attempts) {
        ObjectNode node = eventHead(event);
        node.put("storedAt", time(event.storedAt()));
        node.put("body", event.body());
        ArrayNode list = node.putArray("deliveries");
        for (Delivery delivery : deliveries) {
            ObjectNode d = list.addObject();
            d.put("id", delivery.id());
            d.put("endpointId", delivery.endpointId());
            d.put("endpointUrl", endpointUrls.get(delivery.endpointId()));
            d.put("status", status(delivery.status()));
            d.put("attemptCount", delivery.attemptCount());
            d.put("nextAttemptAt", time(delivery.nextAttemptAt()));
            d.put("replay", delivery.replay());
            d.put("createdAt", time(delivery.createdAt()));
            ArrayNode a = d.putArray("attempts");
            attempts.getOrDefault(delivery.id(), List.of()).forEach(attempt -> a.add(attempt(attempt)));
        }
        return node;
    }

    private static ObjectNode eventHead(StoredEvent event) {
        ObjectNode node = object();
        node.put("id", event.id());
        node.put("type", event.type());
        node.put("timestamp", time(event.timestamp()));
        return node;
    }

    static ArrayNode strings(List<String> values) {
        ArrayNode array = MAPPER.createArrayNode();
        values.forEach(array::add);
        return array;
    }
}
