package com.migomail.webhooks.delivery;

import com.migomail.webhooks.store.AppendResult;
import com.migomail.webhooks.store.EventStore;
import com.migomail.webhooks.store.NewDelivery;
import com.migomail.webhooks.store.StoredEvent;
import java.util.List;

/**
 * Writes an event and its deliveries on the caller's behalf, for
 * {@link WebhookSender#publish(com.migomail.webhooks.store.TenantId, com.migomail.webhooks.core.WebhookEvent, EventAppender)}: typically into
 * the caller's own open database transaction (the transactional outbox), so the webhook commits or
 * rolls back with the business change. With the JDBC store:
 *
 * <pre>{@code
 * sender.publish(tenant, event, (e, d) -> jdbcStore.append(connection, e, d));
 * }</pre>
 *
 * <p>The appender must write to the same database as the sender's store, with the semantics of
 * {@link EventStore#append}: atomically, and once per event id. It is called once, on the
 * publishing thread.
 */
@FunctionalInterface
public interface EventAppender {

    /**
     * Writes the event with its deliveries, as {@link EventStore#append} does.
     *
     * @param event the event as the sender built it (id, tenant, type, timestamp, body, subscriber key)
     * @param deliveries one delivery per subscribed endpoint of the tenant, pending or (for a disabled endpoint) skipped
     * @return what was written, or what was already stored under that event id
     */
    AppendResult append(StoredEvent event, List<NewDelivery> deliveries);
}
