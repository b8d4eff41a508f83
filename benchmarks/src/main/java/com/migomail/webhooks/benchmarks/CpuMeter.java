package com.migomail.webhooks.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * CPU time spent by this JVM and by every PostgreSQL process on the machine, read before and after
 * a run: on a 2-core machine where sender, receiver and database share the cores, CPU per delivery
 * says what a rate cannot, which side of a design costs what. PostgreSQL's share is read from
 * {@code /proc} (Linux; processes named {@code postgres}, in clock ticks of 10 ms), so it is absent
 * elsewhere.
 */
final class CpuMeter {

    /** Linux's USER_HZ on every architecture the bundled PostgreSQL binaries run on. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    /**
     * CPU time so far: this JVM's, the part of it spent in the kernel (system calls, thread wake-ups),
     * and all PostgreSQL processes' (negative when unknown).
     */
    record Reading(long jvmNanos, long jvmSystemNanos, long postgresNanos) {
    }

    private CpuMeter() {
    }

    /** Reads both now. */
    static Reading read() {
        long jvm = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
        long[] self = ticks(Path.of("/proc/self"), null);
        return new Reading(jvm, self == null ? -1 : self[1] * NANOS_PER_TICK, postgresNanos());
    }

    /** CPU per delivery between two readings, as {@code JVM x ms + PostgreSQL y ms per 1,000 deliveries}. */
    static String perThousand(Reading before, Reading after, long deliveries) {
        double per = 1000.0 / Math.max(1, deliveries) / 1e6;
        double jvm = (after.jvmNanos() - before.jvmNanos()) * per;
        String system = before.jvmSystemNanos() < 0 ? "" : String.format(Locale.ROOT, " (%.0f in the kernel)",
                (after.jvmSystemNanos() - before.jvmSystemNanos()) * per);
        String postgres = before.postgresNanos() < 0 || after.postgresNanos() < 0 ? "n/a"
                : String.format(Locale.ROOT, "%.0f ms", (after.postgresNanos() - before.postgresNanos()) * per);
        return String.format(Locale.ROOT, "CPU per 1,000 deliveries: JVM %.0f ms%s, PostgreSQL %s", jvm, system,
                postgres);
    }

    private static long postgresNanos() {
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) {
            return -1;
        }
        long ticks = 0;
        try (Stream<Path> entries = Files.list(proc)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                String name = entry.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                long[] process = ticks(entry, "postgres");
                if (process != null) {
                    ticks += process[0] + process[1];
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return ticks * NANOS_PER_TICK;
    }

    /**
     * User and system ticks of one process, if its command is {@code command} (any if null); null
     * for another command, or a process that just ended.
     */
    private static long[] ticks(Path process, String command) {
        try {
            String stat = Files.readString(process.resolve("stat"));
            int end = stat.lastIndexOf(')');
            if (end < 0 || (command != null && !stat.substring(stat.indexOf('(') + 1, end).equals(command))) {
                return null;
            }
            // Fields after the command: state is field 3, utime 14 and stime 15 of the whole line.
            String[] fields = stat.substring(end + 2).split(" ");
            return new long[] {Long.parseLong(fields[11]), Long.parseLong(fields[12])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
