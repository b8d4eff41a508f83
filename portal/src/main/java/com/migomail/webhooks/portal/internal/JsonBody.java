package com.migomail.webhooks.portal.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A request's JSON object, read field by field: every problem is collected with its field's name
 * and {@link #done()} throws them all as one 400 answer, so the page can mark every bad field.
 * Fields the route does not take are problems too (a typo must not pass silently).
 */
final class JsonBody {
    private final ObjectNode object;
    private final List<ProblemException.FieldError> errors = new ArrayList<>();

    JsonBody(ObjectNode object, Set<String> allowed) {
        this.object = object;
        for (Iterator<String> names = object.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!allowed.contains(name)) {
                error(name, "unknown field; this route takes " + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }

    void error(String field, String message) {
        errors.add(new ProblemException.FieldError(field, message));
    }

    boolean hasError(String field) {
        return errors.stream().anyMatch(e -> e.field().equals(field) || e.field().startsWith(field + "["));
    }

    /** A string field that must be present; null (with an error noted) otherwise. */
    String requiredString(String field, int maxLength) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            error(field, "is required");
            return null;
        }
        return string(field, node, maxLength);
    }

    Optional<String> optionalString(String field, int maxLength) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        return Optional.ofNullable(string(field, node, maxLength));
    }

    /** An array of strings; empty if absent (required ones check {@link #has}). */
    List<String> strings(String field, int maxItems) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            error(field, "must be an array of strings");
            return List.of();
        }
        if (node.size() > maxItems) {
            error(field, "has " + node.size() + " items, at most " + maxItems + " are allowed");
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String value = string(field + "[" + i + "]", node.get(i), 200);
            if (value != null) {
                values.add(value);
            }
        }
        return values;
    }

    boolean has(String field) {
        JsonNode node = object.get(field);
        return node != null && !node.isNull();
    }

    /** Throws the problems noted so far as one 400 answer. */
    void done() {
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    private String string(String field, JsonNode node, int maxLength) {
        if (!node.isTextual()) {
            error(field, "must be a string");
            return null;
        }
        String value = node.textValue();
        if (value.length() > maxLength) {
            error(field, "is " + value.length() + " characters long, at most " + maxLength + " are allowed");
            return null;
        }
        return value;
    }
}
