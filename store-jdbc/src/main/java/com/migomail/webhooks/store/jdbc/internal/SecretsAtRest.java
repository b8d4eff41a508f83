package com.migomail.webhooks.store.jdbc.internal;

import com.migomail.webhooks.store.StoreException;
import com.migomail.webhooks.store.TenantId;
import com.migomail.webhooks.store.jdbc.Dialect;
import com.migomail.webhooks.store.jdbc.KeyEncryptionKeyMismatchException;
import com.migomail.webhooks.store.jdbc.MissingKeyEncryptionKeyException;
import com.migomail.webhooks.store.jdbc.SecretDecryptionException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.AEADBadTagException;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * How endpoint secrets and the subscriber index key sit in the database: in plain text, or under
 * envelope encryption.
 *
 * <p>Encrypted, the store has one current random AES-256 data key, kept in the settings row
 * {@value #DATA_KEY} as {@code <data key id>:<KEK id>:<Base64 of nonce, wrapped key, tag>}, wrapped
 * with AES-256-GCM under the host's key-encryption key (KEK). A column value encrypted with a data
 * key reads {@code enc:v1:<data key id>:<Base64 of nonce, ciphertext, tag>}; the associated data
 * binds an endpoint's secrets to its tenant and id. No schema change was needed: both fit the
 * existing text columns, and a plain value (JSON, or the Base64 of the subscriber index key) never
 * starts with {@code enc:}.
 *
 * <p>Rotating the KEK re-wraps the data key at start. Replacing the data key ({@link #replaceDataKey})
 * keeps the old one as {@code secret_data_key:<id>} until a pass ({@link #encryptRows}) has
 * re-encrypted every row under the new one; the settings row {@value #ROWS_KEY} then records the
 * data key every row is under, so that a start finds at once whether a pass is due (a database of
 * plain rows, a pass cut short). Every write of a secret reads the current data key under a share
 * lock, and a replacement takes that row exclusively: a write that used the old key has committed
 * before the pass starts and is re-encrypted by it, and every later write uses the new key. So once
 * a pass ran through with the same current key, no row still names a retired one, and they are
 * deleted. Whoever locks endpoint rows too (a secret rotation, a batch of the pass) locks them
 * before the data key row, so that the locks cannot deadlock.
 *
 * <p>Thread-safe: the data keys are cached in a concurrent map.
 */
final class SecretsAtRest {

    private static final String ENCRYPTED = "enc:v1:";
    private static final String DATA_KEY = "secret_data_key";
    private static final String RETIRED = "secret_data_key:";
    private static final String ROWS_KEY = "secret_rows_key";
    private static final String SUBSCRIBER_INDEX_KEY = "subscriber_index_key";
    private static final byte[] SUBSCRIBER_INDEX_KEY_AAD =
            "mwh subscriber index key v1".getBytes(StandardCharsets.UTF_8);
    private static final int BATCH = 100;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Tables tables;
    private final Dialect dialect;
    private final Keyring keyring;
    private final Map<String, SecretKey> dataKeys = new ConcurrentHashMap<>();

    /** The store's policy: {@code keyring} {@code null} keeps secrets in plain text. */
    SecretsAtRest(Tables tables, Dialect dialect, Keyring keyring) {
        this.tables = tables;
        this.dialect = dialect;
        this.keyring = keyring;
    }

    /** A data key wrapped under a KEK, as the settings row holds it. */
    private record WrappedKey(String dataKeyId, String kekId, String sealed) {

        static WrappedKey parse(String content) {
            String[] parts = content.split(":", 3);
            if (parts.length != 3) {
                throw new StoreException("the data key of endpoint secrets in the settings table is malformed");
            }
            return new WrappedKey(parts[0], parts[1], parts[2]);
        }

        byte[] associatedData() {
            return ("mwh data key v1\0" + dataKeyId + "\0" + kekId).getBytes(StandardCharsets.UTF_8);
        }
    }

    /**
     * One batch of {@link #encryptRows}: the data key it encrypted under, what it saw, and the
     * first endpoint it could not decrypt, or {@code null}.
     */
    private record Batch(String dataKeyId, int rows, String lastId, int changed, SecretDecryptionException failure) {
    }

    /** What {@link #encryptRows} did: the rows it rewrote, and the first it could not decrypt, or {@code null}. */
    record Pass(int changed, SecretDecryptionException failure) {
    }

    /**
     * What a store does first: with a key ring, loads (or creates) the data key, re-wraps data keys
     * that are under another KEK, and encrypts rows unless every row is under the current data key
     * already; in plain text, refuses a database whose secrets are encrypted.
     *
     * @throws MissingKeyEncryptionKeyException if the database needs a KEK the store was not given
     * @throws KeyEncryptionKeyMismatchException if a KEK of the right id does not unwrap its data key
     */
    void start(Database database) {
        if (keyring == null) {
            database.autoCommit("check of how endpoint secrets are stored", this::refuseEncryptedDatabase);
            return;
        }
        String current = database.transaction("loading the data key of endpoint secrets", this::loadDataKeys);
        String rowsKey = database.autoCommit("reading the data key of endpoint rows",
                c -> setting(c, ROWS_KEY).orElse(null));
        if (!current.equals(rowsKey)) {
            // An endpoint that does not decrypt fails its own reads; it does not keep the store from starting.
            encryptRows(database);
        }
    }

    private Void refuseEncryptedDatabase(Connection connection) throws SQLException {
        List<String> needed = dataKeyRows(connection).values().stream()
                .map(content -> WrappedKey.parse(content).kekId()).distinct().sorted().toList();
        if (!needed.isEmpty()) {
            throw new MissingKeyEncryptionKeyException(needed, List.of());
        }
        return null;
    }

    /** Returns the current data key's id. */
    private String loadDataKeys(Connection connection) throws SQLException {
        Map<String, String> rows = dataKeyRows(connection);
        if (!rows.containsKey(DATA_KEY)) {
            // The first store with a key over this database; a concurrent first one may win the insert.
            new Sql("INSERT INTO " + tables.settings() + " (id, content) VALUES (?, ?)", DATA_KEY,
                    wrap(newDataKeyId(), Aead.newKey())).insertUnlessExists(connection, dialect);
            rows = dataKeyRows(connection);
        }
        List<String> missing = rows.values().stream().map(content -> WrappedKey.parse(content).kekId())
                .filter(id -> keyring.key(id) == null).distinct().sorted().toList();
        if (!missing.isEmpty()) {
            throw new MissingKeyEncryptionKeyException(missing, keyring.ids());
        }
        for (Map.Entry<String, String> row : rows.entrySet()) {
            WrappedKey wrapped = WrappedKey.parse(row.getValue());
            SecretKey dataKey = dataKey(wrapped);
            if (!wrapped.kekId().equals(keyring.currentId())) {
                // KEK rotation: only the data key is re-wrapped, the endpoint rows stay as they are.
                new Sql("UPDATE " + tables.settings() + " SET content = ? WHERE id = ? AND content = ?",
                        wrap(wrapped.dataKeyId(), dataKey), row.getKey(), row.getValue()).update(connection);
            }
        }
        return WrappedKey.parse(rows.get(DATA_KEY)).dataKeyId();
    }

    /**
     * The column value of an endpoint's secrets (their JSON): under the current data key, read in
     * the caller's transaction with a share lock so that a replacement of the data key waits for it.
     *
     * @throws MissingKeyEncryptionKeyException if the store keeps plain text and the database has
     *     a data key (a node with a key started meanwhile)
     */
    String seal(Connection connection, TenantId tenant, String endpointId, String json) throws SQLException {
        if (keyring == null) {
            Optional<String> dataKey = setting(connection, DATA_KEY);
            if (dataKey.isPresent()) {
                throw new MissingKeyEncryptionKeyException(List.of(WrappedKey.parse(dataKey.get()).kekId()), List.of());
            }
            return json;
        }
        return seal(connection, endpointAssociatedData(tenant, endpointId), json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The JSON of an endpoint's secrets from their column value, which is plain JSON in a database
     * that was not encrypted yet.
     *
     * @throws SecretDecryptionException if the value does not decrypt
     */
    String open(Connection connection, TenantId tenant, String endpointId, String stored) throws SQLException {
        if (!stored.startsWith(ENCRYPTED)) {
            return stored;
        }
        if (keyring == null) {
            throw new SecretDecryptionException(tenant, endpointId,
                    "they are encrypted, and the store was built with storeSecretsInPlainText()", null);
        }
        String[] parts = stored.substring(ENCRYPTED.length()).split(":", 2);
        SecretKey dataKey = parts.length == 2 ? knownDataKey(connection, parts[0]) : null;
        if (dataKey == null) {
            throw new SecretDecryptionException(tenant, endpointId,
                    "they name a data key the database does not hold", null);
        }
        try {
            byte[] plain = Aead.open(dataKey, endpointAssociatedData(tenant, endpointId),
                    Base64.getDecoder().decode(parts[1]));
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException | IllegalArgumentException e) {
            throw new SecretDecryptionException(tenant, endpointId, "the ciphertext does not authenticate:"
                    + " it was altered, or copied from another endpoint or tenant", e);
        }
    }

    /** The subscriber index key in the settings table; the first store to ask creates it. */
    byte[] subscriberIndexKey(Connection connection) throws SQLException {
        byte[] fresh = new byte[32];
        RANDOM.nextBytes(fresh);
        String content = keyring == null ? Base64.getEncoder().encodeToString(fresh)
                : seal(connection, SUBSCRIBER_INDEX_KEY_AAD, fresh);
        new Sql("INSERT INTO " + tables.settings() + " (id, content) VALUES (?, ?)", SUBSCRIBER_INDEX_KEY, content)
                .insertUnlessExists(connection, dialect);
        return openSubscriberIndexKey(connection, setting(connection, SUBSCRIBER_INDEX_KEY).orElseThrow());
    }

    private byte[] openSubscriberIndexKey(Connection connection, String stored) throws SQLException {
        if (!stored.startsWith(ENCRYPTED)) {
            return Base64.getDecoder().decode(stored);
        }
        String[] parts = stored.substring(ENCRYPTED.length()).split(":", 2);
        SecretKey dataKey = keyring == null || parts.length != 2 ? null : knownDataKey(connection, parts[0]);
        if (dataKey == null) {
            throw new StoreException("the subscriber index key in " + tables.settings()
                    + " is encrypted under a data key this store does not have");
        }
        try {
            return Aead.open(dataKey, SUBSCRIBER_INDEX_KEY_AAD, Base64.getDecoder().decode(parts[1]));
        } catch (AEADBadTagException | IllegalArgumentException e) {
            throw new StoreException("the subscriber index key in " + tables.settings()
                    + " does not decrypt: the row was altered", e);
        }
    }

    /**
     * Replaces the current data key by a new one, wrapped under the current KEK; the old one is
     * kept (re-wrapped too) until {@link #encryptRows} has moved every row off it.
     */
    void replaceDataKey(Database database) {
        requireKeyring();
        database.transaction("replacement of the data key of endpoint secrets", connection -> {
            String content = currentDataKeyRow(connection, " FOR UPDATE");
            WrappedKey old = WrappedKey.parse(content);
            SecretKey oldKey = dataKey(old);
            new Sql("INSERT INTO " + tables.settings() + " (id, content) VALUES (?, ?)", RETIRED + old.dataKeyId(),
                    wrap(old.dataKeyId(), oldKey)).insertUnlessExists(connection, dialect);
            String id = newDataKeyId();
            SecretKey fresh = Aead.newKey();
            new Sql("UPDATE " + tables.settings() + " SET content = ? WHERE id = ?", wrap(id, fresh), DATA_KEY)
                    .update(connection);
            dataKeys.put(id, fresh);
            return null;
        });
    }

    /**
     * Re-encrypts, in short transactions of {@value #BATCH} endpoints each (paged by id), every
     * endpoint whose secrets are not under the current data key: plain ones, and those under a
     * retired key; one that does not decrypt is left as it is. Then, if every row is now under the
     * current key and the data key was not replaced meanwhile (that replacement's own pass finishes
     * the work), re-encrypts the subscriber index key, records that every row is under the current
     * key and deletes the retired ones.
     */
    Pass encryptRows(Database database) {
        requireKeyring();
        int changed = 0;
        String after = "";
        String dataKeyId = null;
        boolean sameKeyThroughout = true;
        SecretDecryptionException failure = null;
        while (true) {
            String from = after;
            Batch batch = database.transaction("encryption of endpoint secrets", c -> encryptBatch(c, from));
            changed += batch.changed();
            sameKeyThroughout &= dataKeyId == null || dataKeyId.equals(batch.dataKeyId());
            dataKeyId = batch.dataKeyId();
            failure = failure != null ? failure : batch.failure();
            if (batch.rows() < BATCH) {
                break;
            }
            after = batch.lastId();
        }
        if (sameKeyThroughout && failure == null) {
            String passKey = dataKeyId;
            database.transaction("finishing the encryption of endpoint secrets", c -> finish(c, passKey));
        }
        return new Pass(changed, failure);
    }

    private Batch encryptBatch(Connection connection, String afterId) throws SQLException {
        record Row(String id, TenantId tenant, String secrets) {
        }
        // The page's last id first, then a lock on that range: H2 locks every row a FOR UPDATE query
        // matches before it applies the LIMIT, which would lock the rest of the table each time.
        List<String> page = new Sql("SELECT id FROM " + tables.endpoints() + " WHERE id > ? ORDER BY id LIMIT "
                + BATCH, afterId).query(connection, r -> r.getString(1));
        List<Row> rows = page.isEmpty() ? List.of() : new Sql("SELECT id, tenant_id, secrets FROM "
                + tables.endpoints() + " WHERE id > ? AND id <= ? ORDER BY id FOR UPDATE", afterId,
                page.get(page.size() - 1))
                .query(connection, r -> new Row(r.getString("id"), Rows.tenant(r), r.getString("secrets")));
        // After the endpoint rows, as a secret rotation takes them: in the same order, no deadlock.
        WrappedKey current = WrappedKey.parse(currentDataKeyRow(connection, shareLock()));
        SecretKey dataKey = dataKey(current);
        String target = ENCRYPTED + current.dataKeyId() + ":";
        int changed = 0;
        SecretDecryptionException failure = null;
        // One batch of updates: a round trip per batch on PostgreSQL instead of one per endpoint.
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE " + tables.endpoints() + " SET secrets = ? WHERE id = ?")) {
            for (Row row : rows) {
                if (row.secrets().startsWith(target)) {
                    continue;
                }
                String json;
                try {
                    json = open(connection, row.tenant(), row.id(), row.secrets());
                } catch (SecretDecryptionException e) {
                    failure = failure != null ? failure : e;
                    continue;
                }
                update.setString(1, seal(current.dataKeyId(), dataKey, endpointAssociatedData(row.tenant(), row.id()),
                        json.getBytes(StandardCharsets.UTF_8)));
                update.setString(2, row.id());
                update.addBatch();
                changed++;
            }
            if (changed > 0) {
                update.executeBatch();
            }
        }
        String lastId = page.isEmpty() ? afterId : page.get(page.size() - 1);
        return new Batch(current.dataKeyId(), page.size(), lastId, changed, failure);
    }

    private Void finish(Connection connection, String passKey) throws SQLException {
        WrappedKey current = WrappedKey.parse(currentDataKeyRow(connection, " FOR UPDATE"));
        if (!current.dataKeyId().equals(passKey)) {
            return null;
        }
        Optional<String> subscriberKey = setting(connection, SUBSCRIBER_INDEX_KEY);
        if (subscriberKey.isPresent() && !subscriberKey.get().startsWith(ENCRYPTED + passKey + ":")) {
            byte[] key = openSubscriberIndexKey(connection, subscriberKey.get());
            new Sql("UPDATE " + tables.settings() + " SET content = ? WHERE id = ?",
                    seal(passKey, dataKey(current), SUBSCRIBER_INDEX_KEY_AAD, key), SUBSCRIBER_INDEX_KEY)
                    .update(connection);
        }
        if (new Sql("UPDATE " + tables.settings() + " SET content = ? WHERE id = ?", passKey, ROWS_KEY)
                .update(connection) == 0) {
            new Sql("INSERT INTO " + tables.settings() + " (id, content) VALUES (?, ?)", ROWS_KEY, passKey)
                    .insertUnlessExists(connection, dialect);
        }
        for (String id : dataKeyRows(connection).keySet()) {
            if (!id.equals(DATA_KEY)) {
                new Sql("DELETE FROM " + tables.settings() + " WHERE id = ?", id).update(connection);
                dataKeys.remove(id.substring(RETIRED.length()));
            }
        }
        return null;
    }

    /** Sealed under the current data key, read with a share lock (see the class comment). */
    private String seal(Connection connection, byte[] associatedData, byte[] plain) throws SQLException {
        WrappedKey current = WrappedKey.parse(currentDataKeyRow(connection, shareLock()));
        return seal(current.dataKeyId(), dataKey(current), associatedData, plain);
    }

    private static String seal(String dataKeyId, SecretKey dataKey, byte[] associatedData, byte[] plain) {
        byte[] sealed = Aead.seal(dataKey, associatedData, plain);
        return ENCRYPTED + dataKeyId + ":" + Base64.getEncoder().encodeToString(sealed);
    }

    /** H2 has no shared row locks; its exclusive one serializes the (rare) secret writes of one JVM. */
    private String shareLock() {
        return dialect == Dialect.POSTGRESQL ? " FOR SHARE" : " FOR UPDATE";
    }

    private String currentDataKeyRow(Connection connection, String lock) throws SQLException {
        List<String> content = new Sql("SELECT content FROM " + tables.settings() + " WHERE id = ?" + lock, DATA_KEY)
                .query(connection, rows -> rows.getString(1));
        if (content.isEmpty()) {
            throw new StoreException("the data key of endpoint secrets is missing from " + tables.settings());
        }
        return content.get(0);
    }

    /** The data key of that id: cached, or read from the settings table (another node replaced it). */
    private SecretKey knownDataKey(Connection connection, String dataKeyId) throws SQLException {
        SecretKey cached = dataKeys.get(dataKeyId);
        if (cached != null) {
            return cached;
        }
        for (String content : dataKeyRows(connection).values()) {
            WrappedKey wrapped = WrappedKey.parse(content);
            if (wrapped.dataKeyId().equals(dataKeyId)) {
                return dataKey(wrapped);
            }
        }
        return null;
    }

    /** The unwrapped data key, cached by id. */
    private SecretKey dataKey(WrappedKey wrapped) {
        SecretKey cached = dataKeys.get(wrapped.dataKeyId());
        if (cached != null) {
            return cached;
        }
        SecretKey kek = keyring.key(wrapped.kekId());
        if (kek == null) {
            throw new MissingKeyEncryptionKeyException(List.of(wrapped.kekId()), keyring.ids());
        }
        byte[] raw;
        try {
            raw = Aead.open(kek, wrapped.associatedData(), Base64.getDecoder().decode(wrapped.sealed()));
        } catch (AEADBadTagException | IllegalArgumentException e) {
            throw new KeyEncryptionKeyMismatchException(wrapped.kekId(), e);
        }
        SecretKey dataKey = new SecretKeySpec(raw, "AES");
        dataKeys.put(wrapped.dataKeyId(), dataKey);
        return dataKey;
    }

    /** The data key wrapped under the current KEK, as the settings row holds it. */
    private String wrap(String dataKeyId, SecretKey dataKey) {
        WrappedKey label = new WrappedKey(dataKeyId, keyring.currentId(), "");
        byte[] sealed = Aead.seal(keyring.current(), label.associatedData(), dataKey.getEncoded());
        return dataKeyId + ":" + keyring.currentId() + ":" + Base64.getEncoder().encodeToString(sealed);
    }

    /** The settings rows of data keys, by row id: the current one and any retired ones. */
    private Map<String, String> dataKeyRows(Connection connection) throws SQLException {
        Map<String, String> rows = new LinkedHashMap<>();
        new Sql("SELECT id, content FROM " + tables.settings() + " ORDER BY id").query(connection, r -> {
            String id = r.getString("id");
            if (id.equals(DATA_KEY) || id.startsWith(RETIRED)) {
                rows.put(id, r.getString("content"));
            }
            return null;
        });
        return rows;
    }

    private Optional<String> setting(Connection connection, String id) throws SQLException {
        return new Sql("SELECT content FROM " + tables.settings() + " WHERE id = ?", id)
                .query(connection, rows -> rows.getString(1)).stream().findFirst();
    }

    /** Binds a ciphertext to its endpoint: copied to another endpoint or tenant, it does not decrypt. */
    private static byte[] endpointAssociatedData(TenantId tenant, String endpointId) {
        // A tenant id cannot hold NUL, so the separator keeps the pair unambiguous.
        return ("mwh endpoint secrets v1\0" + tenant.value() + "\0" + endpointId).getBytes(StandardCharsets.UTF_8);
    }

    private static String newDataKeyId() {
        byte[] id = new byte[6];
        RANDOM.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    private void requireKeyring() {
        if (keyring == null) {
            throw new IllegalStateException("the store keeps endpoint secrets in plain text:"
                    + " build it with secretEncryption(SecretEncryptionKeys) to encrypt them");
        }
    }
}
