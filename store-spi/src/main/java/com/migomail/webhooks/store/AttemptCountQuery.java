package com.migomail.webhooks.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Which of a tenant's delivery attempts to count, and in what time buckets: attempts started in
 * {@code [from, to)}, in buckets of {@code bucket} starting at {@code from}, of one endpoint or of
 * all the tenant's endpoints.
 *
 * @param from the start of the first bucket, inclusive
 * @param to the end of the range, exclusive; after {@code from}
 * @param bucket the width of each bucket; at least a minute
 * @param endpointId only this endpoint's attempts ({@code ep_…}), or {@code null} for all
 */
public record AttemptCountQuery(Instant from, Instant to, Duration bucket, String endpointId) {
    /** The most buckets one query may span (a year of hours is 8,760). */
    public static final int MAX_BUCKETS = 10_000;

    /**
     * Checks the range and bucket.
     *
     * @param from the start of the first bucket, inclusive
     * @param to the end of the range, exclusive
     * @param bucket the width of each bucket
     * @param endpointId one endpoint, or {@code null} for all
     * @throws IllegalArgumentException if {@code to} is not after {@code from}, the bucket is under
     *     a minute, or the range spans more than {@link #MAX_BUCKETS} buckets
     */
    public AttemptCountQuery {
        Objects.requireNonNull(from, "from cannot be null");
        Objects.requireNonNull(to, "to cannot be null");
        Objects.requireNonNull(bucket, "bucket cannot be null");
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("to (" + to + ") must be after from (" + from + ")");
        }
        if (bucket.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("bucket must be at least a minute: " + bucket);
        }
        Duration range = Duration.between(from, to);
        long whole = range.dividedBy(bucket);
        long buckets = bucket.multipliedBy(whole).equals(range) ? whole : whole + 1;
        if (buckets > MAX_BUCKETS) {
            throw new IllegalArgumentException("the range " + range + " spans more than " + MAX_BUCKETS
                    + " buckets of " + bucket);
        }
    }

    /**
     * Hourly buckets over a range, of all endpoints.
     *
     * @param from the start of the first hour, inclusive
     * @param to the end of the range, exclusive
     * @return the query
     */
    public static AttemptCountQuery hourly(Instant from, Instant to) {
        return new AttemptCountQuery(from, to, Duration.ofHours(1), null);
    }

    /**
     * The same query for one endpoint's attempts only.
     *
     * @param newEndpointId the endpoint id ({@code ep_…})
     * @return the narrowed query
     */
    public AttemptCountQuery withEndpoint(String newEndpointId) {
        return new AttemptCountQuery(from, to, bucket,
                Objects.requireNonNull(newEndpointId, "endpointId cannot be null"));
    }

    /**
     * The start of the bucket an instant in the range falls in.
     *
     * @param at an instant in {@code [from, to)}
     * @return {@code from + k * bucket} for the largest {@code k} that is not after {@code at}
     */
    public Instant bucketOf(Instant at) {
        long k = Duration.between(from, at).dividedBy(bucket);
        return from.plus(bucket.multipliedBy(k));
    }
}
