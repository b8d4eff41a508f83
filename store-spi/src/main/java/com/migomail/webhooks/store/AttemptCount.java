package com.migomail.webhooks.store;

import java.time.Instant;
import java.util.Objects;

/**
 * How many delivery attempts to one endpoint started in one time bucket, by how they ended:
 * succeeded (a 2xx answer), retried (unsuccessful, and a later attempt of the same delivery was
 * made or is still planned), or failed (unsuccessful, and the delivery's last attempt: nothing
 * follows it).
 *
 * @param bucketStart the start of the bucket ({@link AttemptCountQuery#bucketOf})
 * @param endpointId the endpoint the attempts went to ({@code ep_…})
 * @param succeeded attempts answered with a 2xx
 * @param retried unsuccessful attempts that another attempt followed or will follow
 * @param failed unsuccessful attempts that ended their delivery
 */
public record AttemptCount(Instant bucketStart, String endpointId, long succeeded, long retried, long failed) {
    /**
     * Checks the counts.
     *
     * @param bucketStart the start of the bucket
     * @param endpointId the endpoint
     * @param succeeded attempts answered with a 2xx
     * @param retried unsuccessful attempts followed by another
     * @param failed unsuccessful attempts that ended their delivery
     * @throws IllegalArgumentException if a count is negative
     */
    public AttemptCount {
        Objects.requireNonNull(bucketStart, "bucketStart cannot be null");
        Objects.requireNonNull(endpointId, "endpointId cannot be null");
        if (succeeded < 0 || retried < 0 || failed < 0) {
            throw new IllegalArgumentException("counts cannot be negative: " + succeeded + ", " + retried + ", " + failed);
        }
    }

    /** @return every attempt counted here */
    public long total() {
        return succeeded + retried + failed;
    }
}
