package com.migomail.webhooks.store.jdbc;

import com.migomail.webhooks.delivery.testing.TenantIsolationContract;
import com.migomail.webhooks.store.WebhookStore;

/** The sender's tenant isolation contract on one PostgreSQL store (one table prefix) shared by every case. */
class PostgresqlTenantIsolationTest extends TenantIsolationContract {

    private static final JdbcWebhookStore STORE = Fixtures.postgresStore();

    @Override
    protected WebhookStore store() {
        return STORE;
    }
}
