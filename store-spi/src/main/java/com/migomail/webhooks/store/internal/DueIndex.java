package com.migomail.webhooks.store.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Claimable deliveries by due time, one sorted set per endpoint plus a sorted map of each
 * endpoint's earliest key. Finding the next due delivery of a non-excluded endpoint so costs
 * O(log n) plus one step per excluded endpoint, however large an excluded endpoint's backlog is.
 * Not thread-safe: the store guards it.
 */
final class DueIndex {

    private final Map<String, TreeSet<Key>> byEndpoint = new HashMap<>();
    private final TreeMap<Key, String> heads = new TreeMap<>();

    void add(String endpointId, Key key) {
        TreeSet<Key> keys = byEndpoint.computeIfAbsent(endpointId, id -> new TreeSet<>());
        Key before = keys.isEmpty() ? null : keys.first();
        keys.add(key);
        updateHead(endpointId, before, keys.first());
    }

    void remove(String endpointId, Key key) {
        TreeSet<Key> keys = byEndpoint.get(endpointId);
        if (keys == null || !keys.contains(key)) {
            return;
        }
        Key before = keys.first();
        keys.remove(key);
        if (keys.isEmpty()) {
            byEndpoint.remove(endpointId);
        }
        updateHead(endpointId, before, keys.isEmpty() ? null : keys.first());
    }

    /**
     * The earliest key after {@code after} (or the earliest of all when it is {@code null}) that is
     * due at {@code now} and whose endpoint is not excluded, or {@code null}. Keys before
     * {@code after} are not looked at, so a caller that removes each key it visits walks the index
     * in order.
     */
    Key nextDue(Key after, Instant now, Set<String> excludedEndpoints) {
        Map.Entry<Key, String> head = after == null ? heads.firstEntry() : heads.higherEntry(after);
        while (head != null && !head.getKey().at().isAfter(now)) {
            if (!excludedEndpoints.contains(head.getValue())) {
                return head.getKey();
            }
            head = heads.higherEntry(head.getKey());
        }
        return null;
    }

    /**
     * How many keys are due at {@code now}. Each endpoint's due keys are counted from the start of its
     * sorted set, and an endpoint whose earliest key is not due is passed over at once, so the cost is
     * the number of due keys plus one step per endpoint with a due key.
     */
    long countDue(Instant now) {
        long count = 0;
        for (Map.Entry<Key, String> head = heads.firstEntry(); head != null && !head.getKey().at().isAfter(now);
                head = heads.higherEntry(head.getKey())) {
            for (Key key : byEndpoint.get(head.getValue())) {
                if (key.at().isAfter(now)) {
                    break;
                }
                count++;
            }
        }
        return count;
    }

    private void updateHead(String endpointId, Key before, Key after) {
        if (before != null && before.equals(after)) {
            return;
        }
        if (before != null) {
            heads.remove(before);
        }
        if (after != null) {
            heads.put(after, endpointId);
        }
    }
}
