/**
 * OpenTelemetry tracing for the webhook sender: {@link com.migomail.webhooks.opentelemetry.OpenTelemetryTracing}.
 */
package com.migomail.webhooks.opentelemetry;
