/**
 * A {@link com.migomail.webhooks.store.WebhookStore} over JDBC: {@link
 * com.migomail.webhooks.store.jdbc.JdbcWebhookStore}, built from a host-supplied
 * {@link javax.sql.DataSource} (PostgreSQL or H2), or over an H2 file with
 * {@link com.migomail.webhooks.store.jdbc.JdbcWebhookStore.Builder#h2File(java.nio.file.Path)}, with endpoint secrets
 * encrypted under the host's {@link com.migomail.webhooks.store.jdbc.SecretEncryptionKeys}.
 */
package com.migomail.webhooks.store.jdbc;
