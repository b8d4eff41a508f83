package com.migomail.webhooks.benchmarks;

import java.util.Arrays;
import java.util.Locale;

/**
 * The figures of one measured run.
 *
 * @param name what ran
 * @param published events published (or requests sent)
 * @param received distinct events received
 * @param duplicates requests received again for an already received event
 * @param publishPerSecond published per second, first to last publish
 * @param deliveriesPerSecond received per second, first publish to last receipt
 * @param p50Millis median publish-to-receipt latency
 * @param p99Millis 99th percentile latency
 * @param maxMillis largest latency
 */
record RunResult(String name, int published, int received, int duplicates, double publishPerSecond,
        double deliveriesPerSecond, double p50Millis, double p99Millis, double maxMillis) {

    static RunResult of(String name, int published, int received, int duplicates, long firstPublish,
            long lastPublish, long lastReceipt, long[] latencies) {
        Arrays.sort(latencies);
        double publishSeconds = Math.max(1, lastPublish - firstPublish) / 1e9;
        double totalSeconds = Math.max(1, lastReceipt - firstPublish) / 1e9;
        return new RunResult(name, published, received, duplicates, published / publishSeconds,
                received / totalSeconds, percentile(latencies, 0.50), percentile(latencies, 0.99),
                latencies.length == 0 ? Double.NaN : latencies[latencies.length - 1] / 1e6);
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    /** One table row. */
    String row() {
        return String.format(Locale.ROOT, "%-50s %8d %8d %5d %10.0f %10.0f %9.2f %9.2f %9.2f",
                name, published, received, duplicates, publishPerSecond, deliveriesPerSecond,
                p50Millis, p99Millis, maxMillis);
    }

    /** The header of {@link #row()}. */
    static String header() {
        return String.format(Locale.ROOT, "%-50s %8s %8s %5s %10s %10s %9s %9s %9s",
                "run", "sent", "received", "dup", "publish/s", "deliv./s", "p50 ms", "p99 ms", "max ms");
    }
}
