package com.migomail.webhooks.delivery;

import static com.migomail.webhooks.delivery.TestTenants.TENANT;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.migomail.webhooks.core.WebhookEvent;
import com.migomail.webhooks.store.DeliveryAttempt;
import com.migomail.webhooks.store.DeliveryQuery;
import com.migomail.webhooks.store.DeliveryStatus;
import com.migomail.webhooks.store.EventQuery;
import com.migomail.webhooks.store.StoredEvent;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AttemptLogTest extends SenderTestSupport {

    @Test
    void readsDeliveriesAttemptsAndEventsThroughTheSender() {
        receiver.stubFor(post("/hook").willReturn(serverError().withBody("database down")));
        WebhookSender sender = startedSender(b -> b.retrySchedule(RetrySchedule.none()));
        String endpointId = sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*")).id();
        Instant from = clock.instant();
        WebhookEvent event = openedEvent();
        String deliveryId = sender.publish(TENANT, event).deliveryIds().get(0);
        awaitStatus(deliveryId, DeliveryStatus.FAILED);

        assertThat(sender.deliveries(TENANT, DeliveryQuery.all().withEvent(event.id())).items())
                .containsExactly(delivery(deliveryId));
        assertThat(sender.deliveries(TENANT, DeliveryQuery.all().withEndpoint(endpointId)
                .withStatuses(Set.of(DeliveryStatus.DELIVERED))).items()).isEmpty();
        assertThat(sender.attempts(TENANT, deliveryId)).isEqualTo(store.attempts(TENANT, deliveryId))
                .extracting(DeliveryAttempt::number, DeliveryAttempt::statusCode, DeliveryAttempt::responseExcerpt)
                .containsExactly(tuple(1, 500, "database down"));
        assertThat(sender.events(TENANT, EventQuery.between(from, from.plusSeconds(1))).items())
                .extracting(StoredEvent::id).containsExactly(event.id());
        assertThat(sender.events(TENANT, EventQuery.between(from, from.plusSeconds(1)).withTypes(Set.of("email.clicked")))
                .items()).isEmpty();
    }

    @Test
    void anUnknownDeliveryHasNoAttempts() {
        WebhookSender sender = sender(b -> b);

        assertThat(sender.attempts(TENANT, "dlv_01j8x4k7q3c9v2m5n8p0r6s1td")).isEmpty();
    }

    @Test
    void readingTheLogRejectsNull() {
        WebhookSender sender = sender(b -> b);

        assertThatThrownBy(() -> sender.deliveries(TENANT, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("query cannot be null");
        assertThatThrownBy(() -> sender.attempts(TENANT, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("deliveryId cannot be null");
        assertThatThrownBy(() -> sender.events(TENANT, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("query cannot be null");
    }
}
