package com.migomail.webhooks.store.jdbc;

import com.migomail.webhooks.store.DeliveryStatus;
import com.migomail.webhooks.store.Endpoint;
import com.migomail.webhooks.store.NewDelivery;
import com.migomail.webhooks.store.StoredEvent;
import com.migomail.webhooks.store.TenantId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Small builders of test values. */
final class Fixtures {

    static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123456789Z");

    /** The tenant of the fixtures. */
    static final TenantId TENANT = TenantId.of("acme");

    private Fixtures() {
    }

    static StoredEvent event(String id) {
        return new StoredEvent(id, TENANT, "email.sent", T0, T0, "{\"id\":\"" + id + "\"}");
    }

    /** An event of that tenant stored at its own time. */
    static StoredEvent event(TenantId tenant, String id, Instant at) {
        return new StoredEvent(id, tenant, "email.sent", at, at, "{\"id\":\"" + id + "\"}");
    }

    /** A store over that prefix of the shared embedded PostgreSQL, partitioned by event day. */
    static JdbcWebhookStore partitionedPostgresStore(String prefix) {
        return builder().dataSource(TestDatabases.postgres()).tablePrefix(prefix).partitionedByEventDay().build();
    }

    /** Waits at the barrier, so that the threads of a race start together. */
    static void await(java.util.concurrent.CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static List<NewDelivery> pendingTo(String deliveryId, String endpointId) {
        return List.of(new NewDelivery(deliveryId, endpointId, DeliveryStatus.PENDING));
    }

    static Endpoint endpoint(String id) {
        return endpoint(id, TENANT);
    }

    static Endpoint endpoint(String id, TenantId tenant) {
        return new Endpoint(id, tenant, "https://example.com/hooks", List.of("*"), "", Map.of(), true, List.of(), null, null,
                T0, T0);
    }

    /** The store, with the fixture {@link #endpoint endpoints} of those ids created. */
    static <S extends JdbcWebhookStore> S withEndpoints(S store, String... endpointIds) {
        for (String id : endpointIds) {
            store.createEndpoint(endpoint(id));
        }
        return store;
    }

    /** The key-encryption key of the tests' stores. */
    static final KeyEncryptionKey KEK = kek("test-1", 1);

    /** The tests' key ring: {@link #KEK} alone. */
    static final SecretEncryptionKeys KEYS = SecretEncryptionKeys.of(KEK);

    /** A key of that id whose 32 bytes are {@code seed}, {@code seed + 1}, ... */
    static KeyEncryptionKey kek(String id, int seed) {
        byte[] key = new byte[KeyEncryptionKey.KEY_BYTES];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (seed + i);
        }
        return KeyEncryptionKey.of(id, key);
    }

    /** A builder whose stores encrypt secrets under {@link #KEYS}, as production ones do. */
    static JdbcWebhookStore.Builder builder() {
        return JdbcWebhookStore.builder().secretEncryption(KEYS);
    }

    /** A store over that H2 file, secrets encrypted under {@link #KEYS}. */
    static JdbcWebhookStore h2File(Path file) {
        return builder().h2File(file).build();
    }

    /** A store over a fresh table prefix in the shared embedded PostgreSQL. */
    static JdbcWebhookStore postgresStore() {
        return builder().dataSource(TestDatabases.postgres()).tablePrefix(TestDatabases.freshPrefix()).build();
    }

    /** The JDBC URL of the H2 database {@link JdbcWebhookStore.Builder#h2File(Path)} opens for that file. */
    static String h2Url(Path file) {
        return "jdbc:h2:file:" + file.toAbsolutePath().normalize() + ";WRITE_DELAY=0";
    }
}
