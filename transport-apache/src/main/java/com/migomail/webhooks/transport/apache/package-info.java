/**
 * An optional {@link com.migomail.webhooks.delivery.WebhookTransport} on Apache HttpClient 5:
 * {@link com.migomail.webhooks.transport.apache.ApacheHttpTransport}, which connects only to the
 * addresses the sender checked, or through an egress proxy. Give it to the sender with
 * {@code WebhookSender.builder().transport(ApacheHttpTransport.create())}.
 */
package com.migomail.webhooks.transport.apache;
