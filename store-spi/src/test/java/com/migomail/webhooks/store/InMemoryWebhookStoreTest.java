package com.migomail.webhooks.store;

/** The in-memory store keeps the whole store contract. */
class InMemoryWebhookStoreTest extends WebhookStoreContract {

    @Override
    protected WebhookStore newStore() {
        return WebhookStore.inMemory();
    }
}
