package com.migomail.webhooks.store.inmemory;

import com.migomail.webhooks.store.WebhookStore;
import com.migomail.webhooks.store.testkit.WebhookStoreContract;

/**
 * The in-memory store keeps the whole store contract. (It lives in another package than the kit,
 * as every implementation's test does, which proves the kit's tests are found from there.)
 */
class InMemoryWebhookStoreTest extends WebhookStoreContract {

    @Override
    protected WebhookStore newStore() {
        return WebhookStore.inMemory();
    }
}
