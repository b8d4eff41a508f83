package com.migomail.webhooks.store.jdbc;

import static com.migomail.webhooks.store.jdbc.Fixtures.T0;
import static com.migomail.webhooks.store.jdbc.Fixtures.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.migomail.webhooks.core.EmailSent;
import com.migomail.webhooks.core.Subscriber;
import com.migomail.webhooks.core.WebhookEvent;
import com.migomail.webhooks.delivery.EndpointAddressPolicy;
import com.migomail.webhooks.delivery.EndpointRegistration;
import com.migomail.webhooks.delivery.RetrySchedule;
import com.migomail.webhooks.delivery.WebhookSender;
import com.migomail.webhooks.store.DeliveryStatus;
import com.migomail.webhooks.store.Endpoint;
import com.migomail.webhooks.store.EndpointSecret;
import com.migomail.webhooks.store.TenantId;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Endpoint secrets at rest: encrypted under the host's key-encryption key, never readable in the
 * column; a store without the key refuses to start; the key rotates; plain rows get encrypted; a
 * ciphertext moved to another endpoint does not decrypt. The same specification on an H2 file and
 * on PostgreSQL, read back with plain JDBC.
 */
class SecretsAtRestTest {

    static final KeyEncryptionKey OLD = Fixtures.kek("2025-01", 1);
    static final KeyEncryptionKey NEW = Fixtures.kek("2025-06", 101);
    static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString("a secret of 24 bytes....".getBytes());
    static final String NEXT_SECRET = "whsec_" + Base64.getEncoder().encodeToString("the next secret of 24 b.".getBytes());
    static final TenantId OTHER = TenantId.of("other");

    abstract static class Spec {

        final List<JdbcWebhookStore> opened = new ArrayList<>();

        abstract Connection connect() throws SQLException;

        abstract String prefix();

        /** A builder over the database, with its prefix; how secrets are stored is up to the test. */
        abstract JdbcWebhookStore.Builder builder();

        JdbcWebhookStore store(KeyEncryptionKey current, KeyEncryptionKey... others) {
            return track(builder().secretEncryption(SecretEncryptionKeys.of(current, others)).build());
        }

        JdbcWebhookStore plainTextStore() {
            return track(builder().storeSecretsInPlainText().build());
        }

        private JdbcWebhookStore track(JdbcWebhookStore store) {
            opened.add(store);
            return store;
        }

        @AfterEach
        void closeStores() {
            opened.forEach(JdbcWebhookStore::close);
        }

        static Endpoint endpoint(String id, TenantId tenant, String secret) {
            Endpoint endpoint = Fixtures.endpoint(id, tenant);
            return new Endpoint(endpoint.id(), tenant, endpoint.url(), endpoint.eventTypes(), endpoint.description(),
                    endpoint.metadata(), true, List.of(new EndpointSecret(secret, T0, null)), null, null, T0, T0);
        }

        static String secretOf(JdbcWebhookStore store, TenantId tenant, String endpointId) {
            return store.endpoint(tenant, endpointId).orElseThrow().secrets().get(0).key();
        }

        String rawSecrets(String endpointId) throws SQLException {
            return query("SELECT secrets FROM " + prefix() + "endpoints WHERE id = ?", endpointId).get(endpointId);
        }

        /** Every endpoint's column, by id. */
        Map<String, String> rawSecrets() throws SQLException {
            return query("SELECT id, secrets FROM " + prefix() + "endpoints", null);
        }

        /** The settings rows, by id. */
        Map<String, String> rawSettings() throws SQLException {
            return query("SELECT id, content FROM " + prefix() + "settings", null);
        }

