package com.migomail.webhooks.spring.autoconfigure;

import com.migomail.webhooks.core.EmailSent;
import com.migomail.webhooks.core.Subscriber;
import com.migomail.webhooks.core.WebhookEvent;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.Assertions;
import org.springframework.boot.test.context.assertj.ApplicationContextAssertProvider;
import org.springframework.core.NestedExceptionUtils;

/** Events the tests send. */
final class Fixtures {

    static final WebhookEvent EVENT = sent("msg_1");

    private Fixtures() {
    }

    /** The innermost cause of the context's start-up failure: the exception our code threw. */
    static AbstractThrowableAssert<?, ? extends Throwable> startFailure(ApplicationContextAssertProvider<?> context) {
        Assertions.assertThat(context).hasFailed();
        return Assertions.assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()));
    }

    static WebhookEvent sent(String messageId) {
        return WebhookEvent.of(new EmailSent(messageId, null, Subscriber.of("jane@example.com"), null));
    }
}
