package com.migomail.webhooks.store.jdbc;

import com.migomail.webhooks.core.EmailSent;
import com.migomail.webhooks.core.Subscriber;
import com.migomail.webhooks.core.WebhookEvent;
import com.migomail.webhooks.delivery.DeliveryListener;
import com.migomail.webhooks.delivery.EndpointAddressPolicy;
import com.migomail.webhooks.delivery.EndpointRegistration;
import com.migomail.webhooks.delivery.WebhookSender;
import com.migomail.webhooks.store.Delivery;
import com.migomail.webhooks.store.DeliveryAttempt;
import com.migomail.webhooks.store.DeliveryQuery;
import com.migomail.webhooks.store.DeliveryStatus;
import com.migomail.webhooks.store.Page;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sender nodes of {@link MultiSenderDeliveryTest}, {@link MultiSenderDeliveryIT}, {@link H2SigkillIT},
 * {@link SenderNodeMain} and {@link H2PublishingNodeMain}: how each is configured, and the events they publish.
 */
final class SenderNodes {

    /** Attempts in flight to one endpoint per sender: the most a killed sender can leave unrecorded. */
    static final int IN_FLIGHT_PER_ENDPOINT = 16;

    /** How often the senders poll the store: often, so that a starting node finds the backlog at once. */
    static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    private SenderNodes() {
    }

    /** A sender on loopback that counts its deliveries in {@code delivered}; not started. */
    static WebhookSender sender(JdbcWebhookStore store, String nodeId, Clock clock, AtomicInteger delivered) {
        return WebhookSender.builder()
                .store(store)
                .nodeId(nodeId)
                .clock(clock)
                .addressPolicy(EndpointAddressPolicy.allowLoopbackForTesting())
                .attemptTimeout(Duration.ofSeconds(5))
                .maxConcurrencyPerEndpoint(IN_FLIGHT_PER_ENDPOINT)
                .pollInterval(POLL_INTERVAL)
                .listener(new DeliveryListener() {
                    @Override
                    public void onDelivered(Delivery delivery, DeliveryAttempt attempt) {
                        delivered.incrementAndGet();
                    }
                })
                .build();
    }

    /** Registers the receiver and publishes through a sender that never starts: a backlog in the store. */
    static Set<String> publishBacklog(JdbcWebhookStore store, LoopbackReceiver receiver, int events) {
        Set<String> ids = new HashSet<>();
        try (WebhookSender publisher = sender(store, "publisher", Clock.systemUTC(), new AtomicInteger())) {
            publisher.registerEndpoint(Fixtures.TENANT, EndpointRegistration.of(receiver.url(), "*"));
            for (int i = 0; i < events; i++) {
                ids.add(publisher.publish(Fixtures.TENANT, emailSent(i)).eventId());
            }
        }
        return ids;
    }

    /** The events of the deliveries that are pending and leased to {@code owner}: in flight on that node. */
    static Set<String> eventIdsLeasedTo(JdbcWebhookStore store, String owner) {
        Set<String> ids = new HashSet<>();
        DeliveryQuery query = DeliveryQuery.all().withStatuses(Set.of(DeliveryStatus.PENDING)).withLimit(1000);
        Page<Delivery> page = store.deliveries(Fixtures.TENANT, query);
        while (true) {
            page.items().stream().filter(d -> owner.equals(d.leaseOwner())).forEach(d -> ids.add(d.eventId()));
            if (page.nextCursor() == null) {
                return ids;
            }
            page = store.deliveries(Fixtures.TENANT, query.withCursor(page.nextCursor()));
        }
    }

    static WebhookEvent emailSent(int number) {
        return WebhookEvent.of(new EmailSent("msg_" + number, null, Subscriber.of("s" + number + "@example.com"), null));
    }

    static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
