/**
 * The store contract test kit: {@link com.migomail.webhooks.store.testkit.WebhookStoreContract},
 * which a {@link com.migomail.webhooks.store.WebhookStore} implementation's test extends to prove
 * the implementation keeps the SPI's contract. The in-memory store and the JDBC stores of this
 * library run it too.
 */
package com.migomail.webhooks.store.testkit;
