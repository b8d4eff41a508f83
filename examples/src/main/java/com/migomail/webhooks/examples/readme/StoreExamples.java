package com.migomail.webhooks.examples.readme;

import com.migomail.webhooks.core.EmailSent;
import com.migomail.webhooks.core.Subscriber;
import com.migomail.webhooks.core.WebhookEvent;
import com.migomail.webhooks.delivery.WebhookSender;
import com.migomail.webhooks.store.TenantId;
import com.migomail.webhooks.store.WebhookStore;
import com.migomail.webhooks.store.jdbc.JdbcWebhookStore;
import com.migomail.webhooks.store.jdbc.KeyEncryptionKey;
import com.migomail.webhooks.store.jdbc.SecretEncryptionKeys;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** The README's store examples: in memory, PostgreSQL (single or partitioned tables), H2, tenants, outbox. */
final class StoreExamples {
    private StoreExamples() {}

    static WebhookSender inMemory() {
        WebhookStore store = WebhookStore.inMemory();           // tests and demos
        WebhookSender sender = WebhookSender.builder().store(store) /* ... */ .build();
        return sender;
    }

    static WebhookSender postgresNode() {
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl("jdbc:postgresql://db.internal:5432/app");
        pool.setUsername("app");
        pool.setPassword(System.getenv("DB_PASSWORD"));
        pool.setMaximumPoolSize(16);
        DataSource dataSource = new HikariDataSource(pool);

        SecretEncryptionKeys keys = SecretEncryptionKeys.of(    // the key that encrypts endpoint secrets at rest
                KeyEncryptionKey.fromBase64("2025-06", System.getenv("WEBHOOK_KEK")));  // openssl rand -base64 32

        JdbcWebhookStore store = JdbcWebhookStore.builder()
                .dataSource(dataSource)          // required
                .secretEncryption(keys)          // required: this, or storeSecretsInPlainText()
                .tablePrefix("mwh_")             // default "mwh_"
                .build();                        // the dialect is detected from the database
        store.migrate();                         // optional: create or migrate the tables now, not on first use

        WebhookSender sender = WebhookSender.builder()
                .store(store)
                .nodeId("orders-api-1")          // optional: names this node's leases (default sender-<uuid>)
                .build();
        sender.start();
        return sender;
    }

    static void h2(SecretEncryptionKeys keys) {
        try (JdbcWebhookStore store = JdbcWebhookStore.builder()
                .h2File(Path.of("data/webhooks"))  // data/webhooks.mv.db, created rw------- (owner only)
                .secretEncryption(keys)            // or storeSecretsInPlainText(), for tests and demos
                .build()) {
            WebhookSender sender = WebhookSender.builder().store(store).build();
            sender.start();
            // ...
            sender.close();
        }                                          // closes the H2 database
    }

    static JdbcWebhookStore partitioned(DataSource dataSource, SecretEncryptionKeys keys) {
        JdbcWebhookStore store = JdbcWebhookStore.builder()
                .dataSource(dataSource)
                .secretEncryption(keys)
                .partitionedByEventDay()         // PostgreSQL only; chosen when the tables are created
                .build();
        return store;
    }

    static JdbcWebhookStore upgradeFromVersion1(DataSource dataSource, SecretEncryptionKeys keys) {
        JdbcWebhookStore store = JdbcWebhookStore.builder()
                .dataSource(dataSource)                        // or .h2File(Path.of("data/webhooks"))
                .secretEncryption(keys)                        // the version-1 plain secrets get encrypted too
                .tenantForExistingRows(TenantId.of("legacy"))  // the tenant the rows of version 1 become
                .build();
        store.migrate();                                       // schema version 1 -> 4 (nothing if done already)
        return store;
    }

    static void outbox(WebhookSender sender, JdbcWebhookStore store, DataSource dataSource, TenantId tenant)
            throws SQLException {
        WebhookEvent event = WebhookEvent.of(EmailSent.builder("msg_123", Subscriber.of("zoe@example.com")).build());

        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                markMessageSent(connection, "msg_123");                      // your own SQL
                sender.publish(tenant, event, (stored, deliveries) ->
                        store.append(connection, stored, deliveries));       // same transaction
                connection.commit();                                         // both, or...
            } catch (SQLException | RuntimeException e) {
                connection.rollback();                                       // ...neither
                throw e;
            }
        }
    }

    private static void markMessageSent(Connection connection, String messageId) throws SQLException {
        try (var update = connection.prepareStatement("UPDATE messages SET sent = TRUE WHERE id = ?")) {
            update.setString(1, messageId);
            update.executeUpdate();
        }
    }
}
