package com.migomail.webhooks.store.jdbc;

import com.migomail.webhooks.store.WebhookStore;
import com.migomail.webhooks.store.testkit.WebhookStoreContract;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store contract on an H2 file database in a temporary directory; "other nodes" are separate
 * store instances over the same file in this JVM.
 */
class H2StoreContractTest extends WebhookStoreContract {

    @TempDir
    Path dir;

    private final List<JdbcWebhookStore> opened = new ArrayList<>();

    @Override
    protected WebhookStore newStore() {
        return open();
    }

    @Override
    protected WebhookStore sameDataStore(WebhookStore store) {
        return open();
    }

    private JdbcWebhookStore open() {
        JdbcWebhookStore store = Fixtures.h2File(dir.resolve("webhooks"));
        opened.add(store);
        return store;
    }

    @AfterEach
    void closeStores() {
        opened.forEach(JdbcWebhookStore::close);
    }
}
