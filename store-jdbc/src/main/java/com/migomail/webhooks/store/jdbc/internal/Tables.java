package com.migomail.webhooks.store.jdbc.internal;

/**
 * The store's table names under one prefix (validated by the builder as a plain identifier), and
 * whether events, deliveries and attempts are partitioned by event day (PostgreSQL only).
 */
record Tables(String prefix, boolean partitioned) {

    String events() {
        return prefix + "events";
    }

    String endpoints() {
        return prefix + "endpoints";
    }

    String deliveries() {
        return prefix + "deliveries";
    }

    String attempts() {
        return prefix + "attempts";
    }

    String settings() {
        return prefix + "settings";
    }

    String schemaVersion() {
        return prefix + "schema_version";
    }

    /** The event-day column's name in a delivery or attempt insert, after a comma; empty if not partitioned. */
    String eventTsColumn() {
        return partitioned ? ", event_ts" : "";
    }
}
