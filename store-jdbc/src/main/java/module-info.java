/**
 * The JDBC store: PostgreSQL for many sender nodes, H2 as the embedded single-node default.
 * Drivers are optional: the host brings the one it uses.
 */
module com.migomail.webhooks.store.jdbc {
    requires transitive com.migomail.webhooks.store;
    requires transitive java.sql;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports com.migomail.webhooks.store.jdbc;
}
