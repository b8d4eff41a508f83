package com.migomail.webhooks.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The subscriber index key is created once per database and shared by every store over it. */
class SubscriberIndexKeyTest {

    @TempDir
    Path dir;

    @Test
    void everyStoreOverOnePostgresqlSchemaReadsTheKeyTheFirstOneCreated() {
        String prefix = TestDatabases.freshPrefix();
        JdbcWebhookStore first = Fixtures.builder().dataSource(TestDatabases.postgres()).tablePrefix(prefix).build();
        JdbcWebhookStore second = Fixtures.builder().dataSource(TestDatabases.postgres()).tablePrefix(prefix).build();
        JdbcWebhookStore elsewhere = Fixtures.builder().dataSource(TestDatabases.postgres())
                .tablePrefix(TestDatabases.freshPrefix()).build();

        byte[] key = first.subscriberIndexKey();

        assertThat(key).hasSize(32);
        assertThat(second.subscriberIndexKey()).isEqualTo(key);
        assertThat(first.subscriberIndexKey()).isEqualTo(key).isNotSameAs(first.subscriberIndexKey());
        assertThat(elsewhere.subscriberIndexKey()).isNotEqualTo(key);
    }

    @Test
    void anH2FileKeepsItsKeyAcrossRestarts() {
        Path file = dir.resolve("webhooks");
        byte[] key;
        try (JdbcWebhookStore store = Fixtures.h2File(file)) {
            key = store.subscriberIndexKey();
        }
        try (JdbcWebhookStore reopened = Fixtures.h2File(file)) {
            assertThat(reopened.subscriberIndexKey()).isEqualTo(key);
        }
    }
}
