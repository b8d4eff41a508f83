/**
 * A Spring Boot application on {@code migomail-webhooks-spring-boot-starter}, both sides at once:
 * {@link com.migomail.webhooks.examples.springboot.WebhookService} sends with the starter's
 * {@code WebhookSender}, {@link com.migomail.webhooks.examples.springboot.WebhookController} receives
 * with {@code @VerifiedWebhook}. The README's Spring Boot blocks are this code.
 */
package com.migomail.webhooks.examples.springboot;
