package com.migomail.webhooks.store.jdbc;

import com.migomail.webhooks.delivery.testing.EndpointRaceContract;
import com.migomail.webhooks.store.WebhookStore;

/** The sender's endpoint race contract on one PostgreSQL store (one table prefix) shared by every case. */
class PostgresqlEndpointRaceTest extends EndpointRaceContract {

    private static final JdbcWebhookStore STORE = Fixtures.postgresStore();

    @Override
    protected WebhookStore store() {
        return STORE;
    }
}
