package com.migomail.webhooks.store.jdbc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.migomail.webhooks.store.EndpointSecret;
import com.migomail.webhooks.store.StoreException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An endpoint's list- and map-valued fields, and an event's trace context, as JSON text columns. */
final class EndpointCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EndpointCodec() {
    }

    static String types(List<String> types) {
        return write(types);
    }

    static List<String> types(String json) {
        return read(json, new TypeReference<List<String>>() { });
    }

    static String metadata(Map<String, String> metadata) {
        return write(new java.util.TreeMap<>(metadata));
    }

    static Map<String, String> metadata(String json) {
        return read(json, new TypeReference<LinkedHashMap<String, String>>() { });
    }

    /** The trace context as a JSON object, or {@code null} (the column's none) when it is empty. */
    static String traceContext(Map<String, String> context) {
        return context.isEmpty() ? null : write(new java.util.TreeMap<>(context));
    }

    /** The trace context of a column; none for {@code null} (rows stored before schema version 5). */
    static Map<String, String> traceContext(String json) {
        return json == null ? Map.of() : read(json, new TypeReference<LinkedHashMap<String, String>>() { });
    }

    static String secrets(List<EndpointSecret> secrets) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (EndpointSecret secret : secrets) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("key", secret.key());
            row.put("createdAt", Times.nanos(secret.createdAt(), "secret createdAt"));
            row.put("expiresAt", secret.expiresAt() == null ? null : Times.nanos(secret.expiresAt(), "secret expiresAt"));
            rows.add(row);
        }
        return write(rows);
    }

    static List<EndpointSecret> secrets(String json) {
        List<Map<String, Object>> rows = read(json, new TypeReference<List<Map<String, Object>>>() { });
        List<EndpointSecret> secrets = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            Object expiresAt = row.get("expiresAt");
            secrets.add(new EndpointSecret(
                    (String) row.get("key"),
                    Times.instant(((Number) row.get("createdAt")).longValue()),
                    expiresAt == null ? null : Times.instant(((Number) expiresAt).longValue())));
        }
        return secrets;
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot encode endpoint field as JSON", e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new StoreException("endpoint column holds invalid JSON", e);
        }
    }
}
