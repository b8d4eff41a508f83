/**
 * The persistence contract of Migomail Webhooks: events, endpoints, deliveries with their leases
 * and attempts, and retention; plus an in-memory implementation ({@code WebhookStore.inMemory()}).
 */
module com.migomail.webhooks.store {
    requires transitive com.migomail.webhooks.core;

    exports com.migomail.webhooks.store;
}
