package com.migomail.webhooks.spring.autoconfigure.internal;

import com.migomail.webhooks.spring.autoconfigure.WebhooksProperties;
import com.migomail.webhooks.store.TenantId;
import com.migomail.webhooks.store.jdbc.JdbcWebhookStore;
import com.migomail.webhooks.store.jdbc.KeyEncryptionKey;
import com.migomail.webhooks.store.jdbc.SecretEncryptionKeys;
import java.util.List;
import javax.sql.DataSource;

/** Builds the JDBC store from {@code migomail.webhooks.store.*}, naming the property in every refusal. */
public final class StoreFactory {

    private StoreFactory() {
    }

    /**
     * The store over the data source, migrated now unless {@code migrate} is false.
     *
     * @param dataSource the application's data source; never closed by the store
     * @param properties the store's properties
     * @return the store
     * @throws IllegalStateException if the properties choose neither or both of encrypted and
     *     plain-text secrets, or a key lacks its id or text
     * @throws IllegalArgumentException if a key, the prefix or the tenant is not valid
     */
    public static JdbcWebhookStore create(DataSource dataSource, WebhooksProperties.Store properties) {
        JdbcWebhookStore.Builder builder = JdbcWebhookStore.builder().dataSource(dataSource);
        secrets(builder, properties);
        if (properties.getTablePrefix() != null) {
            builder.tablePrefix(properties.getTablePrefix());
        }
        if (properties.isPartitionedByEventDay()) {
            builder.partitionedByEventDay();
        }
        if (properties.getTenantForExistingRows() != null) {
            builder.tenantForExistingRows(TenantId.of(properties.getTenantForExistingRows()));
        }
        JdbcWebhookStore store = builder.build();
        if (properties.isMigrate()) {
            store.migrate();   // fail the start, not the first publish, on a database the store cannot use
        }
        return store;
    }

    private static void secrets(JdbcWebhookStore.Builder builder, WebhooksProperties.Store properties) {
        List<WebhooksProperties.KeyEncryptionKey> keys = properties.getKeyEncryptionKeys();
        boolean encrypted = keys != null && !keys.isEmpty();
        if (encrypted == properties.isPlainTextSecrets()) {
            throw new IllegalStateException(encrypted
                    ? "migomail.webhooks.store.key-encryption-keys and migomail.webhooks.store.plain-text-secrets=true"
                            + " cannot both be set"
                    : "choose how endpoint secrets are stored: migomail.webhooks.store.key-encryption-keys[0].id and"
                            + " .key to encrypt them (recommended), or migomail.webhooks.store.plain-text-secrets=true");
        }
        if (!encrypted) {
            builder.storeSecretsInPlainText();
            return;
        }
        KeyEncryptionKey[] parsed = new KeyEncryptionKey[keys.size()];
        for (int i = 0; i < parsed.length; i++) {
            parsed[i] = parse(keys.get(i), i);
        }
        builder.secretEncryption(SecretEncryptionKeys.of(parsed[0], java.util.Arrays.copyOfRange(parsed, 1,
                parsed.length)));
    }

    private static KeyEncryptionKey parse(WebhooksProperties.KeyEncryptionKey key, int index) {
        String name = "migomail.webhooks.store.key-encryption-keys[" + index + "]";
        if (key.getId() == null || key.getKey() == null) {
            throw new IllegalStateException(name + " needs both an id and a key (Base64 of 32 bytes)");
        }
        return KeyEncryptionKey.fromBase64(key.getId(), key.getKey());
    }
}
