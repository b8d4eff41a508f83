package com.migomail.webhooks.portal.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.migomail.webhooks.core.EventCodec;
import com.migomail.webhooks.core.EventType;
import com.migomail.webhooks.core.WebhookEvent;
import com.migomail.webhooks.delivery.EndpointAddressRejectedException;
import com.migomail.webhooks.delivery.EndpointRegistration;
import com.migomail.webhooks.delivery.PublishReceipt;
import com.migomail.webhooks.delivery.RegisteredEndpoint;
import com.migomail.webhooks.delivery.ReplayReceipt;
import com.migomail.webhooks.delivery.ReplayRequest;
import com.migomail.webhooks.delivery.UnknownIdException;
import com.migomail.webhooks.delivery.WebhookSender;
import com.migomail.webhooks.store.AttemptCount;
import com.migomail.webhooks.store.AttemptCountQuery;
import com.migomail.webhooks.store.Delivery;
import com.migomail.webhooks.store.DeliveryAttempt;
import com.migomail.webhooks.store.DeliveryQuery;
import com.migomail.webhooks.store.DeliveryStatus;
import com.migomail.webhooks.store.Endpoint;
import com.migomail.webhooks.store.EndpointSecret;
import com.migomail.webhooks.store.EndpointVersionConflictException;
import com.migomail.webhooks.store.EventQuery;
import com.migomail.webhooks.store.Page;
import com.migomail.webhooks.store.SortOrder;
import com.migomail.webhooks.store.StoredEvent;
import com.migomail.webhooks.store.TenantId;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The JSON API's routes over the sender, for one tenant per call. Every id is looked up through the
 * sender with the caller's tenant, so another tenant's id is "not found" exactly like an unknown one.
 */
final class PortalApi {
    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration HOUR = Duration.ofHours(1);
    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 100;
    private static final int MAX_URL_LENGTH = 2048;
    private static final int MAX_DESCRIPTION_LENGTH = 1000;
    private static final int MAX_REASON_LENGTH = 500;
    private static final int DELIVERY_PAGE = 1000;
    private static final Pattern FAMILY = Pattern.compile("[a-z]+\\.\\*");
    private static final Set<String> FAMILIES = Arrays.stream(EventType.values())
            .map(type -> type.wireName().substring(0, type.wireName().indexOf('.')) + ".*")
            .collect(Collectors.toUnmodifiableSet());
    private static final String STATUS_NAMES = Arrays.stream(DeliveryStatus.values()).map(Views::status)
            .collect(Collectors.joining(", "));

    /**
     * One call of a route.
     *
     * @param tenant the caller's tenant
     * @param session the caller's session
     * @param csrfToken the session's CSRF token
     * @param parameters the path parameters
     * @param query the query parameters
     * @param body the JSON body, read on demand (an empty body reads as {@code {}})
     */
    record Call(TenantId tenant, Sessions.Session session, String csrfToken, Map<String, String> parameters,
            Query query, Supplier<ObjectNode> body) {

        String parameter(String name) {
            return parameters.get(name);
        }
    }

    /**
     * What a route answers: a status and a JSON body, or no body for 204.
     *
     * @param status the status
     * @param json the body, or null for none
     */
    record Result(int status, JsonNode json) {
        static Result ok(JsonNode json) {
            return new Result(200, json);
        }
    }

    private final WebhookSender sender;
    private final Clock clock;
    private final byte[] openApi;

    PortalApi(WebhookSender sender, Clock clock, byte[] openApi) {
        this.sender = sender;
        this.clock = clock;
        this.openApi = openApi.clone();
    }

    /** The OpenAPI document, served as it is stored. */
    byte[] openApi() {
        return openApi.clone();
    }

