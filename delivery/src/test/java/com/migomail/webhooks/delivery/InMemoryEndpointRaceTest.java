package com.migomail.webhooks.delivery;

import com.migomail.webhooks.delivery.testing.EndpointRaceContract;
import com.migomail.webhooks.store.WebhookStore;

/** The endpoint race contract on the in-memory store, one store shared by every case. */
class InMemoryEndpointRaceTest extends EndpointRaceContract {
    private static final WebhookStore STORE = WebhookStore.inMemory();

    @Override
    protected WebhookStore store() {
        return STORE;
    }
}
