package com.migomail.webhooks.store.jdbc;

import com.migomail.webhooks.store.WebhookStore;
import com.migomail.webhooks.store.testkit.WebhookStoreContract;

/**
 * The store contract on PostgreSQL: each test gets its own table prefix in the shared embedded
 * database, and "other nodes" are separate store instances over the same tables.
 */
class PostgresqlStoreContractTest extends WebhookStoreContract {

    @Override
    protected WebhookStore newStore() {
        return Fixtures.postgresStore();
    }

    @Override
    protected WebhookStore sameDataStore(WebhookStore store) {
        return Fixtures.builder().dataSource(TestDatabases.postgres())
                .tablePrefix(((JdbcWebhookStore) store).tablePrefix()).build();
    }
}