    Result handle(ApiRoute route, Call call) {
        try {
            return switch (route) {
                case SESSION -> Result.ok(session(call));
                case EVENT_TYPES -> Result.ok(eventTypes());
                case LIST_ENDPOINTS -> Result.ok(listEndpoints(call));
                case CREATE_ENDPOINT -> new Result(201, createEndpoint(call));
                case GET_ENDPOINT -> Result.ok(getEndpoint(call));
                case UPDATE_ENDPOINT -> Result.ok(updateEndpoint(call));
                case DELETE_ENDPOINT -> deleteEndpoint(call);
                case ROTATE_SECRET -> Result.ok(rotateSecret(call));
                case DISABLE_ENDPOINT -> Result.ok(disableEndpoint(call));
                case ENABLE_ENDPOINT -> Result.ok(enableEndpoint(call));
                case TEST_ENDPOINT -> new Result(202, testEndpoint(call));
                case LIST_EVENTS -> Result.ok(listEvents(call));
                case GET_EVENT -> Result.ok(getEvent(call));
                case REPLAY_EVENT -> Result.ok(replayEvent(call));
                case PREVIEW_REPLAY -> Result.ok(previewReplay(call));
                case REPLAY_RANGE -> Result.ok(replayRange(call));
                case STATS -> Result.ok(stats(call));
                case OPENAPI -> throw new IllegalStateException("the handler serves openapi.json itself");
            };
        } catch (UnknownIdException unknown) {
            throw ProblemException.notFound(unknown.getMessage());
        } catch (EndpointVersionConflictException conflict) {
            throw ProblemException.conflict("the endpoint changed many times meanwhile; nothing was changed, try again");
        }
    }

    private ObjectNode session(Call call) {
        call.query().allowOnly(Set.of());
        ObjectNode node = Views.object();
        node.put("tenant", call.tenant().value());
        node.put("csrfToken", call.csrfToken());
        node.put("expiresAt", Views.time(call.session().expiresAt()));
        return node;
    }

    private ObjectNode eventTypes() {
        ObjectNode node = Views.object();
        ArrayNode items = node.putArray("items");
        for (EventType type : EventType.values()) {
            ObjectNode item = items.addObject();
            item.put("type", type.wireName());
            item.put("description", ExampleEvents.description(type));
            item.set("example", readTree(EventCodec.writeString(ExampleEvents.example(type, clock))));
        }
        return node;
    }

    private ObjectNode listEndpoints(Call call) {
        call.query().allowOnly(Set.of());
        List<Endpoint> endpoints = sender.endpoints(call.tenant());
        Map<String, long[]> counts = counts24h(call.tenant(), null);
        ObjectNode node = Views.object();
        ArrayNode items = node.putArray("items");
        for (Endpoint endpoint : endpoints) {
            items.add(Views.endpoint(endpoint, health(call.tenant(), endpoint, counts)));
        }
        return node;
    }

    private ObjectNode getEndpoint(Call call) {
        call.query().allowOnly(Set.of());
        return view(call.tenant(), endpoint(call.tenant(), call.parameter("endpointId")));
    }

    private ObjectNode createEndpoint(Call call) {
        EndpointRegistration registration = registration(call, Map.of());
        RegisteredEndpoint registered = checkingUrl(() -> sender.registerEndpoint(call.tenant(), registration));
        ObjectNode node = Views.object();
        node.set("endpoint", view(call.tenant(), registered.endpoint()));
        node.put("secret", registered.key().encoded());
        return node;
    }

    private ObjectNode updateEndpoint(Call call) {
        Endpoint current = endpoint(call.tenant(), call.parameter("endpointId"));
        EndpointRegistration settings = registration(call, current.metadata());
        return view(call.tenant(), checkingUrl(() -> sender.updateEndpoint(call.tenant(), current.id(), settings)));
    }

    private Result deleteEndpoint(Call call) {
        call.query().allowOnly(Set.of());
        sender.deleteEndpoint(call.tenant(), endpoint(call.tenant(), call.parameter("endpointId")).id());
        return new Result(204, null);
    }

    private ObjectNode rotateSecret(Call call) {
        new JsonBody(call.body().get(), Set.of()).done();
        String id = endpoint(call.tenant(), call.parameter("endpointId")).id();
        RegisteredEndpoint rotated;
        try {
            rotated = sender.rotateSecret(call.tenant(), id);
        } catch (IllegalStateException tooManyKeys) {
            throw ProblemException.conflict(tooManyKeys.getMessage());
        }
        Instant now = clock.instant();
        Instant previousExpiry = rotated.endpoint().secrets().stream()
                .filter(secret -> secret.expiresAt() != null && secret.isActiveAt(now))
                .map(EndpointSecret::expiresAt).max(Instant::compareTo).orElse(null);
        ObjectNode node = Views.object();
        node.set("endpoint", view(call.tenant(), rotated.endpoint()));
        node.put("secret", rotated.key().encoded());
        node.put("previousSecretExpiresAt", Views.time(previousExpiry));
        return node;
    }

