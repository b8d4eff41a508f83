/**
 * The Migomail webhook event model, its JSON codec and the receiver facade.
 *
 * <ul>
 *   <li>{@link com.migomail.webhooks.core.WebhookEvent}: the envelope (id, type, timestamp, data);
 *       {@link com.migomail.webhooks.core.WebhookEvent#of(EventData)} builds a new one.
 *   <li>{@link com.migomail.webhooks.core.EventData}: a sealed interface with one record per
 *       event type ({@link com.migomail.webhooks.core.EmailOpened}, …, each with a
 *       {@code builder(…)} of its required fields) and
 *       {@link com.migomail.webhooks.core.UnknownEventData} for types this version does not know.
 *   <li>{@link com.migomail.webhooks.core.EventCodec}: the wire JSON, both ways.
 *   <li>{@link com.migomail.webhooks.core.WebhookReceiver}: verify a request, then read its event.
 *   <li>{@link com.migomail.webhooks.core.TypeId}: TypeIDs with UUIDv7, sortable by time.
 *   <li>{@link com.migomail.webhooks.core.JsonValue}: free-form JSON without any Jackson type.
 * </ul>
 *
 * <p>Optional fields are nullable record components: {@code null} means absent and is omitted
 * from the JSON. All values are immutable and thread-safe. Errors are unchecked and extend
 * {@link com.migomail.webhooks.WebhookException}, the library's root (from the signing module).
 */
package com.migomail.webhooks.core;
