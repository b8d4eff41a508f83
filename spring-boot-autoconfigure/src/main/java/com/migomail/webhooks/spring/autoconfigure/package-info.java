/**
 * Spring Boot auto-configuration of Migomail Webhooks: a started
 * {@link com.migomail.webhooks.delivery.WebhookSender} over the application's
 * {@link javax.sql.DataSource}, its Actuator health, its Micrometer meters and OpenTelemetry
 * tracing, the portal under a path, and controller arguments verified with
 * {@link com.migomail.webhooks.spring.autoconfigure.VerifiedWebhook}.
 * Configured by the {@code migomail.webhooks.*} properties
 * ({@link com.migomail.webhooks.spring.autoconfigure.WebhooksProperties}).
 */
package com.migomail.webhooks.spring.autoconfigure;