    private ObjectNode disableEndpoint(Call call) {
        JsonBody body = new JsonBody(call.body().get(), Set.of("reason"));
        String reason = body.optionalString("reason", MAX_REASON_LENGTH).filter(r -> !r.isBlank())
                .orElse("disabled in the portal");
        body.done();
        String id = endpoint(call.tenant(), call.parameter("endpointId")).id();
        return view(call.tenant(), sender.disableEndpoint(call.tenant(), id, reason));
    }

    private ObjectNode enableEndpoint(Call call) {
        new JsonBody(call.body().get(), Set.of()).done();
        Endpoint before = endpoint(call.tenant(), call.parameter("endpointId"));
        Endpoint after = sender.enableEndpoint(call.tenant(), before.id());
        // Whole seconds, as event timestamps are: an event of the second the endpoint was disabled
        // in is in the range (only its skipped deliveries count), and the page replays this range.
        Instant skippedSince = before.enabled() ? null : before.updatedAt().truncatedTo(ChronoUnit.SECONDS);
        int skipped = 0;
        if (skippedSince != null) {
            Instant now = clock.instant();
            ReplayRequest request = ReplayRequest.between(skippedSince.isAfter(now) ? now : skippedSince, now)
                    .withEndpoints(Set.of(before.id())).withStatuses(Set.of(DeliveryStatus.SKIPPED));
            skipped = sender.countReplay(call.tenant(), request);
        }
        ObjectNode node = Views.object();
        node.set("endpoint", view(call.tenant(), after));
        node.put("skippedSince", Views.time(skippedSince));
        node.put("skippedCount", skipped);
        return node;
    }

    private ObjectNode testEndpoint(Call call) {
        JsonBody body = new JsonBody(call.body().get(), Set.of("type"));
        String typeName = body.requiredString("type", 100);
        Optional<EventType> type = Optional.ofNullable(typeName).flatMap(EventType::fromWireName);
        if (typeName != null && type.isEmpty()) {
            body.error("type", "unknown event type \"" + typeName + "\"; one of " + typeNames());
        }
        body.done();
        String id = endpoint(call.tenant(), call.parameter("endpointId")).id();
        WebhookEvent event = ExampleEvents.example(type.orElseThrow(), clock);
        PublishReceipt receipt;
        try {
            receipt = sender.sendTest(call.tenant(), id, event);
        } catch (IllegalStateException disabled) {
            throw ProblemException.conflict(disabled.getMessage());
        }
        ObjectNode node = Views.object();
        node.put("eventId", receipt.eventId());
        node.put("deliveryId", receipt.deliveryIds().isEmpty() ? null : receipt.deliveryIds().get(0));
        return node;
    }

    private ObjectNode listEvents(Call call) {
        Query query = call.query().allowOnly(Set.of("type", "status", "endpoint", "from", "to", "limit", "cursor"));
        Set<String> types = new LinkedHashSet<>();
        for (String type : query.all("type")) {
            types.add(knownType("type", type));
        }
        Set<DeliveryStatus> statuses = new LinkedHashSet<>();
        for (String status : query.all("status")) {
            statuses.add(status("status", status));
        }
        Instant now = clock.instant();
        Instant to = query.single("to").map(text -> time("to", text)).orElse(now);
        Instant from = query.single("from").map(text -> time("from", text)).orElse(to.minus(Duration.ofDays(7)));
        if (to.isBefore(from)) {
            throw ProblemException.badRequest("to", "is before from (" + from + ")");
        }
        int limit = query.single("limit").map(PortalApi::limit).orElse(DEFAULT_LIMIT);
        Optional<String> endpoint = query.single("endpoint");
        endpoint.ifPresent(id -> endpoint(call.tenant(), id));
        EventQuery eventQuery = EventQuery.between(from, to).withTypes(types).withDeliveryStatuses(statuses)
                .withOrder(SortOrder.NEWEST_FIRST).withLimit(limit)
                .withCursor(query.single("cursor").orElse(null));
        if (endpoint.isPresent()) {
            eventQuery = eventQuery.withEndpoint(endpoint.get());
        }
        Page<StoredEvent> page;
        try {
            page = sender.events(call.tenant(), eventQuery);
        } catch (IllegalArgumentException badCursor) {
            throw ProblemException.badRequest("cursor", "is not a cursor of this log; start again without one");
        }
        ObjectNode node = Views.object();
        ArrayNode items = node.putArray("items");
        for (StoredEvent event : page.items()) {
            items.add(Views.eventSummary(event, deliveries(call.tenant(), event.id())));
        }
        node.put("nextCursor", page.nextCursor());
        return node;
    }

