package com.migomail.webhooks.delivery;

import com.migomail.webhooks.delivery.testing.TenantIsolationContract;
import com.migomail.webhooks.store.WebhookStore;

/** The tenant isolation contract on the in-memory store, one store shared by every case. */
class InMemoryTenantIsolationTest extends TenantIsolationContract {
    private static final WebhookStore STORE = WebhookStore.inMemory();

    @Override
    protected WebhookStore store() {
        return STORE;
    }
}
