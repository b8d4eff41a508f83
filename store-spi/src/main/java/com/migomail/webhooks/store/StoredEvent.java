package com.migomail.webhooks.store;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An event as the store keeps it: the envelope fields needed for queries and the exact body that
 * every attempt and every replay sends.
 *
 * @param id the event id ({@code evt_…}), unique across tenants
 * @param tenant the tenant it was published for; only that tenant's endpoints get it
 * @param type the wire name of the event type
 * @param timestamp when the event happened (the time that range queries and retention use)
 * @param storedAt when the store accepted it
 * @param body the JSON body, byte for byte what receivers get (as UTF-8)
 * @param subscriberKey a keyed hash of the lower-cased address of the subscriber the event names
 *     (the index {@link ErasureStore#eraseSubscriberBatch} finds it by, which is no copy of the address),
 *     or {@code null} when it names none
 * @param traceContext the trace context that was current when the event was published, as the
 *     propagation headers that carry it (W3C {@code traceparent} and {@code tracestate}), captured by
 *     the sender's tracer; empty when there was none or no tracer was set. Bounded: at most
 *     {@link #MAX_TRACE_CONTEXT_ENTRIES} entries, each named by a lower-case header name of at most
 *     {@link #MAX_TRACE_CONTEXT_NAME_LENGTH} characters ({@code [a-z0-9][a-z0-9._-]*}) with a value of
 *     1 to {@link #MAX_TRACE_CONTEXT_VALUE_LENGTH} printable ASCII characters (W3C allows a
 *     {@code tracestate} of 512, and a {@code traceparent} is 55), so that a store can keep it in a
 *     small column and a request can carry it
 */
public record StoredEvent(
        String id, TenantId tenant, String type, Instant timestamp, Instant storedAt, String body,
        String subscriberKey, Map<String, String> traceContext) {

    /** The most entries a {@link #traceContext()} may have. */
    public static final int MAX_TRACE_CONTEXT_ENTRIES = 4;

    /** The longest name of a {@link #traceContext()} entry. */
    public static final int MAX_TRACE_CONTEXT_NAME_LENGTH = 64;

    /** The longest value of a {@link #traceContext()} entry: the W3C limit of {@code tracestate}. */
    public static final int MAX_TRACE_CONTEXT_VALUE_LENGTH = 512;

    private static final Pattern TRACE_CONTEXT_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern TRACE_CONTEXT_VALUE = Pattern.compile("[\\x20-\\x7e]{1,512}");

    /**
     * Validates that no required component is null.
     *
     * @param id the event id ({@code evt_…}), unique across tenants
     * @param tenant the tenant it was published for
     * @param type the wire name of the event type
     * @param timestamp when the event happened
     * @param storedAt when the store accepted it
     * @param body the JSON body, byte for byte what receivers get
     * @param subscriberKey the keyed hash of the subscriber's address, or {@code null}
     * @param traceContext the trace context captured at publish, empty for none; copied
     * @throws NullPointerException if a component other than {@code subscriberKey} is null, or the
     *     trace context holds a null name or value
     * @throws IllegalArgumentException if the trace context is over its bounds (see
     *     {@link #isStorableTraceContextEntry})
     */
    public StoredEvent {
        Objects.requireNonNull(id, "id cannot be null");
        Objects.requireNonNull(tenant, "tenant cannot be null");
        Objects.requireNonNull(type, "type cannot be null");
        Objects.requireNonNull(timestamp, "timestamp cannot be null");
        Objects.requireNonNull(storedAt, "storedAt cannot be null");
        Objects.requireNonNull(body, "body cannot be null");
        traceContext = Map.copyOf(Objects.requireNonNull(traceContext, "traceContext cannot be null"));
        if (traceContext.size() > MAX_TRACE_CONTEXT_ENTRIES) {
            throw new IllegalArgumentException("traceContext cannot have more than " + MAX_TRACE_CONTEXT_ENTRIES
                    + " entries: " + traceContext.size());
        }
        traceContext.forEach((name, value) -> {
            if (!isStorableTraceContextEntry(name, value)) {
                throw new IllegalArgumentException("traceContext entry " + (TRACE_CONTEXT_NAME.matcher(name).matches()
                        ? name + " has a value that is not 1 to " + MAX_TRACE_CONTEXT_VALUE_LENGTH
                                + " printable ASCII characters"
                        : "name is not a lower-case header name of at most " + MAX_TRACE_CONTEXT_NAME_LENGTH
                                + " characters"));
            }
        });
    }

    /**
     * An event without a trace context.
     *
     * @param id the event id ({@code evt_…}), unique across tenants
     * @param tenant the tenant it was published for
     * @param type the wire name of the event type
     * @param timestamp when the event happened
     * @param storedAt when the store accepted it
     * @param body the JSON body, byte for byte what receivers get
     * @param subscriberKey the keyed hash of the subscriber's address, or {@code null}
     * @throws NullPointerException if an argument other than {@code subscriberKey} is null
     */
    public StoredEvent(String id, TenantId tenant, String type, Instant timestamp, Instant storedAt, String body,
            String subscriberKey) {
        this(id, tenant, type, timestamp, storedAt, body, subscriberKey, Map.of());
    }

    /**
     * Whether a {@link #traceContext()} may hold this entry: a lower-case header name
     * ({@code [a-z0-9][a-z0-9._-]*}, at most {@link #MAX_TRACE_CONTEXT_NAME_LENGTH} characters) and a
     * value of 1 to {@link #MAX_TRACE_CONTEXT_VALUE_LENGTH} printable ASCII characters. The sender
     * drops an entry its tracer captures that is not, rather than refuse the publish.
     *
     * @param name the header name
     * @param value its value
     * @return whether both are within the bounds
     * @throws NullPointerException if name or value is null
     */
    public static boolean isStorableTraceContextEntry(String name, String value) {
        Objects.requireNonNull(name, "traceContext name cannot be null");
        Objects.requireNonNull(value, "traceContext value cannot be null");
        return TRACE_CONTEXT_NAME.matcher(name).matches() && TRACE_CONTEXT_VALUE.matcher(value).matches();
    }

    /**
     * This event with another trace context.
     *
     * @param context the trace context, empty for none
     * @return the event with that trace context
     * @throws NullPointerException if context is null or holds a null
     * @throws IllegalArgumentException if context is over its bounds
     */
    public StoredEvent withTraceContext(Map<String, String> context) {
        return new StoredEvent(id, tenant, type, timestamp, storedAt, body, subscriberKey, context);
    }

    /**
     * An event that names no subscriber ({@code subscriberKey} {@code null}) and has no trace context.
     *
     * @param id the event id ({@code evt_…}), unique across tenants
     * @param tenant the tenant it was published for
     * @param type the wire name of the event type
     * @param timestamp when the event happened
     * @param storedAt when the store accepted it
     * @param body the JSON body, byte for byte what receivers get
     * @throws NullPointerException if an argument is null
     */
    public StoredEvent(String id, TenantId tenant, String type, Instant timestamp, Instant storedAt, String body) {
        this(id, tenant, type, timestamp, storedAt, body, null);
    }
}