    private ObjectNode getEvent(Call call) {
        call.query().allowOnly(Set.of());
        StoredEvent event = event(call.tenant(), call.parameter("eventId"));
        List<Delivery> deliveries = deliveries(call.tenant(), event.id());
        Map<String, String> urls = new HashMap<>();
        sender.endpoints(call.tenant()).forEach(endpoint -> urls.put(endpoint.id(), endpoint.url()));
        Map<String, List<DeliveryAttempt>> attempts = new HashMap<>();
        deliveries.forEach(delivery -> attempts.put(delivery.id(), sender.attempts(call.tenant(), delivery.id())));
        return Views.eventDetail(event, deliveries, urls, attempts);
    }

    private ObjectNode replayEvent(Call call) {
        JsonBody body = new JsonBody(call.body().get(), Set.of("endpointId"));
        Optional<String> endpointId = body.optionalString("endpointId", 200);
        body.done();
        String eventId = event(call.tenant(), call.parameter("eventId")).id();
        endpointId.ifPresent(id -> endpoint(call.tenant(), id));
        ReplayReceipt receipt = endpointId.isPresent()
                ? sender.replay(call.tenant(), eventId, endpointId.get())
                : sender.replay(call.tenant(), eventId);
        ObjectNode node = Views.object();
        node.put("count", receipt.count());
        node.set("deliveryIds", Views.strings(receipt.deliveryIds()));
        return node;
    }

    private ObjectNode previewReplay(Call call) {
        ObjectNode node = Views.object();
        node.put("count", sender.countReplay(call.tenant(), replayRequest(call)));
        return node;
    }

    private ObjectNode replayRange(Call call) {
        ReplayReceipt receipt = sender.replay(call.tenant(), replayRequest(call));
        ObjectNode node = Views.object();
        node.put("count", receipt.count());
        node.set("deliveryIds", Views.strings(receipt.deliveryIds()));
        node.put("lastDueAt", Views.time(receipt.lastDueAt()));
        return node;
    }

    private ObjectNode stats(Call call) {
        Query query = call.query().allowOnly(Set.of("range", "endpoint"));
        String range = query.single("range").orElse("24h");
        Duration span = switch (range) {
            case "24h" -> DAY;
            case "7d" -> Duration.ofDays(7);
            default -> throw ProblemException.badRequest("range", "must be 24h or 7d, got \"" + range + "\"");
        };
        Optional<String> endpoint = query.single("endpoint");
        endpoint.ifPresent(id -> endpoint(call.tenant(), id));
        Instant now = clock.instant();
        Instant to = now.truncatedTo(ChronoUnit.HOURS);
        if (to.isBefore(now)) {
            to = to.plus(HOUR);
        }
        Instant from = to.minus(span);
        AttemptCountQuery countQuery = AttemptCountQuery.hourly(from, to);
        if (endpoint.isPresent()) {
            countQuery = countQuery.withEndpoint(endpoint.get());
        }
        Map<Instant, long[]> byHour = new TreeMap<>();
        for (Instant hour = from; hour.isBefore(to); hour = hour.plus(HOUR)) {
            byHour.put(hour, new long[3]);
        }
        for (AttemptCount count : sender.attemptCounts(call.tenant(), countQuery)) {
            long[] sums = byHour.get(count.bucketStart());
            if (sums != null) {
                sums[0] += count.succeeded();
                sums[1] += count.retried();
                sums[2] += count.failed();
            }
        }
        ObjectNode node = Views.object();
        node.put("from", Views.time(from));
        node.put("to", Views.time(to));
        node.put("bucketMs", HOUR.toMillis());
        ArrayNode buckets = node.putArray("buckets");
        byHour.forEach((start, sums) -> {
            ObjectNode bucket = buckets.addObject();
            bucket.put("start", Views.time(start));
            bucket.put("succeeded", sums[0]);
            bucket.put("retried", sums[1]);
            bucket.put("failed", sums[2]);
        });
        return node;
    }

