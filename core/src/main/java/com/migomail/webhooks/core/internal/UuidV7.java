package com.migomail.webhooks.core.internal;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Generates UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, version 7, 74 random bits.
 *
 * <p>Ids of the same millisecond stay in creation order (RFC 9562 method 3, "monotonic random"):
 * the 74 random bits of the previous id plus one. If the clock goes back, monotonicity is given up
 * rather than stamping ids with a time the clock did not report. Thread-safe.
 */
public final class UuidV7 {
    private static final long MAX_MILLIS = (1L << 48) - 1;
    private static final long RAND_B_MASK = (1L << 62) - 1;
    private static final long VARIANT = 1L << 63;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Object LOCK = new Object();
    private static long lastMillis = -1;
    private static long lastRandA;
    private static long lastRandB;

    private UuidV7() {}

    /**
     * A UUIDv7 carrying that time.
     *
     * @param epochMillis Unix milliseconds, 0 to 2^48-1
     * @return the UUID
     * @throws IllegalArgumentException if the time does not fit 48 bits
     */
    public static UUID generate(long epochMillis) {
        if (epochMillis < 0 || epochMillis > MAX_MILLIS) {
            throw new IllegalArgumentException("time out of UUIDv7 range: " + epochMillis + " ms");
        }
        synchronized (LOCK) {
            if (epochMillis == lastMillis) {
                increment();
            } else {
                lastMillis = epochMillis;
                lastRandA = RANDOM.nextInt(1 << 12);
                lastRandB = RANDOM.nextLong() & RAND_B_MASK;
            }
            long msb = (lastMillis << 16) | (7L << 12) | lastRandA;
            return new UUID(msb, VARIANT | lastRandB);
        }
    }

    // rand_a:rand_b as one 74-bit counter; past its end, borrow the next millisecond.
    private static void increment() {
        lastRandB = (lastRandB + 1) & RAND_B_MASK;
        if (lastRandB == 0) {
            lastRandA = (lastRandA + 1) & 0xFFF;
            if (lastRandA == 0 && lastMillis < MAX_MILLIS) {
                lastMillis++;
            }
        }
    }
}
