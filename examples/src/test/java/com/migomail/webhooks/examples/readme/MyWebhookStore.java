package com.migomail.webhooks.examples.readme;

import com.migomail.webhooks.store.WebhookStore;

/**
 * Stands in for "your own store" of the README's contract-kit example, so that the example compiles
 * and runs: its "database" is an in-memory store.
 */
final class MyWebhookStore {
    /** Stands in for a database: the store holding the data. */
    record Database(WebhookStore data) {}

    private MyWebhookStore() {}

    static WebhookStore create(Database database) {
        return database.data();
    }

    static Database freshDatabase() {
        return new Database(WebhookStore.inMemory());
    }

    static Database databaseOf(WebhookStore store) {
        return new Database(store);
    }
}
