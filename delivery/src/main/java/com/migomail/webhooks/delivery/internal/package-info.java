/**
 * Implementation of the delivery engine. Unsupported: not exported, may change at any time; use
 * {@link com.migomail.webhooks.delivery} instead.
 */
package com.migomail.webhooks.delivery.internal;
