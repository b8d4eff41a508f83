package com.migomail.webhooks.portal.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every route of the JSON API, relative to {@code api/v1/}: the one list the router serves, the
 * OpenAPI document is checked against, and the tests walk. A path parameter is written
 * {@code {endpointId}} or {@code {eventId}}.
 */
public enum ApiRoute {
    /** The session's tenant, CSRF token and expiry. */
    SESSION("GET", "session"),
    /** The 12 event types with descriptions and examples. */
    EVENT_TYPES("GET", "event-types"),
    /** The tenant's endpoints with their health. */
    LIST_ENDPOINTS("GET", "endpoints"),
    /** Adds an endpoint; answers its secret once. */
    CREATE_ENDPOINT("POST", "endpoints"),
    /** One endpoint. */
    GET_ENDPOINT("GET", "endpoints/{endpointId}"),
    /** Replaces an endpoint's URL, event types and description. */
    UPDATE_ENDPOINT("PUT", "endpoints/{endpointId}"),
    /** Deletes an endpoint. */
    DELETE_ENDPOINT("DELETE", "endpoints/{endpointId}"),
    /** Rotates an endpoint's secret; answers the new one once. */
    ROTATE_SECRET("POST", "endpoints/{endpointId}/rotate-secret"),
    /** Disables an endpoint. */
    DISABLE_ENDPOINT("POST", "endpoints/{endpointId}/disable"),
    /** Enables an endpoint and counts what was skipped meanwhile. */
    ENABLE_ENDPOINT("POST", "endpoints/{endpointId}/enable"),
    /** Sends an example event to an endpoint. */
    TEST_ENDPOINT("POST", "endpoints/{endpointId}/test"),
    /** One page of the event log, newest first. */
    LIST_EVENTS("GET", "events"),
    /** One event with its body, deliveries and attempts. */
    GET_EVENT("GET", "events/{eventId}"),
    /** Replays one event. */
    REPLAY_EVENT("POST", "events/{eventId}/replay"),
    /** Counts what a range replay would schedule. */
    PREVIEW_REPLAY("POST", "replays/preview"),
    /** Replays a time range. */
    REPLAY_RANGE("POST", "replays"),
    /** Attempts per hour by outcome. */
    STATS("GET", "stats"),
    /** This API's OpenAPI 3.1 document. */
    OPENAPI("GET", "openapi.json");

    private final String method;
    private final String template;
    private final String[] segments;

    ApiRoute(String method, String template) {
        this.method = method;
        this.template = template;
        this.segments = template.split("/");
    }

    /** @return the HTTP method */
    public String method() {
        return method;
    }

    /** @return the path relative to {@code api/v1/}, with {@code {name}} parameters */
    public String template() {
        return template;
    }

    /**
     * Whether this route serves a tenant's state change (POST, PUT, DELETE).
     *
     * @return true unless the method is GET
     */
    public boolean changesState() {
        return !method.equals("GET");
    }

    /**
     * The path parameters, if the path (relative to {@code api/v1/}) is this route's.
     *
     * @param path e.g. {@code endpoints/ep_123/disable}
     * @return parameter name to value, or empty if the path is not this route's
     */
    Optional<Map<String, String>> match(String path) {
        String[] parts = path.split("/", -1);
        if (parts.length != segments.length) {
            return Optional.empty();
        }
        Map<String, String> parameters = new HashMap<>();
        for (int i = 0; i < parts.length; i++) {
            String segment = segments[i];
            if (segment.startsWith("{")) {
                if (parts[i].isEmpty()) {
                    return Optional.empty();
                }
                parameters.put(segment.substring(1, segment.length() - 1), parts[i]);
            } else if (!segment.equals(parts[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(parameters);
    }

    /** The routes whose path matches, whatever their method. */
    static List<ApiRoute> matching(String path) {
        List<ApiRoute> routes = new ArrayList<>();
        for (ApiRoute route : values()) {
            if (route.match(path).isPresent()) {
                routes.add(route);
            }
        }
        return routes;
    }
}
