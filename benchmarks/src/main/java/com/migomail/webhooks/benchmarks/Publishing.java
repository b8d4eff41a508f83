package com.migomail.webhooks.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Runs an action for indices {@code 0..n-1} on a number of threads, as fast as possible or paced at a
 * fixed rate (index {@code i} is not started before {@code start + i / rate}). Not thread-safe itself;
 * each call blocks until all indices are done.
 */
final class Publishing {

    private Publishing() {}

    /**
     * Runs {@code action} for every index.
     *
     * @param ratePerSecond the pace, or 0 for as fast as the threads go
     * @return the first failure, or {@code null}
     */
    static Throwable run(int n, int threads, double ratePerSecond, IntConsumer action) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger failures = new AtomicInteger();
        long start = System.nanoTime();
        double periodNanos = ratePerSecond > 0 ? 1e9 / ratePerSecond : 0;
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    waitUntil(start + (long) (i * periodNanos));
                    try {
                        action.accept(i);
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                        failure.compareAndSet(null, e);
                    }
                }
            }, "publisher-" + t);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        if (failures.get() > 0) {
            System.out.println("  " + failures.get() + " of " + n + " failed, first: " + failure.get());
        }
        return failure.get();
    }

    private static void waitUntil(long nanoTime) {
        for (long left = nanoTime - System.nanoTime(); left > 0; left = nanoTime - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}
