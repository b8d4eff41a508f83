/**
 * The contract test kit of the Migomail Webhooks store SPI: an abstract JUnit Jupiter class that
 * every {@code WebhookStore} implementation extends in its tests. JUnit opens it reflectively.
 */
module com.migomail.webhooks.store.testkit {
    requires transitive com.migomail.webhooks.store;
    requires transitive org.junit.jupiter.api;
    requires org.assertj.core;

    exports com.migomail.webhooks.store.testkit;
    opens com.migomail.webhooks.store.testkit to org.junit.platform.commons;
}
