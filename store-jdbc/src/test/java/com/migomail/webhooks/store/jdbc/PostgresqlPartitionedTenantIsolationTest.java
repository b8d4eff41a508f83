package com.migomail.webhooks.store.jdbc;

import com.migomail.webhooks.delivery.testing.TenantIsolationContract;
import com.migomail.webhooks.store.WebhookStore;

/** The sender's tenant isolation contract on one PostgreSQL store partitioned by event day. */
class PostgresqlPartitionedTenantIsolationTest extends TenantIsolationContract {

    private static final JdbcWebhookStore STORE = Fixtures.partitionedPostgresStore(TestDatabases.freshPrefix());

    @Override
    protected WebhookStore store() {
        return STORE;
    }
}
