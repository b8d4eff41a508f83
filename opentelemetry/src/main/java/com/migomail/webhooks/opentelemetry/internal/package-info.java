/**
 * The implementation of the OpenTelemetry tracer. Not a supported API: do not use these classes,
 * they may change in any release.
 */
package com.migomail.webhooks.opentelemetry.internal;
