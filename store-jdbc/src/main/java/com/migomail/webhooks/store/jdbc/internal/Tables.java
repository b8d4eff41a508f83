package com.migomail.webhooks.store.jdbc.internal;

/** The store's table names under one prefix (validated by the builder as a plain identifier). */
record Tables(String prefix) {

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
}
