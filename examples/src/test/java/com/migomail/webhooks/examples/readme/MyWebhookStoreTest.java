package com.migomail.webhooks.examples.readme;

import static com.migomail.webhooks.examples.readme.MyWebhookStore.databaseOf;
import static com.migomail.webhooks.examples.readme.MyWebhookStore.freshDatabase;

import com.migomail.webhooks.store.WebhookStore;
import com.migomail.webhooks.store.testkit.WebhookStoreContract;

class MyWebhookStoreTest extends WebhookStoreContract {

    @Override
    protected WebhookStore newStore() {        // a fresh, empty store for each test
        return MyWebhookStore.create(freshDatabase());
    }

    @Override
    protected WebhookStore sameDataStore(WebhookStore store) {
        return MyWebhookStore.create(databaseOf(store));   // a second "node" on the same data
    }
}