    private ReplayRequest replayRequest(Call call) {
        JsonBody body = new JsonBody(call.body().get(), Set.of("from", "to", "types", "endpointId", "statuses"));
        Instant from = timeField(body, "from");
        Instant to = timeField(body, "to");
        if (from != null && to != null && to.isBefore(from)) {
            body.error("to", "is before from (" + from + ")");
        }
        Set<String> types = new LinkedHashSet<>();
        List<String> typeNames = body.strings("types", EventType.values().length);
        for (int i = 0; i < typeNames.size(); i++) {
            Optional<EventType> type = EventType.fromWireName(typeNames.get(i));
            if (type.isEmpty()) {
                body.error("types[" + i + "]", "unknown event type \"" + typeNames.get(i) + "\"; one of " + typeNames());
            } else {
                types.add(type.get().wireName());
            }
        }
        Set<DeliveryStatus> statuses = new LinkedHashSet<>();
        List<String> statusNames = body.strings("statuses", DeliveryStatus.values().length);
        for (int i = 0; i < statusNames.size(); i++) {
            Optional<DeliveryStatus> status = statusNamed(statusNames.get(i));
            if (status.isEmpty()) {
                body.error("statuses[" + i + "]", "unknown status \"" + statusNames.get(i) + "\"; one of " + STATUS_NAMES);
            } else {
                statuses.add(status.get());
            }
        }
        Optional<String> endpointId = body.optionalString("endpointId", 200);
        body.done();
        endpointId.ifPresent(id -> endpoint(call.tenant(), id));
        ReplayRequest request = ReplayRequest.between(from, to).withTypes(types).withStatuses(statuses);
        return endpointId.map(id -> request.withEndpoints(Set.of(id))).orElse(request);
    }

    private EndpointRegistration registration(Call call, Map<String, String> metadata) {
        JsonBody body = new JsonBody(call.body().get(), Set.of("url", "eventTypes", "description"));
        String url = body.requiredString("url", MAX_URL_LENGTH);
        if (url != null) {
            urlProblem(url).ifPresent(problem -> body.error("url", problem));
        }
        if (!body.has("eventTypes")) {
            body.error("eventTypes", "is required: event types from the catalog, or [\"*\"] for all");
        }
        List<String> filters = body.strings("eventTypes", 50);
        if (body.has("eventTypes") && filters.isEmpty() && !body.hasError("eventTypes")) {
            body.error("eventTypes", "cannot be empty: choose event types from the catalog, or [\"*\"] for all");
        }
        for (int i = 0; i < filters.size(); i++) {
            String filter = filters.get(i);
            boolean known = filter.equals("*") || EventType.fromWireName(filter).isPresent()
                    || (FAMILY.matcher(filter).matches() && FAMILIES.contains(filter));
            if (!known) {
                body.error("eventTypes[" + i + "]", "unknown event type \"" + filter + "\"; one of " + typeNames()
                        + ", a family such as email.*, or *");
            }
        }
        String description = body.optionalString("description", MAX_DESCRIPTION_LENGTH).orElse("");
        body.done();
        return new EndpointRegistration(url, List.copyOf(new LinkedHashSet<>(filters)), description, metadata, null);
    }

