package com.migomail.webhooks.spring.autoconfigure.internal;

import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code migomail.webhooks.receiver.secrets} holds a key, in any form Spring Boot binds
 * a list from ({@code a,b}, YAML lists, {@code secrets[0]}), which {@code @ConditionalOnProperty}
 * cannot see.
 */
public final class OnReceiverSecretsCondition extends SpringBootCondition {

    static final String PROPERTY = "migomail.webhooks.receiver.secrets";

    /** Used by Spring. */
    public OnReceiverSecretsCondition() {
    }

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        List<String> secrets = Binder.get(context.getEnvironment())
                .bind(PROPERTY, Bindable.listOf(String.class)).orElse(List.of());
        return secrets.stream().anyMatch(secret -> !secret.isBlank())
                ? ConditionOutcome.match(PROPERTY + " has " + secrets.size() + " key(s)")
                : ConditionOutcome.noMatch(PROPERTY + " is not set");
    }
}