        private Map<String, String> query(String sql, String id) throws SQLException {
            Map<String, String> rows = new TreeMap<>();
            try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
                if (id != null) {
                    statement.setString(1, id);
                }
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        rows.put(id != null ? id : result.getString(1), result.getString(id != null ? 1 : 2));
                    }
                }
            }
            return rows;
        }

        void setRawSecrets(String endpointId, String value) throws SQLException {
            try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(
                    "UPDATE " + prefix() + "endpoints SET secrets = ? WHERE id = ?")) {
                statement.setString(1, value);
                statement.setString(2, endpointId);
                assertThat(statement.executeUpdate()).isEqualTo(1);
            }
        }

        @Test
        void theSecretsColumnHoldsACiphertextNotTheSecret() throws SQLException {
            JdbcWebhookStore store = store(OLD);
            store.createEndpoint(endpoint("ep_1", TENANT, SECRET));
            store.createEndpoint(endpoint("ep_2", TENANT, SECRET));

            String raw = rawSecrets("ep_1");
            assertThat(raw).startsWith("enc:v1:").doesNotContain(SECRET).doesNotContain(SECRET.substring(6))
                    .doesNotContain("whsec_");
            assertThat(rawSecrets("ep_2")).as("a fresh nonce for every write").isNotEqualTo(raw)
                    .doesNotContain(raw.substring(raw.lastIndexOf(':')));
            assertThat(secretOf(store, TENANT, "ep_1")).isEqualTo(SECRET);
            assertThat(store.endpoint(TENANT, "ep_1")).contains(endpoint("ep_1", TENANT, SECRET));
        }

        @Test
        void aRotatedSecretIsEncryptedToo() throws SQLException {
            JdbcWebhookStore store = store(OLD);
            store.createEndpoint(endpoint("ep_1", TENANT, SECRET));

            Endpoint rotated = store.rotateSecret(TENANT, "ep_1", new EndpointSecret(NEXT_SECRET, T0.plusSeconds(60), null),
                    T0.plusSeconds(3600), T0.plusSeconds(60));

            assertThat(rotated.secrets()).extracting(EndpointSecret::key).containsExactly(SECRET, NEXT_SECRET);
            assertThat(store(OLD).endpoint(TENANT, "ep_1")).contains(rotated);
            assertThat(rawSecrets("ep_1")).startsWith("enc:v1:").doesNotContain("whsec_");
        }

        @Test
        void theSubscriberIndexKeyIsEncryptedAndStaysTheSame() throws SQLException {
            byte[] key = store(OLD).subscriberIndexKey();

            assertThat(rawSettings().get("subscriber_index_key")).startsWith("enc:v1:")
                    .doesNotContain(Base64.getEncoder().encodeToString(key));
            assertThat(store(NEW, OLD).subscriberIndexKey()).isEqualTo(key);
        }

        @Test
        void aStoreInPlainTextRefusesAnEncryptedDatabase() throws SQLException {
            store(OLD).createEndpoint(endpoint("ep_1", TENANT, SECRET));
            String before = rawSecrets("ep_1");
            JdbcWebhookStore plain = plainTextStore();

            assertThatThrownBy(plain::migrate)
                    .isInstanceOfSatisfying(MissingKeyEncryptionKeyException.class, e -> {
                        assertThat(e.neededKeyIds()).containsExactly("2025-01");
                        assertThat(e.givenKeyIds()).isEmpty();
                    })
                    .hasMessage("the endpoint secrets in this database are encrypted under key-encryption key 2025-01,"
                            + " and the store was built with storeSecretsInPlainText(): build it with"
                            + " secretEncryption(SecretEncryptionKeys.of(...)) holding that key; nothing was changed");
            assertThatThrownBy(() -> plain.endpoints(TENANT)).isInstanceOf(MissingKeyEncryptionKeyException.class);
            assertThat(rawSecrets("ep_1")).isEqualTo(before);
        }

        @Test
        void aStoreWithoutTheKeyInUseRefusesToStart() throws SQLException {
            store(OLD).createEndpoint(endpoint("ep_1", TENANT, SECRET));
            Map<String, String> settings = rawSettings();
            JdbcWebhookStore withoutIt = store(NEW);

            assertThatThrownBy(() -> withoutIt.endpoint(TENANT, "ep_1"))
                    .isInstanceOfSatisfying(MissingKeyEncryptionKeyException.class, e -> {
                        assertThat(e.neededKeyIds()).containsExactly("2025-01");
                        assertThat(e.givenKeyIds()).containsExactly("2025-06");
                    })
                    .hasMessage("the endpoint secrets in this database are encrypted under key-encryption key 2025-01,"
                            + " which the store was not given (it has 2025-06): add it to"
                            + " SecretEncryptionKeys.of(current, others...), as the current key or another one;"
                            + " nothing was changed");
            assertThat(rawSettings()).isEqualTo(settings);
        }

        @Test
        void aKeyWithTheIdInUseButOtherBytesIsRefused() {
            store(OLD).createEndpoint(endpoint("ep_1", TENANT, SECRET));
            JdbcWebhookStore wrongBytes = store(Fixtures.kek("2025-01", 77));

            assertThatThrownBy(wrongBytes::migrate)
                    .isInstanceOfSatisfying(KeyEncryptionKeyMismatchException.class,
                            e -> assertThat(e.keyId()).isEqualTo("2025-01"))
                    .hasMessage("key-encryption key 2025-01 does not decrypt the data key the database keeps under that"
                            + " id: its bytes are not the ones the data key was wrapped with, or the settings row was"
                            + " altered");
        }

        @Test
        void rotatingTheKeyEncryptionKeyRewrapsOnlyTheDataKey() throws SQLException {
            store(OLD).createEndpoint(endpoint("ep_1", TENANT, SECRET));
            String row = rawSecrets("ep_1");
            assertThat(rawSettings().get("secret_data_key")).contains(":2025-01:");

            store(NEW, OLD).migrate();

            assertThat(rawSettings().get("secret_data_key")).contains(":2025-06:").doesNotContain("2025-01");
            assertThat(rawSecrets("ep_1")).isEqualTo(row);
            assertThat(secretOf(store(NEW), TENANT, "ep_1")).isEqualTo(SECRET);
            assertThatThrownBy(store(OLD)::migrate).isInstanceOfSatisfying(MissingKeyEncryptionKeyException.class,
                    e -> assertThat(e.neededKeyIds()).containsExactly("2025-06"));
        }

        @Test
        void plainRowsAreEncryptedWhenAStoreWithAKeyStarts() throws SQLException {
            JdbcWebhookStore plain = plainTextStore();
            // More than two batches of the start-up pass.
            IntStream.range(0, 250).forEach(i -> plain.createEndpoint(endpoint("ep_" + (1000 + i), TENANT, SECRET)));
            byte[] indexKey = plain.subscriberIndexKey();
            assertThat(rawSecrets("ep_1000")).contains(SECRET);
            plain.close();

            JdbcWebhookStore store = store(OLD);
            store.migrate();

            assertThat(rawSecrets()).hasSize(250).allSatisfy((id, raw) ->
                    assertThat(raw).startsWith("enc:v1:").doesNotContain("whsec_"));
            assertThat(store.endpoints(TENANT)).hasSize(250)
                    .allSatisfy(endpoint -> assertThat(endpoint.secrets().get(0).key()).isEqualTo(SECRET));
            assertThat(rawSettings().get("subscriber_index_key")).startsWith("enc:v1:");
            assertThat(store.subscriberIndexKey()).isEqualTo(indexKey);
        }

        @Test
        void aCiphertextCopiedToAnotherEndpointOrTenantDoesNotDecrypt() throws SQLException {
            JdbcWebhookStore store = store(OLD);
            store.createEndpoint(endpoint("ep_1", TENANT, SECRET));
            store.createEndpoint(endpoint("ep_2", TENANT, NEXT_SECRET));
            store.createEndpoint(endpoint("ep_3", OTHER, NEXT_SECRET));
            setRawSecrets("ep_2", rawSecrets("ep_1"));
            setRawSecrets("ep_3", rawSecrets("ep_1"));

            assertThatThrownBy(() -> store.endpoint(TENANT, "ep_2"))
                    .isInstanceOfSatisfying(SecretDecryptionException.class, e -> {
                        assertThat(e.tenant()).isEqualTo(TENANT);
                        assertThat(e.endpointId()).isEqualTo("ep_2");
                    })
                    .hasMessage("the secrets of endpoint ep_2 of tenant acme do not decrypt: the ciphertext does not"
                            + " authenticate: it was altered, or copied from another endpoint or tenant")
                    .hasMessageNotContaining("whsec_");
            assertThatThrownBy(() -> store.endpoints(OTHER)).isInstanceOf(SecretDecryptionException.class)
                    .hasMessageStartingWith("the secrets of endpoint ep_3 of tenant other do not decrypt");
            assertThat(secretOf(store, TENANT, "ep_1")).isEqualTo(SECRET);
        }

        @Test
        void aCiphertextCopiedOrAlteredAfterTheEndpointWasReadDoesNotDecryptEither() throws SQLException {
            // Reads keep what they decoded: a changed column must be decrypted (and refused) again.
            JdbcWebhookStore store = store(OLD);
            store.createEndpoint(endpoint("ep_1", TENANT, SECRET));
            store.createEndpoint(endpoint("ep_2", TENANT, NEXT_SECRET));
            assertThat(store.endpoints(TENANT)).hasSize(2);
            String raw = rawSecrets("ep_1");

            setRawSecrets("ep_2", raw);
            int at = raw.lastIndexOf(':') + 1;
            byte[] sealed = Base64.getDecoder().decode(raw.substring(at));
            sealed[20] ^= 1;
            setRawSecrets("ep_1", raw.substring(0, at) + Base64.getEncoder().encodeToString(sealed));

            assertThatThrownBy(() -> store.endpoint(TENANT, "ep_2")).isInstanceOf(SecretDecryptionException.class)
                    .hasMessageContaining("endpoint ep_2 of tenant acme");
            assertThatThrownBy(() -> store.endpoint(TENANT, "ep_1")).isInstanceOf(SecretDecryptionException.class)
                    .hasMessageContaining("endpoint ep_1 of tenant acme");
            assertThatThrownBy(() -> store.endpoints(TENANT)).isInstanceOf(SecretDecryptionException.class);
        }

        @Test
        void aSecretRotatedThroughAnotherStoreIsWhatTheNextReadReturns() {
            JdbcWebhookStore reader = store(OLD);
            JdbcWebhookStore writer = store(OLD);
            reader.createEndpoint(endpoint("ep_1", TENANT, SECRET));
            assertThat(secretOf(reader, TENANT, "ep_1")).isEqualTo(SECRET);

            writer.rotateSecret(TENANT, "ep_1", new EndpointSecret(NEXT_SECRET, T0.plusSeconds(60), null),
                    T0.plusSeconds(120), T0.plusSeconds(60));

            assertThat(reader.endpoint(TENANT, "ep_1").orElseThrow().secrets())
                    .extracting(EndpointSecret::key).containsExactly(SECRET, NEXT_SECRET);
            assertThat(reader.subscribedEndpoints(TENANT, "email.delivered")).singleElement()
                    .satisfies(endpoint -> assertThat(endpoint.secrets()).extracting(EndpointSecret::key)
                            .containsExactly(SECRET, NEXT_SECRET));
        }

        @Test
        void aTamperedCiphertextNamesItsEndpoint() throws SQLException {
            JdbcWebhookStore store = store(OLD);
            store.createEndpoint(endpoint("ep_1", TENANT, SECRET));
            String raw = rawSecrets("ep_1");
            int at = raw.lastIndexOf(':') + 1;
            byte[] sealed = Base64.getDecoder().decode(raw.substring(at));
            sealed[20] ^= 1;
            setRawSecrets("ep_1", raw.substring(0, at) + Base64.getEncoder().encodeToString(sealed));

            assertThatThrownBy(() -> store.endpoint(TENANT, "ep_1"))
                    .isInstanceOfSatisfying(SecretDecryptionException.class,
                            e -> assertThat(e.endpointId()).isEqualTo("ep_1"))
                    .hasMessageContaining("endpoint ep_1 of tenant acme");
        }

        @Test
        void aDeliveryToAnEndpointWhoseSecretDoesNotDecryptFailsInTheLogInsteadOfComingBackForever()
                throws SQLException {
            JdbcWebhookStore store = store(OLD);
            // Nothing is ever sent: the attempt fails when the endpoint is read.
            try (WebhookSender sender = WebhookSender.builder().store(store)
                    .addressPolicy(EndpointAddressPolicy.allowLoopbackForTesting())
                    .retrySchedule(RetrySchedule.fixed(Duration.ofMillis(10), 2)).build()) {
                String endpointId = sender.registerEndpoint(TENANT,
                        EndpointRegistration.of("http://127.0.0.1:9/hooks", "*")).endpoint().id();
                String deliveryId = sender.publish(TENANT, WebhookEvent.of(EmailSent.builder("msg_1",
                        Subscriber.of("zoe@example.com")).build())).deliveryIds().get(0);
                String raw = rawSecrets(endpointId);
                int at = raw.lastIndexOf(':') + 1;
                byte[] sealed = Base64.getDecoder().decode(raw.substring(at));
                sealed[20] ^= 1;
                setRawSecrets(endpointId, raw.substring(0, at) + Base64.getEncoder().encodeToString(sealed));

                sender.start();

                await().atMost(Duration.ofSeconds(20)).until(
                        () -> store.delivery(TENANT, deliveryId).orElseThrow().status() == DeliveryStatus.FAILED);
                assertThat(store.attempts(TENANT, deliveryId)).hasSize(3).allSatisfy(attempt -> {
                    assertThat(attempt.errorClass()).isEqualTo(SecretDecryptionException.class.getName());
                    assertThat(attempt.errorMessage()).contains("endpoint " + endpointId).doesNotContain("whsec_");
                });
            }
        }

        @Test
        void reencryptSecretsReplacesTheDataKeyAndDeletesTheOldOne() throws SQLException {
            JdbcWebhookStore store = store(OLD);
            IntStream.rangeClosed(1, 3).forEach(i -> store.createEndpoint(endpoint("ep_" + i, TENANT, SECRET)));
            byte[] indexKey = store.subscriberIndexKey();
            JdbcWebhookStore otherNode = store(OLD);
            assertThat(secretOf(otherNode, TENANT, "ep_1")).isEqualTo(SECRET);
            Map<String, String> before = rawSecrets();
            String oldDataKey = dataKeyId(rawSettings().get("secret_data_key"));

            assertThat(store.reencryptSecrets()).isEqualTo(3);

            Map<String, String> settings = rawSettings();
            String newDataKey = dataKeyId(settings.get("secret_data_key"));
            assertThat(newDataKey).isNotEqualTo(oldDataKey);
            assertThat(settings).containsOnlyKeys("secret_data_key", "secret_rows_key", "subscriber_index_key")
                    .containsEntry("secret_rows_key", newDataKey);
            assertThat(settings.get("subscriber_index_key")).startsWith("enc:v1:" + newDataKey + ":");
            assertThat(rawSecrets()).allSatisfy((id, raw) -> assertThat(raw).startsWith("enc:v1:" + newDataKey + ":")
                    .isNotEqualTo(before.get(id)));
            assertThat(otherNode.endpoints(TENANT)).hasSize(3)
                    .allSatisfy(endpoint -> assertThat(endpoint.secrets().get(0).key()).isEqualTo(SECRET));
            otherNode.createEndpoint(endpoint("ep_4", TENANT, SECRET));
            assertThat(rawSecrets("ep_4")).as("the other node writes under the new key")
                    .startsWith("enc:v1:" + newDataKey + ":");
            assertThat(store(OLD).subscriberIndexKey()).isEqualTo(indexKey);
        }

        @Test
        void anEndpointThatDoesNotDecryptDoesNotKeepTheStoreFromStarting() throws SQLException {
            JdbcWebhookStore plain = plainTextStore();
            plain.createEndpoint(endpoint("ep_1", TENANT, SECRET));
            plain.createEndpoint(endpoint("ep_2", TENANT, SECRET));
            plain.close();
            setRawSecrets("ep_2", "enc:v1:0123456789ab:AAAA");

            JdbcWebhookStore store = store(OLD);
            store.migrate();

            assertThat(secretOf(store, TENANT, "ep_1")).isEqualTo(SECRET);
            assertThatThrownBy(() -> store.endpoint(TENANT, "ep_2")).isInstanceOf(SecretDecryptionException.class)
                    .hasMessage("the secrets of endpoint ep_2 of tenant acme do not decrypt:"
                            + " they name a data key the database does not hold");
            assertThat(rawSecrets("ep_2")).isEqualTo("enc:v1:0123456789ab:AAAA");
        }

        @Test
        void reencryptSecretsKeepsTheOldDataKeyWhileAnEndpointDoesNotDecrypt() throws SQLException {
            JdbcWebhookStore store = store(OLD);
            IntStream.rangeClosed(1, 3).forEach(i -> store.createEndpoint(endpoint("ep_" + i, TENANT, SECRET)));
            setRawSecrets("ep_3", rawSecrets("ep_1"));
            String oldDataKey = dataKeyId(rawSettings().get("secret_data_key"));

            assertThatThrownBy(store::reencryptSecrets)
                    .isInstanceOfSatisfying(SecretDecryptionException.class,
                            e -> assertThat(e.endpointId()).isEqualTo("ep_3"))
                    .hasMessage("the secrets of endpoint ep_3 of tenant acme do not decrypt: they stay as they were,"
                            + " and the old data key is kept until the endpoint is deleted; 2 other endpoints were"
                            + " re-encrypted")
                    .cause().hasMessageEndingWith("copied from another endpoint or tenant");
            assertThat(rawSettings()).containsKey("secret_data_key:" + oldDataKey);
            assertThat(secretOf(store(OLD), TENANT, "ep_2")).isEqualTo(SECRET);

            store.deleteEndpoint(TENANT, "ep_3", T0);
            assertThat(store.reencryptSecrets()).isEqualTo(2);
            assertThat(rawSettings()).doesNotContainKey("secret_data_key:" + oldDataKey);
        }

        private static String dataKeyId(String content) {
            return content.substring(0, content.indexOf(':'));
        }

        @Test
        void aStoreInPlainTextKeepsTheSecretAsIs() throws SQLException {
            JdbcWebhookStore plain = plainTextStore();
            plain.createEndpoint(endpoint("ep_1", TENANT, SECRET));

            assertThat(rawSecrets("ep_1")).startsWith("[").contains(SECRET);
            assertThat(secretOf(plain, TENANT, "ep_1")).isEqualTo(SECRET);
            assertThat(rawSettings()).doesNotContainKey("secret_data_key");
            assertThatThrownBy(plain::reencryptSecrets).isInstanceOf(IllegalStateException.class)
                    .hasMessage("the store keeps endpoint secrets in plain text:"
                            + " build it with secretEncryption(SecretEncryptionKeys) to encrypt them");
        }

        @Test
        void aStoreInPlainTextStopsWritingOnceAKeyIsInUse() throws SQLException {
            JdbcWebhookStore plain = plainTextStore();
            plain.createEndpoint(endpoint("ep_1", TENANT, SECRET));

            store(OLD).migrate();

            assertThatThrownBy(() -> plain.createEndpoint(endpoint("ep_2", TENANT, SECRET)))
                    .isInstanceOf(MissingKeyEncryptionKeyException.class);
            assertThatThrownBy(() -> plain.endpoint(TENANT, "ep_1")).isInstanceOf(SecretDecryptionException.class)
                    .hasMessage("the secrets of endpoint ep_1 of tenant acme do not decrypt: they are encrypted,"
                            + " and the store was built with storeSecretsInPlainText()");
            assertThat(rawSecrets()).containsOnlyKeys("ep_1");
        }
    }

    @Nested
    class OnPostgresql extends Spec {
        private final String prefix = TestDatabases.freshPrefix();

        @Override
        Connection connect() throws SQLException {
            return TestDatabases.postgres().getConnection();
        }

        @Override
        String prefix() {
            return prefix;
        }

        @Override
        JdbcWebhookStore.Builder builder() {
            return JdbcWebhookStore.builder().dataSource(TestDatabases.postgres()).tablePrefix(prefix);
        }
    }

    @Nested
    class OnH2 extends Spec {
        @TempDir
        Path dir;

        @Override
        Connection connect() throws SQLException {
            return DriverManager.getConnection(Fixtures.h2Url(dir.resolve("webhooks")));
        }

        @Override
        String prefix() {
            return JdbcWebhookStore.Builder.DEFAULT_TABLE_PREFIX;
        }

        @Override
        JdbcWebhookStore.Builder builder() {
            return JdbcWebhookStore.builder().h2File(dir.resolve("webhooks"));
        }
    }
}
