/**
 * Optional Micrometer metrics for the webhook sender: {@link com.migomail.webhooks.micrometer.WebhookMetrics},
 * a listener for the sender's builder and a backlog gauge bound to the sender. Every meter and tag is
 * listed there.
 */
package com.migomail.webhooks.micrometer;
