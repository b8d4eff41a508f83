package com.migomail.webhooks.store.jdbc;

import com.migomail.webhooks.store.AppendResult;
import com.migomail.webhooks.store.NewDelivery;
import com.migomail.webhooks.store.NotFoundException;
import com.migomail.webhooks.store.StoreException;
import com.migomail.webhooks.store.StoredEvent;
import com.migomail.webhooks.store.TenantId;
import com.migomail.webhooks.store.WebhookStore;
import com.migomail.webhooks.store.jdbc.internal.H2FileDataSource;
import com.migomail.webhooks.store.jdbc.internal.JdbcStore;
import com.migomail.webhooks.store.jdbc.internal.Keyring;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * A {@link WebhookStore} in a relational database: PostgreSQL for one or many sender nodes, H2 for
 * an embedded single-node install.
 *
 * <p>The store creates its tables on first use and migrates them when a newer library version
 * needs it (versioned SQL scripts, recorded in the table {@code <prefix>schema_version}). Several
 * nodes may start at once on PostgreSQL: migrations run under an advisory lock. A database whose
 * schema is newer than this library knows fails every operation with {@link SchemaVersionException}.
 *
 * <p>Every endpoint, event and delivery row names its tenant, and every lookup, listing, replay and
 * deletion filters on it through an index that leads with the tenant, so that one tenant's queries
 * cost the same however many other tenants share the tables. Schema version 1 had no tenants: a
 * store migrating a version-1 database that holds rows assigns them all to the tenant named by
 * {@link Builder#tenantForExistingRows(TenantId)}, and without it refuses with
 * {@link MissingTenantForExistingRowsException}, leaving the database as it was.
 *
 * <p>Times are stored as epoch nanoseconds ({@code BIGINT}), so an {@link java.time.Instant} reads
 * back exactly as written; stored times must lie between the years 1678 and 2261. Bodies are
 * {@code TEXT}.
 *
 * <p>Every operation is its own short transaction on a connection borrowed from the
 * {@link DataSource}; none is held across an HTTP call. Claims are leases: on PostgreSQL with
 * {@code FOR UPDATE SKIP LOCKED}, so any number of nodes claim concurrently without waiting on one
 * another; outcomes are recorded only if the caller still holds an unexpired lease, checked in the
 * same statement. Work published on one node is visible to every node as soon as it commits: other
 * nodes pick it up by short polling of {@link #claimDue} (an indexed query) every poll interval of
 * the delivery engine (1 s by default), which works through any connection pooler; with
 * {@link Builder#dueWorkNotifications()} they are also woken by PostgreSQL {@code LISTEN}/{@code NOTIFY}
 * at the commit, and pick it up within milliseconds.
 * {@link #deleteTenantBatch} and {@link #eraseSubscriberBatch} are one short transaction per batch
 * that locks the batch's rows before deleting them; on PostgreSQL it skips rows another transaction
 * holds, so nodes erasing at once take disjoint batches, and each call's counts are what it deleted.
 *
 * <p>What an acknowledged write survives: every operation returns only after its transaction
 * committed. On PostgreSQL with {@code synchronous_commit=on} and {@code fsync=on} (its defaults), a
 * commit is on disk: it survives the death of the sender, of the database server and of the machine.
 * On H2 a commit is in the file, not yet synced: it survives the death of the process
 * ({@code kill -9}), not an operating-system crash or power loss. A store refuses an H2 database that
 * acknowledges commits before writing them ({@code WRITE_DELAY} above zero) with
 * {@link NonDurableDatabaseException}.
 *
 * <p>Failures of the database surface as {@link StoreException} with the SQL error chained and the
 * operation named; a time outside the storable range as {@link IllegalArgumentException}. PostgreSQL
 * text cannot hold NUL characters: in attempt excerpts and error messages they are stored as U+FFFD.
 *
 * <p>Endpoint secrets are encrypted at rest with keys the host holds
 * ({@link Builder#secretEncryption(SecretEncryptionKeys)}), or kept in plain text only if the host
 * says so ({@link Builder#storeSecretsInPlainText()}); a builder given neither refuses to build.
 * Encrypted, the {@code secrets} column holds {@code enc:v1:<data key id>:<ciphertext>}: AES-256-GCM
 * under the store's random data key, bound to the endpoint's tenant and id, and the data key sits
 * in the {@code settings} table wrapped under the host's key-encryption key. The subscriber index
 * key there is encrypted the same way. A store whose keys do not open the database refuses to start
 * with {@link MissingKeyEncryptionKeyException} or {@link KeyEncryptionKeyMismatchException}; an
 * endpoint whose ciphertext does not decrypt fails its reads with {@link SecretDecryptionException}.
 *
 * <p>Thread-safe. Obtain one from {@link #builder()}.
 */
public interface JdbcWebhookStore extends WebhookStore, AutoCloseable {

    /**
     * The newest schema version this library creates and reads: 5, which keeps each event's trace
     * context (version 4 gave each attempt its tenant and endpoint, indexed by start time, for
     * attempt counts and an endpoint's latest attempt; version 3 added the endpoint version,
     * version 2 tenants).
     */
    int SCHEMA_VERSION = 5;

    /**
     * A builder; the database and the storage of secrets are required (see {@link Builder}).
     *
     * @return a new builder with the defaults listed on {@link Builder}
     */
    static Builder builder() {
        return new Builder();
    }

    /**
     * Appends an event with its deliveries inside the caller's transaction (transactional outbox):
     * the rows are written through {@code connection} and neither committed nor rolled back. The
     * caller's commit makes the event real, and from then on it is claimable by every sender node;
     * a rollback leaves no trace. Otherwise as {@link #append(StoredEvent, List)}, tenant checks
     * included: they read before anything is written, so an append they refuse leaves nothing in
     * the caller's transaction.
     *
     * <p>The connection must reach the same database as this store's data source and must not be
     * in auto-commit mode. It is not closed.
     *
     * @param connection the caller's connection, in an open transaction; neither committed, rolled
     *     back nor closed
     * @param event the event to append
     * @param deliveries the event's deliveries, {@link com.migomail.webhooks.store.DeliveryStatus#PENDING
     *     PENDING} or {@link com.migomail.webhooks.store.DeliveryStatus#SKIPPED SKIPPED}; may be empty
     * @return the event and its deliveries as they will be stored once the caller commits, or, if an
     *     event with that id was already stored, that event and its deliveries with
     *     {@link AppendResult#created()} {@code false}
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the connection is in auto-commit mode, or two deliveries
     *     share an id or an endpoint
     * @throws NotFoundException if a delivery's endpoint is not an endpoint of the event's tenant
     *     (kind {@code endpoint}; nothing is written)
     * @throws SchemaVersionException if the database schema is newer than this library
     * @throws MissingTenantForExistingRowsException if the database must be migrated from schema
     *     version 1 and the store has no {@link Builder#tenantForExistingRows tenant for its rows}
     * @throws StoreException if the event id is another tenant's (nothing is written), or the
     *     database fails (the caller's transaction should then be rolled back)
     */
    AppendResult append(Connection connection, StoredEvent event, List<NewDelivery> deliveries);

    /**
     * Creates the day partitions of every UTC day from {@code from} to {@code to}, both included, in
     * a store {@link Builder#partitionedByEventDay() partitioned by event day}; days that have them
     * already are skipped. The store creates the partitions of today and the next two days itself,
     * and of any other day when an event of that day is appended: call this only before copying
     * older events in with SQL (see the README on moving to the partitioned layout). Safe to call
     * from several nodes at once.
     *
     * @param from a time on the first day
     * @param to a time on the last day, not before {@code from}; at most 4,000 days after it
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code to} is before {@code from}, or the range is longer
     * @throws IllegalStateException if the store is not partitioned by event day
     * @throws StoreException if the database fails, or a long transaction held the tables' lock for
     *     2 seconds (nothing of that call's days is created then)
     */
    void createEventDayPartitions(java.time.Instant from, java.time.Instant to);

    /**
     * Creates or migrates the tables now rather than on first use (to fail fast at start-up), and
     * readies the secrets: with {@link Builder#secretEncryption keys}, creates the data key on first
     * use, re-wraps it if it is under another of the keys than the current one, and encrypts every
     * endpoint whose secrets are not yet under it (a database written in plain text, or a
     * re-encryption cut short), in transactions of 100 endpoints; other operations wait until that is
     * done. An endpoint whose secrets do not decrypt is left as it is (its reads throw
     * {@link SecretDecryptionException}) and does not stop the start. Safe to call repeatedly and from
     * several nodes at once.
     *
     * @throws SchemaVersionException if the database schema is newer than this library
     * @throws NonDurableDatabaseException if the database acknowledges commits before writing them
     * @throws MissingTenantForExistingRowsException if the database is at schema version 1, holds
     *     rows, and the store has no {@link Builder#tenantForExistingRows tenant for them} (the
     *     database is left as it was)
     * @throws MissingKeyEncryptionKeyException if the database's secrets are encrypted under a
     *     key-encryption key the store was not given (or it keeps plain text); nothing is changed
     * @throws KeyEncryptionKeyMismatchException if a key with the id the database names does not
     *     decrypt its data key; nothing is changed
     * @throws StoreException if the database fails
     */
    void migrate();

    /**
     * Replaces the data key and re-encrypts every endpoint's secrets (and the subscriber index key)
     * under the new one, wrapped under the current key-encryption key. Use it when the data key
     * itself may have been exposed (a memory dump, say); rotating the key-encryption key alone needs
     * no call (see {@link SecretEncryptionKeys}). Runs in transactions of 100 endpoints each, so
     * deliveries go on meanwhile; endpoints written during the call are written under the new key.
     * The old data key is deleted once no endpoint uses it. If the call is cut short, the next start
     * of a store finishes it. Safe to call from several nodes at once.
     *
     * @return the number of endpoints whose secrets this call re-encrypted
     * @throws IllegalStateException if the store keeps secrets in plain text
     * @throws SecretDecryptionException if an endpoint's secrets do not decrypt, after every other
     *     endpoint was re-encrypted: that one stays as it was, and the old data key is kept until it is
     *     deleted
     * @throws StoreException if the database fails, or as for {@link #migrate()}
     */
    int reencryptSecrets();

    /**
     * The dialect in use (detecting it from the database if it was not set).
     *
     * @return the dialect set on the builder or, failing that, the one detected from the database
     * @throws StoreException if the database fails, or is neither PostgreSQL nor H2, while the
     *     dialect is detected
     */
    Dialect dialect();

    /**
     * The prefix of every table name.
     *
     * @return the prefix, possibly empty; {@value Builder#DEFAULT_TABLE_PREFIX} unless configured
     */
    String tablePrefix();

    /**
     * Closes what the store created itself (the H2 database of {@link Builder#h2File(Path)}); a data
     * source supplied by the host is left open. Idempotent.
     */
    @Override
    void close();

    /**
     * Configuration of a {@link JdbcWebhookStore}. Required: the database (a
     * {@link #dataSource(DataSource) data source} or an {@link #h2File(Path) H2 file}) and how
     * endpoint secrets are stored ({@link #secretEncryption(SecretEncryptionKeys)} or
     * {@link #storeSecretsInPlainText()}). Defaults: dialect detected from the database, table prefix
     * {@value #DEFAULT_TABLE_PREFIX}, no tenant for rows of schema version 1, no due-work
     * notifications. Not thread-safe;
     * {@link #build()} copies.
     */
    final class Builder {

        /** The default table prefix. */
        public static final String DEFAULT_TABLE_PREFIX = "mwh_";

        private static final Pattern PREFIX = Pattern.compile("([a-z][a-z0-9_]{0,29})?");

        private DataSource dataSource;
        private Path h2File;
        private SecretEncryptionKeys secretKeys;
        private boolean plainTextSecrets;
        private Dialect dialect;
        private String tablePrefix = DEFAULT_TABLE_PREFIX;
        private TenantId tenantForExistingRows;
        private boolean dueWorkNotifications;
        private DataSource listenSource;
        private boolean partitionedByEventDay;

        private Builder() {
        }

        /**
         * The data source connections are borrowed from, per operation (required). A pooled one
         * (HikariCP, say) in production. The store never closes it. An H2 database must have been
         * opened with {@code WRITE_DELAY=0} (append {@code ;WRITE_DELAY=0} to its URL): the store's
         * first operation checks it and throws {@link NonDurableDatabaseException} otherwise.
         *
         * @param dataSource the data source of a PostgreSQL or H2 database
         * @return this builder
         * @throws NullPointerException if dataSource is null
         */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource cannot be null");
            return this;
        }

        /**
         * An embedded H2 file database that the store opens and owns, the single-node default, instead
         * of a {@link #dataSource(DataSource) data source}: {@code file} names the database, and H2
         * keeps it in {@code <file>.mv.db}. The store's {@link JdbcWebhookStore#close()} closes the
         * database. Only one process may open the file at a time.
         *
         * <p>The database is opened with {@code WRITE_DELAY=0}, so that every commit is written to
         * the file before the operation returns: an event that {@code publish} confirmed survives
         * the death of the process. H2 does not {@code fsync} each commit, so an operating-system
         * crash or power loss can still lose the last commits; use PostgreSQL where that matters.
         *
         * <p>Where the file system has POSIX permissions, the store creates a new database file (and
         * H2's {@code <file>.trace.db}) readable and writable by the owner only ({@code rw-------}),
         * and a missing directory as {@code rwx------}; existing ones keep their permissions. The
         * file is not touched until the store's first operation.
         *
         * @param file the database file, with or without the {@code .mv.db} suffix; a relative path
         *     is resolved against the working directory
         * @return this builder
         * @throws NullPointerException if file is null
         * @throws IllegalArgumentException if the path contains {@code ;} (H2 would read it as URL
         *     settings)
         */
        public Builder h2File(Path file) {
            Objects.requireNonNull(file, "h2File cannot be null");
            if (file.toString().indexOf(';') >= 0) {
                throw new IllegalArgumentException("the H2 file path cannot contain ';' (H2 reads what follows as"
                        + " settings of the database URL): " + file);
            }
            this.h2File = file;
            return this;
        }

        /**
         * Encrypts endpoint secrets at rest under these keys (envelope encryption; see
         * {@link SecretEncryptionKeys}), the recommended choice. A database written in plain text
         * is encrypted by the store's first operation (see {@link JdbcWebhookStore#migrate()}).
         *
         * @param keys the current key-encryption key and any others the database may name
         * @return this builder
         * @throws NullPointerException if keys is null
         */
        public Builder secretEncryption(SecretEncryptionKeys keys) {
            this.secretKeys = Objects.requireNonNull(keys, "secretEncryption cannot be null");
            return this;
        }

        /**
         * Keeps endpoint secrets in plain text in the database, readable by whoever reads its
         * tables, files or backups: for tests and demos, or where the database is encrypted and
         * guarded well enough on its own. A store built so refuses a database whose secrets are
         * encrypted ({@link MissingKeyEncryptionKeyException}); there is no way back from
         * encryption to plain text.
         *
         * @return this builder
         */
        public Builder storeSecretsInPlainText() {
            this.plainTextSecrets = true;
            return this;
        }

        /**
         * The database dialect; by default detected from the first connection.
         *
         * @param dialect the dialect of the data source's database
         * @return this builder
         * @throws NullPointerException if dialect is null
         */
        public Builder dialect(Dialect dialect) {
            this.dialect = Objects.requireNonNull(dialect, "dialect cannot be null");
            return this;
        }

        /**
         * The prefix of every table name (default {@value #DEFAULT_TABLE_PREFIX}): lower-case
         * letters, digits and underscores, starting with a letter, at most 30 characters; may be
         * empty. Stores with different prefixes in one database are independent.
         *
         * @param prefix the table name prefix, for example {@code "mwh_"}
         * @return this builder
         * @throws NullPointerException if prefix is null
         * @throws IllegalArgumentException if it is not such an identifier
         */
        public Builder tablePrefix(String prefix) {
            Objects.requireNonNull(prefix, "tablePrefix cannot be null");
            if (!PREFIX.matcher(prefix).matches()) {
                throw new IllegalArgumentException("tablePrefix must be lower-case letters, digits and underscores,"
                        + " start with a letter and have at most 30 characters: \"" + prefix + "\"");
            }
            this.tablePrefix = prefix;
            return this;
        }

        /**
         * The tenant that rows stored before tenants existed belong to (default: none). Schema
         * version 1 had no tenants; when the store migrates such a database to version 2, every
         * endpoint, event and delivery in it (with its attempts) becomes this tenant's, in the
         * migration's one transaction on PostgreSQL. Without this option a version-1 database that
         * holds any of those rows is not migrated: every operation throws
         * {@link MissingTenantForExistingRowsException} and the database stays as it was.
         *
         * <p>A new database, an empty version-1 one, and one at version 2 already need no tenant:
         * there the option changes nothing, so it is safe to leave set after the upgrade (rows keep
         * the tenant they have).
         *
         * @param tenant the host's tenant that owned everything the store held before the upgrade
         * @return this builder
         * @throws NullPointerException if tenant is null
         */
        public Builder tenantForExistingRows(TenantId tenant) {
            this.tenantForExistingRows = Objects.requireNonNull(tenant, "tenantForExistingRows cannot be null");
            return this;
        }

        /**
         * Turns on PostgreSQL {@code LISTEN}/{@code NOTIFY} wake-ups (default off): writes that leave
         * deliveries for any node to claim (an outbox append the host commits, a publish whose
         * deliveries this node had no free slot for, a replay, a released lease) notify the channel
         * {@code <prefix>due_work} at their commit, and every sender over this store listens on it
         * (see {@link com.migomail.webhooks.store.DeliveryStore#onDueWork}) and polls when woken:
         * work committed on another node is picked up in milliseconds instead of within the poll
         * interval. Polling stays on as the safety net for lost notifications.
         *
         * <p>The listening connection is borrowed from the store's data source and held while a
         * sender runs (one connection of the pool per store). A pooler in transaction mode (PgBouncer's
         * {@code pool_mode=transaction}, say) does not keep a session's {@code LISTEN}: give such
         * hosts {@link #dueWorkNotifications(DataSource)} a direct connection. Each notifying commit
         * takes PostgreSQL's notification queue lock, so many nodes notifying at a high rate pay for
         * it; that is why it is off by default.
         *
         * @return this builder
         */
        public Builder dueWorkNotifications() {
            this.dueWorkNotifications = true;
            return this;
        }

        /**
         * As {@link #dueWorkNotifications()}, listening on a connection from {@code listenSource}
         * instead of the store's data source: a direct (session) connection to the same database,
         * where the store's own goes through a pooler in transaction mode.
         *
         * @param listenSource a data source of the same PostgreSQL database whose connections keep
         *     their session
         * @return this builder
         * @throws NullPointerException if listenSource is null
         */
        public Builder dueWorkNotifications(DataSource listenSource) {
            this.listenSource = Objects.requireNonNull(listenSource, "listenSource cannot be null");
            this.dueWorkNotifications = true;
            return this;
        }

        /**
         * Keeps events, deliveries and attempts in tables partitioned by the UTC day of the event's
         * timestamp (PostgreSQL declarative partitioning; default: single tables), for installs
         * whose retention would otherwise delete millions of rows a day. Retention then drops whole
         * days: {@link com.migomail.webhooks.store.RetentionStore#purgeEventsBefore purgeEventsBefore}
         * drops the three partitions of each day that ends at or before the cutoff, in one short
         * transaction per day, instead of deleting rows, and returns how many events they held,
         * counted just before each drop. An event is so kept until its whole day is past the cutoff, and a
         * day any of whose deliveries is still pending is kept whole until none is.
         * <p>The store creates each day's partitions ahead (today and the next two days, at start
         * and at every purge) and for an event of another day on its first append; a drop and a
         * creation each take the tables' exclusive lock for milliseconds, asking for it in tries of
         * 50 ms for up to 2 seconds. An outbox append of an event whose day has no partitions yet,
         * in a transaction that already wrote to the tables, fails after those 2 seconds
         * ({@link JdbcWebhookStore#createEventDayPartitions} creates days ahead). Event and delivery ids stay unique
         * across days: an append takes transaction-scoped advisory locks on them before it looks
         * them up, so a publish costs five round trips instead of the single tables' one, and an
         * outbox append in a REPEATABLE READ transaction is refused.
         * <p>The layout is chosen when the tables are created: a store of one layout refuses tables
         * of the other with {@link TableLayoutMismatchException}. To move, give the partitioned
         * store a new {@link #tablePrefix table prefix} (see the README).
         * @return this builder
         */
        public Builder partitionedByEventDay() {
            this.partitionedByEventDay = true;
            return this;
        }

        /**
         * A store with this configuration. Does not connect: the database is first used (and the
         * schema created) by the first operation or {@link JdbcWebhookStore#migrate()}.
         *
         * @return a new store; it does not close a data source given to {@link #dataSource}, and
         *     closes the database of {@link #h2File}
         * @throws IllegalStateException if neither or both of a data source and an H2 file were set,
         *     if neither or both of {@link #secretEncryption} and {@link #storeSecretsInPlainText()}
         *     were chosen, if the H2 driver ({@code com.h2database:h2}) is not available for an H2 file, or
         *     if {@link #dueWorkNotifications()} or {@link #partitionedByEventDay()} is on for an H2 file
         *     or with the dialect set to H2 (a
         *     data source whose database is detected as H2 fails the store's first operation with
         *     {@link IllegalStateException} instead)
         */
        public JdbcWebhookStore build() {
            if ((dataSource == null) == (h2File == null)) {
                throw new IllegalStateException(dataSource == null ? "dataSource or h2File is required"
                        : "dataSource and h2File cannot both be set");
            }
            if ((secretKeys == null) == !plainTextSecrets) {
                throw new IllegalStateException(secretKeys == null
                        ? "choose how endpoint secrets are stored: secretEncryption(SecretEncryptionKeys) to encrypt"
                                + " them (recommended), or storeSecretsInPlainText()"
                        : "secretEncryption and storeSecretsInPlainText cannot both be set");
            }
            if (dueWorkNotifications && (h2File != null || dialect == Dialect.H2)) {
                throw new IllegalStateException("dueWorkNotifications needs PostgreSQL (LISTEN/NOTIFY), not H2");
            }
            if (partitionedByEventDay && (h2File != null || dialect == Dialect.H2)) {
                throw new IllegalStateException("partitionedByEventDay needs PostgreSQL (declarative partitioning), not H2");
            }
            Keyring keyring = secretKeys == null ? null
                    : new Keyring(secretKeys.currentKeyId(), secretKeys.secretKeys());
            if (h2File != null) {
                H2FileDataSource owned = H2FileDataSource.forFile(h2File);
                return new JdbcStore(owned, Dialect.H2, tablePrefix, owned, tenantForExistingRows, keyring, null, false);
            }
            return new JdbcStore(dataSource, dialect, tablePrefix, null, tenantForExistingRows, keyring,
                    dueWorkNotifications ? (listenSource == null ? dataSource : listenSource) : null,
                    partitionedByEventDay);
        }
    }
}
