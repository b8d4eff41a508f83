package com.migomail.webhooks.benchmarks;

import com.migomail.webhooks.store.jdbc.JdbcWebhookStore;
import com.migomail.webhooks.store.jdbc.KeyEncryptionKey;
import com.migomail.webhooks.store.jdbc.SecretEncryptionKeys;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * JDBC stores as production builds them: endpoint secrets encrypted, under a key-encryption key of
 * this run only (the harnesses' databases are thrown away afterwards).
 */
final class BenchmarkStores {

    private static final SecretEncryptionKeys KEYS = keys();

    private BenchmarkStores() {
    }

    private static SecretEncryptionKeys keys() {
        byte[] key = new byte[KeyEncryptionKey.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return SecretEncryptionKeys.of(KeyEncryptionKey.of("benchmark", key));
    }

    /** A builder with secrets encrypted; the database is the caller's to set. */
    static JdbcWebhookStore.Builder builder() {
        return JdbcWebhookStore.builder().secretEncryption(KEYS);
    }

    /** A store over an H2 file, secrets encrypted. */
    static JdbcWebhookStore h2File(Path file) {
        return builder().h2File(file).build();
    }
}