    private static Optional<String> urlProblem(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))) {
                return Optional.of("must be an absolute http or https URL");
            }
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                return Optional.of("has no host");
            }
            return Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URL: " + e.getReason());
        }
    }

    /** Runs a registration or update, answering the sender's URL refusals as a 400 on {@code url}. */
    private static <T> T checkingUrl(Supplier<T> change) {
        try {
            return change.get();
        } catch (EndpointAddressRejectedException rejected) {
            throw ProblemException.badRequest("url", refusal(rejected.reason()));
        } catch (IllegalArgumentException invalid) {
            throw ProblemException.badRequest("url", invalid.getMessage());
        }
    }

    /**
     * Why a URL was refused, by reason only: the exception's detail names the address the host
     * resolved to, which would let a customer map the platform's internal network through DNS names.
     */
    private static String refusal(EndpointAddressRejectedException.Reason reason) {
        return switch (reason) {
            case SCHEME -> "refused: this scheme is not allowed; use https";
            case NO_HOST -> "refused: the URL has no host";
            case UNRESOLVABLE -> "refused: the host does not resolve";
            case LOOPBACK -> "refused: the host resolves to a loopback address";
            case PRIVATE_NETWORK -> "refused: the host resolves to a private network address";
            case LINK_LOCAL -> "refused: the host resolves to a link-local address";
            case SPECIAL_PURPOSE -> "refused: the host resolves to a special-purpose address";
        };
    }

    private Endpoint endpoint(TenantId tenant, String id) {
        return sender.endpoint(tenant, id).orElseThrow(() -> ProblemException.notFound("endpoint not found: " + id));
    }

    private StoredEvent event(TenantId tenant, String id) {
        return sender.event(tenant, id).orElseThrow(() -> ProblemException.notFound("event not found: " + id));
    }

    private List<Delivery> deliveries(TenantId tenant, String eventId) {
        List<Delivery> all = new ArrayList<>();
        DeliveryQuery query = DeliveryQuery.all().withEvent(eventId).withLimit(DELIVERY_PAGE);
        while (true) {
            Page<Delivery> page = sender.deliveries(tenant, query);
            all.addAll(page.items());
            if (page.nextCursor() == null) {
                return all;
            }
            query = query.withCursor(page.nextCursor());
        }
    }

    private ObjectNode view(TenantId tenant, Endpoint endpoint) {
        return Views.endpoint(endpoint, health(tenant, endpoint, counts24h(tenant, endpoint.id())));
    }

    private Views.Health health(TenantId tenant, Endpoint endpoint, Map<String, long[]> counts) {
        long[] count = counts.getOrDefault(endpoint.id(), new long[2]);
        return new Views.Health(count[0], count[1], sender.latestAttempt(tenant, endpoint.id()).orElse(null));
    }

    /** Attempts and successes of the last 24 hours by endpoint, in one bucket. */
    private Map<String, long[]> counts24h(TenantId tenant, String endpointId) {
        Instant now = clock.instant();
        AttemptCountQuery query = new AttemptCountQuery(now.minus(DAY), now, DAY, endpointId);
        Map<String, long[]> counts = new HashMap<>();
        for (AttemptCount count : sender.attemptCounts(tenant, query)) {
            long[] sums = counts.computeIfAbsent(count.endpointId(), id -> new long[2]);
            sums[0] += count.total();
            sums[1] += count.succeeded();
        }
        return counts;
    }

    private static Instant timeField(JsonBody body, String field) {
        String text = body.requiredString(field, 64);
        if (text == null) {
            return null;
        }
        Optional<Instant> time = parseTime(text);
        if (time.isEmpty()) {
            body.error(field, timeMessage(text));
        }
        return time.orElse(null);
    }

    private static Instant time(String field, String text) {
        return parseTime(text).orElseThrow(() -> ProblemException.badRequest(field, timeMessage(text)));
    }

    private static Optional<Instant> parseTime(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String timeMessage(String text) {
        return "\"" + text + "\" is not an ISO-8601 time with an offset, such as 2026-03-01T12:00:00Z";
    }

    private static int limit(String text) {
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException notNumber) {
            // answered below, as for a number out of range
        }
        throw ProblemException.badRequest("limit", "must be a whole number from 1 to " + MAX_LIMIT + ", got \"" + text + "\"");
    }

    private static String knownType(String field, String name) {
        return EventType.fromWireName(name).map(EventType::wireName).orElseThrow(() ->
                ProblemException.badRequest(field, "unknown event type \"" + name + "\"; one of " + typeNames()));
    }

    private static DeliveryStatus status(String field, String name) {
        return statusNamed(name).orElseThrow(() ->
                ProblemException.badRequest(field, "unknown status \"" + name + "\"; one of " + STATUS_NAMES));
    }

    private static Optional<DeliveryStatus> statusNamed(String name) {
        return Arrays.stream(DeliveryStatus.values()).filter(status -> Views.status(status).equals(name)).findFirst();
    }

    private static String typeNames() {
        return Arrays.stream(EventType.values()).map(EventType::wireName).collect(Collectors.joining(", "));
    }

    private static JsonNode readTree(String json) {
        try {
            return Views.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("EventCodec wrote JSON that does not parse", e);
        }
    }
}
