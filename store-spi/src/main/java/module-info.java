/**
 * The persistence contract of Migomail Webhooks: events, endpoints, deliveries with their leases
 * and attempts, and retention; the rules every store shares; plus an in-memory implementation
 * ({@code WebhookStore.inMemory()}). JDK only.
 */
module com.migomail.webhooks.store {
    exports com.migomail.webhooks.store;
}
