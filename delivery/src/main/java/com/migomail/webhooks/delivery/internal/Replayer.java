package com.migomail.webhooks.delivery.internal;

import com.migomail.webhooks.core.TypeId;
import com.migomail.webhooks.delivery.ReplayReceipt;
import com.migomail.webhooks.delivery.ReplayRequest;
import com.migomail.webhooks.delivery.UnknownIdException;
import com.migomail.webhooks.delivery.UnknownIdException.Kind;
import com.migomail.webhooks.store.Delivery;
import com.migomail.webhooks.store.DeliveryQuery;
import com.migomail.webhooks.store.Endpoint;
import com.migomail.webhooks.store.EventQuery;
import com.migomail.webhooks.store.NotFoundException;
import com.migomail.webhooks.store.Page;
import com.migomail.webhooks.store.StoredEvent;
import com.migomail.webhooks.store.TenantId;
import com.migomail.webhooks.store.WebhookStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-arms deliveries for a replay: same event, same body and id, signed afresh at send time. Large
 * replays are paced by spreading due times, {@code replayBatchSize} per {@code replayBatchInterval}.
 *
 * <p>Each id is checked once: the store's {@code scheduleReplay} checks the event and endpoint it
 * is given, so they are looked up beforehand only where the replay needs them (the named endpoints
 * of a range, for their type filters) or cannot prove them otherwise (an event without deliveries).
 */
final class Replayer {
    private static final Logger LOG = LoggerFactory.getLogger(Replayer.class);
    private static final int PAGE = 500;

    private final WebhookStore store;
    private final Clock clock;
    private final int batchSize;
    private final Duration batchInterval;
    private final Dispatcher dispatcher;

    /** @param batchSize how many replayed deliveries fall due per {@code batchInterval} */
    Replayer(WebhookStore store, Clock clock, int batchSize, Duration batchInterval, Dispatcher dispatcher) {
        this.store = store;
        this.clock = clock;
        this.batchSize = batchSize;
        this.batchInterval = batchInterval;
        this.dispatcher = dispatcher;
    }

    /** A pair to replay, of one tenant. */
    private record Target(TenantId tenant, String eventId, String endpointId) {}

    /** Replays one of the tenant's events to every endpoint that has a delivery of it. */
    ReplayReceipt replayEvent(TenantId tenant, String eventId) {
        List<Delivery> deliveries = deliveriesOf(tenant, eventId);
        if (deliveries.isEmpty()) {
            requireEvent(tenant, eventId);
        }
        return schedule(deliveries.stream().map(delivery -> new Target(tenant, eventId, delivery.endpointId())).toList());
    }

    /** Replays one of the tenant's events to one of its endpoints; the store checks both ids as it schedules. */
    ReplayReceipt replayEventTo(TenantId tenant, String eventId, String endpointId) {
        return schedule(List.of(new Target(tenant, eventId, endpointId)));
    }

    /** Replays the tenant's events of a range that the request's filters keep; its named endpoints must be the tenant's. */
    ReplayReceipt replayRange(TenantId tenant, ReplayRequest request) {
        List<Target> targets = new ArrayList<>();
        selectRange(tenant, request, targets::add);
        return schedule(targets);
    }

    /** How many deliveries {@link #replayRange} would schedule now: the same selection, scheduling nothing. */
    int countRange(TenantId tenant, ReplayRequest request) {
        AtomicInteger count = new AtomicInteger();
        selectRange(tenant, request, target -> count.incrementAndGet());
        return count.get();
    }

    /**
     * Hands every pair a range replay schedules to {@code selected}, in the order it schedules them.
     *
     * @throws UnknownIdException if a named endpoint is not the tenant's (before any pair is selected)
     */
    private void selectRange(TenantId tenant, ReplayRequest request, Consumer<Target> selected) {
        Map<String, Endpoint> named = request.endpointIds().stream()
                .map(id -> store.endpoint(tenant, id).orElseThrow(() -> new UnknownIdException(Kind.ENDPOINT, id, null)))
                .collect(Collectors.toMap(Endpoint::id, Function.identity()));
        EventQuery query = query(request);
        Optional<String> cursor = Optional.empty();
        do {
            Page<StoredEvent> page = store.events(tenant, query.withCursor(cursor.orElse(null)));
            for (StoredEvent event : page.items()) {
                targetsOf(tenant, event, request, named).forEach(selected);
            }
            cursor = page.next();
        } while (cursor.isPresent());
    }

