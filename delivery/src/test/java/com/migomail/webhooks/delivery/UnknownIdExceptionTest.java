package com.migomail.webhooks.delivery;

import static com.migomail.webhooks.delivery.TestTenants.TENANT;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.migomail.webhooks.WebhookException;
import com.migomail.webhooks.delivery.UnknownIdException.Kind;
import com.migomail.webhooks.store.WebhookStore;
import org.junit.jupiter.api.Test;

class UnknownIdExceptionTest {
    private static final String ENDPOINT = "ep_01j8x4k7q3c9v2m5n8p0r6s1td";
    private static final String EVENT = "evt_01j8x4k7q3c9v2m5n8p0r6s1td";

    @Test
    void carriesTheKindAndTheIdAndSaysBoth() {
        IllegalStateException cause = new IllegalStateException("gone");
        UnknownIdException e = new UnknownIdException(Kind.DELIVERY, "dlv_01j8x4k7q3c9v2m5n8p0r6s1td", cause);

        assertThat(e.kind()).isEqualTo(Kind.DELIVERY);
        assertThat(e.id()).isEqualTo("dlv_01j8x4k7q3c9v2m5n8p0r6s1td");
        assertThat(e).hasMessage("delivery not found: dlv_01j8x4k7q3c9v2m5n8p0r6s1td").hasCause(cause);
        assertThat(e).isInstanceOf(WebhookDeliveryException.class).isInstanceOf(WebhookException.class);
    }

    @Test
    void refusesANullKindOrId() {
        assertThatThrownBy(() -> new UnknownIdException(null, ENDPOINT, null))
                .isInstanceOf(NullPointerException.class).hasMessage("kind cannot be null");
        assertThatThrownBy(() -> new UnknownIdException(Kind.ENDPOINT, null, null))
                .isInstanceOf(NullPointerException.class).hasMessage("id cannot be null");
    }

    @Test
    void theSenderNamesAnUnknownEndpointAsAnEndpoint() {
        try (WebhookSender sender = WebhookSender.builder().store(WebhookStore.inMemory()).build()) {
            UnknownIdException e = catchThrowableOfType(UnknownIdException.class, () -> sender.rotateSecret(TENANT, ENDPOINT));

            assertThat(e.kind()).isEqualTo(Kind.ENDPOINT);
            assertThat(e.id()).isEqualTo(ENDPOINT);
        }
    }

    @Test
    void theSenderNamesAnUnknownEventAsAnEvent() {
        try (WebhookSender sender = WebhookSender.builder().store(WebhookStore.inMemory()).build()) {
            UnknownIdException e = catchThrowableOfType(UnknownIdException.class, () -> sender.replay(TENANT, EVENT));

            assertThat(e.kind()).isEqualTo(Kind.EVENT);
            assertThat(e.id()).isEqualTo(EVENT);
        }
    }
}
