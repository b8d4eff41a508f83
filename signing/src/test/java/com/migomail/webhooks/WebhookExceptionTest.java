package com.migomail.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.migomail.webhooks.signing.InvalidKeyFormatException;
import com.migomail.webhooks.signing.WebhookVerificationException;
import com.migomail.webhooks.signing.WebhookVerificationException.Reason;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class WebhookExceptionTest {

    @Test
    void isUncheckedAndChainsItsCause() {
        IOException cause = new IOException("disk");

        assertThat(new WebhookException("failed", cause)).isInstanceOf(RuntimeException.class)
                .hasMessage("failed").hasCause(cause);
        assertThat(new WebhookException("failed")).hasMessage("failed").hasNoCause();
    }

    @Test
    void aVerificationFailureIsAWebhookExceptionWithItsReason() {
        WebhookVerificationException e = new WebhookVerificationException(Reason.TIMESTAMP_TOO_OLD, "too old");

        assertThat(e).isInstanceOf(WebhookException.class).hasMessage("too old");
        assertThat(e.reason()).isEqualTo(Reason.TIMESTAMP_TOO_OLD);
    }

    @Test
    void aBadKeyIsABadArgumentNotAWebhookException() {
        assertThat(new InvalidKeyFormatException("bad key"))
                .isInstanceOf(IllegalArgumentException.class)
                .isNotInstanceOf(WebhookException.class);
    }
}
