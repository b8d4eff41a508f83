package com.migomail.webhooks.delivery;

import com.migomail.webhooks.store.WebhookStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Passes every call on to a store and counts them by method name: a store round trip each. */
final class CountingStore {
    /**
     * Claims, the clock comparison every poll makes and the due-work subscription each start makes:
     * the poller's calls, not an attempt's.
     */
    private static final Set<String> CLAIMS = Set.of("claim", "claimDue", "release", "sharedClockTime", "onDueWork");

    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final WebhookStore store;

    CountingStore(WebhookStore delegate) {
        this.store = (WebhookStore) Proxy.newProxyInstance(WebhookStore.class.getClassLoader(),
                new Class<?>[] {WebhookStore.class}, (proxy, method, args) -> {
                    if (method.getDeclaringClass() != Object.class) {
                        calls.computeIfAbsent(method.getName(), name -> new AtomicInteger()).incrementAndGet();
                    }
                    try {
                        return method.invoke(delegate, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** The counting store to hand to a sender. */
    WebhookStore store() {
        return store;
    }

    /** Forgets the calls counted so far. */
    void reset() {
        calls.clear();
    }

    /** How many times that method was called since the last reset, claims included. */
    int count(String method) {
        AtomicInteger count = calls.get(method);
        return count == null ? 0 : count.get();
    }

    /**
     * The calls counted since the last reset, by method name, leaving out claims and releases: the
     * poller makes those on every tick, so their number depends on timing, not on the attempt path.
     */
    Map<String, Integer> callsBesidesClaims() {
        Map<String, Integer> counted = new TreeMap<>();
        calls.forEach((name, count) -> {
            if (!CLAIMS.contains(name)) {
                counted.put(name, count.get());
            }
        });
        return counted;
    }
}