    private static EventQuery query(ReplayRequest request) {
        EventQuery query = EventQuery.between(request.from(), request.to())
                .withTypes(request.types())
                .withDeliveryStatuses(request.statuses())
                .withLimit(PAGE);
        // Only a status filter limits events to existing deliveries; otherwise a named endpoint
        // may get events it has no delivery of yet.
        if (request.endpointIds().size() == 1 && !request.statuses().isEmpty()) {
            query = query.withEndpoint(request.endpointIds().iterator().next());
        }
        return query;
    }

    private List<Target> targetsOf(TenantId tenant, StoredEvent event, ReplayRequest request,
            Map<String, Endpoint> named) {
        List<Delivery> deliveries = deliveriesOf(tenant, event.id());
        List<Target> targets = new ArrayList<>();
        for (Delivery delivery : deliveries) {
            boolean endpointOk = named.isEmpty() || named.containsKey(delivery.endpointId());
            boolean statusOk = request.statuses().isEmpty() || request.statuses().contains(delivery.status());
            if (endpointOk && statusOk) {
                targets.add(new Target(tenant, event.id(), delivery.endpointId()));
            }
        }
        if (request.statuses().isEmpty()) {
            for (Endpoint endpoint : named.values()) {
                boolean hasDelivery = deliveries.stream().anyMatch(d -> d.endpointId().equals(endpoint.id()));
                if (!hasDelivery && endpoint.subscribesTo(event.type())) {
                    targets.add(new Target(tenant, event.id(), endpoint.id()));
                }
            }
        }
        return targets;
    }

    private List<Delivery> deliveriesOf(TenantId tenant, String eventId) {
        List<Delivery> all = new ArrayList<>();
        DeliveryQuery query = DeliveryQuery.all().withEvent(eventId).withLimit(PAGE);
        Optional<String> cursor = Optional.empty();
        do {
            Page<Delivery> page = store.deliveries(tenant, query.withCursor(cursor.orElse(null)));
            all.addAll(page.items());
            cursor = page.next();
        } while (cursor.isPresent());
        return all;
    }

    /** Schedules each target, batch by batch later, and hands the ones due now to the dispatcher. */
    private ReplayReceipt schedule(List<Target> targets) {
        Instant now = clock.instant();
        List<String> ids = new ArrayList<>(targets.size());
        Instant lastDueAt = null;
        for (int i = 0; i < targets.size(); i++) {
            Target target = targets.get(i);
            Instant dueAt = now.plus(batchInterval.multipliedBy(i / batchSize));
            Delivery delivery = scheduleReplay(target, dueAt);
            ids.add(delivery.id());
            lastDueAt = dueAt;
            if (!dueAt.isAfter(now)) {
                dispatcher.offer(delivery.id(), delivery.endpointId());
            }
        }
        if (!targets.isEmpty()) {
            LOG.info("replay of {} deliveries scheduled, the last due at {}", ids.size(), lastDueAt);
        }
        return new ReplayReceipt(ids, lastDueAt);
    }

    /** Has the store schedule one replay, turning its not-found into ours. */
    private Delivery scheduleReplay(Target target, Instant dueAt) {
        try {
            return store.scheduleReplay(target.tenant(), target.eventId(), target.endpointId(),
                    TypeId.generate("dlv", clock).toString(), dueAt);
        } catch (NotFoundException e) {
            throw unknown(target, e);
        }
    }

    /** Names the id the store did not find (a store reports one of the two, the event first), by its kind. */
    private static UnknownIdException unknown(Target target, NotFoundException e) {
        return switch (e.kind()) {
            case "endpoint" -> new UnknownIdException(Kind.ENDPOINT, e.id(), e);
            case "event" -> new UnknownIdException(Kind.EVENT, e.id(), e);
            default -> new UnknownIdException(Kind.EVENT_OR_ENDPOINT, target.eventId() + " / " + target.endpointId(), e);
        };
    }

    private void requireEvent(TenantId tenant, String eventId) {
        if (store.event(tenant, eventId).isEmpty()) {
            throw new UnknownIdException(Kind.EVENT, eventId, null);
        }
    }
}
