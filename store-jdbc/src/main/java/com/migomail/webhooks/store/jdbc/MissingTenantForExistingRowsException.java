package com.migomail.webhooks.store.jdbc;

import com.migomail.webhooks.store.StoreException;
import java.util.List;

/**
 * The database holds rows of schema version 1, which had no tenants, and the store was not told
 * whose they are: the migration to schema version 2 needs a tenant for each of them. Thrown by the
 * first operation (or {@link JdbcWebhookStore#migrate()}) of a store built without
 * {@link JdbcWebhookStore.Builder#tenantForExistingRows(com.migomail.webhooks.store.TenantId)
 * tenantForExistingRows}; the migration changed nothing, so the database is still at version 1 and
 * a store built with that option migrates it. The message says what to do.
 */
public final class MissingTenantForExistingRowsException extends StoreException {
    private static final long serialVersionUID = 1L;

    private final int foundVersion;
    private final List<String> tables;

    /**
     * Creates the exception for the version found and the tables that hold rows.
     *
     * @param foundVersion the schema version recorded in the database, which has no tenant column
     * @param tables the names of the tables that hold rows, in the order they were checked; copied
     * @throws NullPointerException if tables is null or holds a null
     */
    public MissingTenantForExistingRowsException(int foundVersion, List<String> tables) {
        super(message(foundVersion, List.copyOf(tables)));
        this.foundVersion = foundVersion;
        this.tables = List.copyOf(tables);
    }

    private static String message(int foundVersion, List<String> tables) {
        return "the database holds rows of schema version " + foundVersion + " (in " + String.join(", ", tables)
                + "), which has no tenants, and schema version 2 needs the tenant they belong to:"
                + " build the store with"
                + " JdbcWebhookStore.builder().tenantForExistingRows(TenantId.of(\"...\"))"
                + " (the same for an H2 file: builder().h2File(file)) to migrate them to that tenant;"
                + " the database was not changed";
    }

    /**
     * The schema version recorded in the database.
     *
     * @return the version found, 1 (the version before tenants)
     */
    public int foundVersion() {
        return foundVersion;
    }

    /**
     * The tables that hold rows, with their prefix.
     *
     * @return an unmodifiable list of table names, for example {@code [mwh_endpoints, mwh_events]};
     *     never empty when a store throws
     */
    public List<String> tables() {
        return tables;
    }
}
