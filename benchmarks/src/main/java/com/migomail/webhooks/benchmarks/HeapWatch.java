package com.migomail.webhooks.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Heap figures of this JVM: the live heap after a full collection (forced, at sample points), and the
 * largest heap left after any collection the JVM made on its own (an upper bound of the live heap, as
 * young collections leave old garbage in place). Thread-safe.
 */
final class HeapWatch implements AutoCloseable {

    private final AtomicLong maxAfterAnyGc = new AtomicLong();
    private final List<Runnable> unsubscribe = new ArrayList<>();

    /** Starts listening to every collector's notifications. */
    HeapWatch() {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                NotificationListener listener = (notification, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        record(GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()));
                    }
                };
                emitter.addNotificationListener(listener, null, null);
                unsubscribe.add(() -> {
                    try {
                        emitter.removeNotificationListener(listener);
                    } catch (javax.management.ListenerNotFoundException e) {
                        // already gone
                    }
                });
            }
        }
    }

    private void record(GarbageCollectionNotificationInfo info) {
        long used = 0;
        for (MemoryUsage usage : info.getGcInfo().getMemoryUsageAfterGc().values()) {
            used += usage.getUsed();
        }
        // Non-heap pools (metaspace, code cache) are in the map too; subtract them.
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.NON_HEAP) {
                MemoryUsage usage = info.getGcInfo().getMemoryUsageAfterGc().get(pool.getName());
                used -= usage == null ? 0 : usage.getUsed();
            }
        }
        long after = used;
        maxAfterAnyGc.accumulateAndGet(after, Math::max);
    }

    /** Forces a full collection and returns the heap used after it, in bytes. */
    static long liveHeapAfterFullGc() {
        ManagementFactory.getMemoryMXBean().gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The largest heap used after any collection since this watch started, in bytes. */
    long maxAfterAnyGc() {
        return maxAfterAnyGc.get();
    }

    @Override
    public void close() {
        unsubscribe.forEach(Runnable::run);
    }
}
