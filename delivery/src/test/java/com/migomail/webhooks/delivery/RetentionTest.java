package com.migomail.webhooks.delivery;

import static com.migomail.webhooks.delivery.TestTenants.TENANT;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.migomail.webhooks.store.DeliveryStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetentionTest extends SenderTestSupport {

    @Test
    void purgesEventsOlderThanTheRetentionWithTheirDeliveries() {
        receiver.stubFor(post("/hook").willReturn(ok()));
        WebhookSender sender = startedSender(b -> b.retention(Duration.ofDays(30)));
        sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*"));
        PublishReceipt old = sender.publish(TENANT, openedEvent());
        awaitStatus(old.deliveryIds().get(0), DeliveryStatus.DELIVERED);
        clock.advance(Duration.ofDays(29));
        PublishReceipt recent = sender.publish(TENANT, openedEvent());
        awaitStatus(recent.deliveryIds().get(0), DeliveryStatus.DELIVERED);
        clock.advance(Duration.ofDays(2));

        int purged = sender.purgeExpired();

        assertThat(purged).isEqualTo(1);
        assertThat(store.event(TENANT, old.eventId())).isEmpty();
        assertThat(store.delivery(TENANT, old.deliveryIds().get(0))).isEmpty();
        assertThat(store.event(TENANT, recent.eventId())).isPresent();
    }

    @Test
    void purgesOnSchedule() {
        WebhookSender sender = startedSender(b -> b.retention(Duration.ofDays(1)).purgeInterval(Duration.ofMillis(50)));
        PublishReceipt old = sender.publish(TENANT, openedEvent());

        clock.advance(Duration.ofDays(2));

        await().atMost(WAIT).until(() -> store.event(TENANT, old.eventId()).isEmpty());
    }
}
