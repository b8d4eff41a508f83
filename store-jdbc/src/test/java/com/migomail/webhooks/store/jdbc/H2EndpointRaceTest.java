package com.migomail.webhooks.store.jdbc;

import com.migomail.webhooks.delivery.testing.EndpointRaceContract;
import com.migomail.webhooks.store.WebhookStore;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;

/** The sender's endpoint race contract on one H2 file store shared by every case. */
class H2EndpointRaceTest extends EndpointRaceContract {

    @TempDir
    static Path dir;

    private static JdbcWebhookStore store;

    @Override
    protected WebhookStore store() {
        return shared();
    }

    private static synchronized JdbcWebhookStore shared() {
        if (store == null) {
            store = Fixtures.h2File(dir.resolve("webhooks"));
        }
        return store;
    }

    @AfterAll
    static synchronized void close() {
        if (store != null) {
            store.close();
            store = null;
        }
    }
}
