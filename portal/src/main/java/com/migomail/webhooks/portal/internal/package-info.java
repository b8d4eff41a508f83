/**
 * Implementation of the portal: routing, the JSON API, sessions and magic links. Unsupported: not
 * exported, may change at any time; use {@link com.migomail.webhooks.portal} instead.
 */
package com.migomail.webhooks.portal.internal;
