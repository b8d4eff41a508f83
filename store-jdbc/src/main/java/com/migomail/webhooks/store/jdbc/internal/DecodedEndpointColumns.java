package com.migomail.webhooks.store.jdbc.internal;

import com.migomail.webhooks.store.EndpointSecret;
import com.migomail.webhooks.store.TenantId;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An endpoint row's JSON columns and secrets, decoded once per stored value. Every publish reads its
 * tenant's endpoints, and parsing their JSON and decrypting their secrets on each read cost about a
 * quarter of a publish's CPU in the delivery benchmark.
 *
 * <p>The event types and metadata are keyed by their JSON text. The secrets are kept per endpoint
 * (tenant and id, which the ciphertext is bound to) with the exact column value they came from: a
 * changed value (a rotation, a new data key) or a value copied from another endpoint's row is
 * decrypted again, and refused there if it does not authenticate. A failure is never kept. Each map
 * holds at most {@value #LIMIT} entries and starts over when full; {@link #forget} drops a deleted
 * endpoint's secrets. Only immutable values are handed out. Thread-safe.
 */
final class DecodedEndpointColumns {

    /** The most entries of each kind kept before the map is cleared. */
    static final int LIMIT = 10_000;

    /** What decodes a column value when it is not known yet. */
    @FunctionalInterface
    interface Decoder<T> {
        T decode() throws SQLException;
    }

    private record EndpointKey(String tenant, String endpointId) {
    }

    private record Secrets(String stored, List<EndpointSecret> decoded) {
    }

    private final Map<String, List<String>> types = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> metadata = new ConcurrentHashMap<>();
    private final Map<EndpointKey, Secrets> secrets = new ConcurrentHashMap<>();

    /** The event types of a column value. */
    List<String> types(String json) {
        List<String> known = types.get(json);
        if (known == null) {
            known = List.copyOf(EndpointCodec.types(json));
            put(types, json, known);
        }
        return known;
    }

    /** The metadata of a column value. */
    Map<String, String> metadata(String json) {
        Map<String, String> known = metadata.get(json);
        if (known == null) {
            known = Map.copyOf(EndpointCodec.metadata(json));
            put(metadata, json, known);
        }
        return known;
    }

    /**
     * The secrets of an endpoint's column value: those decoded from this very value before, or what
     * {@code decoder} makes of it.
     */
    List<EndpointSecret> secrets(TenantId tenant, String endpointId, String stored, Decoder<List<EndpointSecret>> decoder)
            throws SQLException {
        EndpointKey key = new EndpointKey(tenant.value(), endpointId);
        Secrets known = secrets.get(key);
        if (known != null && known.stored().equals(stored)) {
            return known.decoded();
        }
        List<EndpointSecret> decoded = List.copyOf(decoder.decode());
        put(secrets, key, new Secrets(stored, decoded));
        return decoded;
    }

    /** Drops what is kept of an endpoint's secrets (it was deleted). */
    void forget(TenantId tenant, String endpointId) {
        secrets.remove(new EndpointKey(tenant.value(), endpointId));
    }

    /** Drops every endpoint's secrets of a tenant (it was deleted). */
    void forget(TenantId tenant) {
        secrets.keySet().removeIf(key -> key.tenant().equals(tenant.value()));
    }

    private static <K, V> void put(Map<K, V> map, K key, V value) {
        if (map.size() >= LIMIT) {
            map.clear();
        }
        map.put(key, value);
    }
}
