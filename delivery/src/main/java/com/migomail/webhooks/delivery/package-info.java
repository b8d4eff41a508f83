/**
 * The sender facade: {@link com.migomail.webhooks.delivery.WebhookSender} and its configuration.
 *
 * <p>Build a sender with {@link com.migomail.webhooks.delivery.WebhookSender#builder()}, register
 * endpoints, {@link com.migomail.webhooks.delivery.WebhookSender#start() start} it, and
 * {@link com.migomail.webhooks.delivery.WebhookSender#publish publish} events. Everything in this
 * package is thread-safe unless a type says otherwise.
 */
package com.migomail.webhooks.delivery;
