/**
 * The persistence contract of Migomail Webhooks: events, endpoints, deliveries with their leases
 * and attempts, and retention; the rules every store shares; plus an in-memory implementation
 * ({@code WebhookStore.inMemory()}). JDK only.
 */
module com.migomail.webhooks.store {
    // StoreException extends WebhookException, which the signing module exports.
    requires transitive com.migomail.webhooks.signing;

    exports com.migomail.webhooks.store;
}
