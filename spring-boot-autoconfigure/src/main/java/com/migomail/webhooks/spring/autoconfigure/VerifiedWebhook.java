package com.migomail.webhooks.spring.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link com.migomail.webhooks.core.WebhookEvent} parameter of a Spring MVC handler method
 * as the request's event, verified against {@code migomail.webhooks.receiver.secrets}:
 *
 * <pre>{@code
 * @PostMapping("/webhooks/migomail")
 * ResponseEntity<Void> receive(@VerifiedWebhook WebhookEvent event) { ... }
 * }</pre>
 *
 * <p>The raw body is read from the request's input stream (at most
 * {@code migomail.webhooks.receiver.max-body-size}, 1 MiB by default), its signature checked, and
 * only a verified body parsed; no message converter or JSON binding sees it first. A request that
 * fails is answered with {@code application/problem+json}, and the method is not called:
 * {@code 401} for a missing, malformed or non-matching signature or a timestamp outside the
 * tolerance, {@code 400} for a verified body that is not an event, {@code 413} for a body over the
 * limit. Do not combine it with {@code @RequestBody} on the same method: only one of them can read
 * the body.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface VerifiedWebhook {
}
