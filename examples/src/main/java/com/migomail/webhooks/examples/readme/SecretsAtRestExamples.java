package com.migomail.webhooks.examples.readme;

import com.migomail.webhooks.store.jdbc.JdbcWebhookStore;
import com.migomail.webhooks.store.jdbc.KeyEncryptionKey;
import com.migomail.webhooks.store.jdbc.SecretEncryptionKeys;
import javax.sql.DataSource;

/** The README's examples of secrets at rest: the key, its rotation, a new data key. */
final class SecretsAtRestExamples {
    private SecretsAtRestExamples() {}

    static JdbcWebhookStore encrypted(DataSource dataSource) {
        SecretEncryptionKeys keys = SecretEncryptionKeys.of(
                KeyEncryptionKey.fromBase64("2025-06", System.getenv("WEBHOOK_KEK")));   // openssl rand -base64 32

        JdbcWebhookStore store = JdbcWebhookStore.builder()
                .dataSource(dataSource)                   // or .h2File(Path.of("data/webhooks"))
                .secretEncryption(keys)                   // required: this, or storeSecretsInPlainText()
                .build();
        store.migrate();                                  // optional: encrypts the plain rows of an older database now
        return store;
    }

    static SecretEncryptionKeys rotating() {
        SecretEncryptionKeys rotating = SecretEncryptionKeys.of(
                KeyEncryptionKey.fromBase64("2026-06", System.getenv("WEBHOOK_KEK")),       // the new key, current
                KeyEncryptionKey.fromBase64("2025-06", System.getenv("WEBHOOK_KEK_OLD")));  // the old one, for now
        return rotating;
    }

    static int newDataKey(JdbcWebhookStore store) {
        int reencrypted = store.reencryptSecrets();     // every endpoint, under a new data key
        return reencrypted;
    }
}
