/**
 * The store SPI: the persistence contract the delivery engine runs on.
 *
 * <p>{@link com.migomail.webhooks.store.WebhookStore} combines four small interfaces: events with
 * their deliveries ({@link com.migomail.webhooks.store.EventStore}), endpoints and their secrets
 * ({@link com.migomail.webhooks.store.EndpointStore}), deliveries with leases and the attempt log
 * ({@link com.migomail.webhooks.store.DeliveryStore}) and purging
 * ({@link com.migomail.webhooks.store.RetentionStore}). Every implementation is thread-safe, takes
 * all time from its caller (never reading a clock itself), and passes the contract test kit
 * ({@code com.migomail.webhooks.store.testkit.WebhookStoreContract}, artifact
 * {@code migomail-webhooks-store-testkit}).
 *
 * <p>The rules every store shares are public here, and every store of this library calls them:
 * {@link com.migomail.webhooks.store.StoreArguments} (argument checks),
 * {@link com.migomail.webhooks.store.NewDelivery#requireDistinct} and
 * {@link com.migomail.webhooks.store.NewDelivery#toDelivery} (append),
 * {@link com.migomail.webhooks.store.EndpointSecret#rotate} (secret rotation) and
 * {@link com.migomail.webhooks.store.KeysetCursor} (paging).
 *
 * <p>{@link com.migomail.webhooks.store.WebhookStore#inMemory()} returns an implementation for
 * tests, demos and single processes that may lose the log on restart; the {@code store-jdbc} module
 * provides durable PostgreSQL and H2 stores.
 */
package com.migomail.webhooks.store;
