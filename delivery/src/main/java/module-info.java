/**
 * The sender side of Migomail Webhooks: endpoint registry, publish, signed delivery with retries,
 * attempt log, replay, retention and the endpoint-address policy.
 */
module com.migomail.webhooks.delivery {
    requires transitive com.migomail.webhooks.store;
    requires transitive com.migomail.webhooks.core;
    requires transitive com.migomail.webhooks.signing;
    requires transitive java.net.http;
    requires org.slf4j;

    exports com.migomail.webhooks.delivery;
}
