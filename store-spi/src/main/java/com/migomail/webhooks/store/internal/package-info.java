/**
 * Implementation details of the store module (the in-memory store). Unsupported: nothing here is
 * API, and any of it may change or disappear in any release. Use
 * {@link com.migomail.webhooks.store.WebhookStore#inMemory()} instead.
 */
package com.migomail.webhooks.store.internal;
