/**
 * The persistence contract of Migomail Webhooks: events, endpoints, deliveries with their leases
 * and attempts, and retention; plus an in-memory implementation ({@code WebhookStore.inMemory()}).
 */
module com.migomail.webhooks.store {
    requires transitive com.migomail.webhooks.core;
    // StoreException extends WebhookException, which the signing module exports.
    requires transitive com.migomail.webhooks.signing;

    exports com.migomail.webhooks.store;
}
