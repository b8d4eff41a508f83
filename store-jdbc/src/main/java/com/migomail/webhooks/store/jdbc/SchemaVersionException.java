package com.migomail.webhooks.store.jdbc;

import com.migomail.webhooks.store.StoreException;

/**
 * The database holds a schema newer than this version of the library knows: a newer node migrated
 * it. The store refuses to touch it rather than risk writing rows a newer schema does not expect;
 * upgrade this node.
 */
public final class SchemaVersionException extends StoreException {
    private static final long serialVersionUID = 1L;

    private final int foundVersion;
    private final int supportedVersion;

    /**
     * Creates the exception for the version found in the database and the newest one known.
     *
     * @param versionTable the name of the table the version was read from, for the message
     * @param foundVersion the schema version recorded in the database
     * @param supportedVersion the newest schema version this library knows
     */
    public SchemaVersionException(String versionTable, int foundVersion, int supportedVersion) {
        super("schema version " + foundVersion + " in table " + versionTable
                + " is newer than this library supports (" + supportedVersion + "): upgrade migomail-webhooks-store-jdbc");
        this.foundVersion = foundVersion;
        this.supportedVersion = supportedVersion;
    }

    /**
     * The schema version recorded in the database.
     *
     * @return the version found; when a store throws, greater than {@link #supportedVersion()}
     */
    public int foundVersion() {
        return foundVersion;
    }

    /**
     * The newest schema version this library can migrate to and use.
     *
     * @return the supported version; when a store throws, {@link JdbcWebhookStore#SCHEMA_VERSION}
     */
    public int supportedVersion() {
        return supportedVersion;
    }
}
