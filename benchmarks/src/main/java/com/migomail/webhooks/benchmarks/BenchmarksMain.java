package com.migomail.webhooks.benchmarks;

import java.util.Arrays;

/**
 * The entry point of {@code benchmarks.jar}: {@code delivery …}, {@code memory …}, {@code tenants …}, {@code integrations …}, {@code wakeup …} and {@code retention …} run the plain-Java
 * harnesses; anything else goes to JMH's own command line ({@code -f 1 -wi 3 SigningBenchmark}, {@code -h}).
 */
public final class BenchmarksMain {

    private BenchmarksMain() {}

    /**
     * Runs a harness or JMH.
     *
     * @param args {@code delivery [options]}, {@code memory [options]}, {@code tenants [options]}, {@code integrations [options]}, {@code wakeup [options]}, {@code retention [options]}, or JMH arguments
     */
    public static void main(String[] args) throws Exception {
        String first = args.length == 0 ? "" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (first) {
            case "delivery" -> DeliveryHarness.main(rest);
            case "memory" -> MemoryHarness.main(rest);
            case "tenants" -> TenantHarness.main(rest);
            case "integrations" -> IntegrationsHarness.main(rest);
            case "wakeup" -> WakeUpHarness.main(rest);
            case "retention" -> RetentionHarness.main(rest);
            default -> org.openjdk.jmh.Main.main(args);
        }
    }
}
