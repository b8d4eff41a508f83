package com.migomail.webhooks.delivery.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Counts in-flight attempts globally and per endpoint against the configured limits. Thread-safe. */
final class ConcurrencyLimiter {
    private final int global;
    private final int perEndpoint;
    private final Map<String, Integer> inFlight = new HashMap<>();
    private int total;

    ConcurrencyLimiter(int global, int perEndpoint) {
        this.global = global;
        this.perEndpoint = perEndpoint;
    }

    /** Takes a slot for the endpoint if both limits allow it. */
    synchronized boolean tryAcquire(String endpointId) {
        int current = inFlight.getOrDefault(endpointId, 0);
        if (total >= global || current >= perEndpoint) {
            return false;
        }
        inFlight.put(endpointId, current + 1);
        total++;
        return true;
    }

    /** Gives a slot back. */
    synchronized void release(String endpointId) {
        int current = inFlight.getOrDefault(endpointId, 0);
        if (current <= 1) {
            inFlight.remove(endpointId);
        } else {
            inFlight.put(endpointId, current - 1);
        }
        total = Math.max(0, total - 1);
    }

    /** How many more attempts may start. */
    synchronized int available() {
        return global - total;
    }

    /**
     * The most deliveries one claim may take without any having to be released for lack of a slot,
     * whichever endpoint they turn out to be for: the fewest free slots of an endpoint that has
     * attempts in flight but is not saturated, or the per-endpoint limit when there is none.
     */
    synchronized int safeClaimSize() {
        int size = perEndpoint;
        for (int count : inFlight.values()) {
            if (count < perEndpoint) {
                size = Math.min(size, perEndpoint - count);
            }
        }
        return size;
    }

    /** Endpoints at their limit, whose deliveries the poller must not claim. */
    synchronized Set<String> saturatedEndpoints() {
        return inFlight.entrySet().stream()
                .filter(entry -> entry.getValue() >= perEndpoint)
                .map(Map.Entry::getKey)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }
}
