package com.migomail.webhooks.spring.autoconfigure;

import com.migomail.webhooks.delivery.WebhookSender;

/**
 * Adjusts the auto-configured sender's builder after the {@code migomail.webhooks.sender.*}
 * properties were applied and before it is built: a listener, a transport, an executor, a clock,
 * anything the properties do not cover. Every such bean is applied, in
 * {@link org.springframework.core.Ordered} / {@link org.springframework.core.annotation.Order} order.
 *
 * <p>Not applied to a {@link WebhookSender} bean the application defines itself.
 */
@FunctionalInterface
public interface WebhookSenderCustomizer {

    /**
     * Customizes the builder.
     *
     * @param builder the builder, with the properties applied; a setter's exception fails the start
     */
    void customize(WebhookSender.Builder builder);
}
