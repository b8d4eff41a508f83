package com.migomail.webhooks.portal.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A request's query parameters, decoded; names not allowed by the route are refused by name. */
final class Query {
    private final Map<String, List<String>> parameters;

    private Query(Map<String, List<String>> parameters) {
        this.parameters = parameters;
    }

    static Query parse(Optional<String> rawQuery) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (rawQuery.isPresent() && !rawQuery.get().isEmpty()) {
            for (String pair : rawQuery.get().split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq), "a parameter name");
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1), name);
                parameters.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
        }
        return new Query(parameters);
    }

    /** Refuses every parameter not in {@code allowed}, naming the first. */
    Query allowOnly(Set<String> allowed) {
        for (String name : parameters.keySet()) {
            if (!allowed.contains(name)) {
                throw ProblemException.badRequest(name, "unknown query parameter; this route takes " + sorted(allowed));
            }
        }
        return this;
    }

    /** The one value of a parameter given at most once. */
    Optional<String> single(String name) {
        List<String> values = parameters.getOrDefault(name, List.of());
        if (values.size() > 1) {
            throw ProblemException.badRequest(name, "given " + values.size() + " times; give it once");
        }
        return values.stream().findFirst();
    }

    /** Every value of a repeatable parameter, in order. */
    List<String> all(String name) {
        return List.copyOf(parameters.getOrDefault(name, List.of()));
    }

    private static String decode(String text, String what) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(what, "is not percent-encoded correctly");
        }
    }

    private static String sorted(Set<String> names) {
        return String.join(", ", names.stream().sorted().toList());
    }
}
