package com.migomail.webhooks.spring.autoconfigure.internal;

import com.migomail.webhooks.core.WebhookReceiver;
import com.migomail.webhooks.spring.autoconfigure.VerifiedWebhook;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.MethodParameter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Fails the start when a handler method takes a {@link VerifiedWebhook} argument that cannot be
 * resolved (no {@link WebhookReceiver}: no {@code migomail.webhooks.receiver.secrets}) or is not a
 * {@code WebhookEvent}, instead of failing the first delivery.
 */
public final class VerifiedWebhookStartupCheck implements SmartInitializingSingleton {

    private final ListableBeanFactory beans;

    /**
     * A check over the handler mappings of this bean factory.
     *
     * @param beans the application's beans
     */
    public VerifiedWebhookStartupCheck(ListableBeanFactory beans) {
        this.beans = beans;
    }

    @Override
    public void afterSingletonsInstantiated() {
        boolean receiver = beans.getBeanNamesForType(WebhookReceiver.class).length > 0;
        for (RequestMappingHandlerMapping mapping : beans.getBeansOfType(RequestMappingHandlerMapping.class).values()) {
            for (HandlerMethod method : mapping.getHandlerMethods().values()) {
                for (MethodParameter parameter : method.getMethodParameters()) {
                    check(parameter, receiver);
                }
            }
        }
    }

    private static void check(MethodParameter parameter, boolean receiver) {
        if (!parameter.hasParameterAnnotation(VerifiedWebhook.class)) {
            return;
        }
        VerifiedWebhookArgumentResolver.requireEventType(parameter);
        if (!receiver) {
            throw new IllegalStateException("@VerifiedWebhook on " + parameter.getExecutable() + " needs the keys"
                    + " requests are signed with: set " + OnReceiverSecretsCondition.PROPERTY
                    + " (whsec_…, whpk_…; several during a rotation) or define a WebhookReceiver bean");
        }
    }
}
