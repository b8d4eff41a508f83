package com.migomail.webhooks.delivery;

import static com.migomail.webhooks.delivery.TestTenants.TENANT;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.migomail.webhooks.store.Delivery;
import com.migomail.webhooks.store.DeliveryStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How many store round trips an attempt costs, one per store call, by method. Claims are left out
 * (none for a delivery published on a running sender, which is stored leased to it; a share of one
 * {@code claimDue} for the others; the poller's ticks make the rest), as is the poller's clock comparison ({@code sharedClockTime}, at most once a poll interval). The sender runs on one worker thread, so that once a no-op task has run on it, the attempt
 * is recorded and reported in full.
 */
class StoreRoundTripsTest extends SenderTestSupport {
    private final CountingStore counting = new CountingStore(store);
    private final ExecutorService worker = Executors.newSingleThreadExecutor();
    private WebhookSender started;

    @AfterEach
    void stopWorker() {
        worker.shutdownNow();
    }

    @Test
    void aDeliveredAttemptReadsTheEventAndEndpointAndRecordsOnce() throws Exception {
        String deliveryId = publishedThenStarted(ok());
        awaitRecorded(deliveryId, 1);
        assertThat(delivery(deliveryId).status()).isEqualTo(DeliveryStatus.DELIVERED);
        settle();

        assertThat(counting.callsBesidesClaims()).isEqualTo(Map.of("event", 1, "endpoint", 1, "recordAttempts", 1));
    }

    @Test
    void aDeliveryPublishedOnARunningSenderIsStoredLeasedAndSentWithoutAClaimOrAReadBack() throws Exception {
        receiver.stubFor(post("/hook").willReturn(ok()));
        started = countedSender();
        started.start();
        started.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*"));
        settle();
        counting.reset();

        String deliveryId = started.publish(TENANT, openedEvent()).deliveryIds().get(0);
        awaitRecorded(deliveryId, 1);
        assertThat(delivery(deliveryId).status()).isEqualTo(DeliveryStatus.DELIVERED);
        settle();

        // The subscriber index key is read once per sender, on its first publish.
        assertThat(counting.callsBesidesClaims()).isEqualTo(Map.of("subscriberIndexKey", 1, "subscribedEndpoints", 1,
                "append", 1, "recordAttempts", 1));
        assertThat(counting.count("claim")).isZero();
    }

    @Test
    void aFirstFailureAlsoMarksTheEndpointFailingAndARetryDoesNot() throws Exception {
        String deliveryId = publishedThenStarted(serverError());
        awaitRecorded(deliveryId, 1);
        settle();
        assertThat(counting.callsBesidesClaims())
                .isEqualTo(Map.of("event", 1, "endpoint", 1, "recordAttempts", 1, "recordEndpointHealth", 1));
        counting.reset();
        clock.advance(Duration.ofMinutes(1));
        awaitRecorded(deliveryId, 2);
        settle();

        assertThat(counting.callsBesidesClaims()).isEqualTo(Map.of("event", 1, "endpoint", 1, "recordAttempts", 1));
    }

    @Test
    void aReplayedAttemptCountsTheLogInsteadOfReadingIt() throws Exception {
        String deliveryId = deliveredOnce();

        started.replay(TENANT, store.delivery(TENANT, deliveryId).orElseThrow().eventId());
        awaitRecorded(deliveryId, 2);
        settle();

        assertThat(counting.callsBesidesClaims()).isEqualTo(Map.of("deliveries", 1, "scheduleReplay", 1,
                "event", 1, "endpoint", 1, "countAttempts", 1, "recordAttempts", 1));
    }

    @Test
    void aReplayToOneEndpointLeavesTheChecksToTheStore() throws Exception {
        Delivery delivered = store.delivery(TENANT, deliveredOnce()).orElseThrow();
        String deliveryId = delivered.id();

        started.replay(TENANT, delivered.eventId(), delivered.endpointId());
        awaitRecorded(deliveryId, 2);
        settle();

        assertThat(counting.callsBesidesClaims()).isEqualTo(Map.of("scheduleReplay", 1,
                "event", 1, "endpoint", 1, "countAttempts", 1, "recordAttempts", 1));
    }

    @Test
    void aRangeReplayLooksUpANamedEndpointOnce() throws Exception {
        Instant from = clock.instant();
        String deliveryId = deliveredOnce();

        started.replay(TENANT, ReplayRequest.between(from, from.plusSeconds(1))
                .withEndpoints(Set.of(store.delivery(TENANT, deliveryId).orElseThrow().endpointId())));
        awaitRecorded(deliveryId, 2);
        settle();

        assertThat(counting.callsBesidesClaims()).isEqualTo(Map.of("endpoint", 2, "events", 1, "deliveries", 1,
                "scheduleReplay", 1, "event", 1, "countAttempts", 1, "recordAttempts", 1));
    }

    /**
     * Publishes one event to an endpoint answering {@code response} through a counting sender, resets
     * the count, then starts the sender: what the count then sees is the first attempt and after.
     */
    private String publishedThenStarted(ResponseDefinitionBuilder response) {
        receiver.stubFor(post("/hook").willReturn(response));
        WebhookSender sender = countedSender();
        sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*"));
        String deliveryId = sender.publish(TENANT, openedEvent()).deliveryIds().get(0);
        counting.reset();
        sender.start();
        return deliveryId;
    }

    /** Delivers one event with a started counting sender, then resets the count; returns the delivery. */
    private String deliveredOnce() throws Exception {
        receiver.stubFor(post("/hook").willReturn(ok()));
        started = countedSender();
        started.start();
        started.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*"));
        String deliveryId = started.publish(TENANT, openedEvent()).deliveryIds().get(0);
        awaitRecorded(deliveryId, 1);
        assertThat(delivery(deliveryId).status()).isEqualTo(DeliveryStatus.DELIVERED);
        settle();
        counting.reset();
        return deliveryId;
    }

    private WebhookSender countedSender() {
        return sender(b -> b.store(counting.store()).executor(worker).attemptTimeout(Duration.ofSeconds(30)));
    }

    /**
     * Waits, longer than the other tests (a cold JVM's first exchange with WireMock can take seconds
     * on a busy machine), until that many attempts are recorded and the lease is given back.
     */
    private void awaitRecorded(String deliveryId, int count) {
        await().atMost(Duration.ofSeconds(40)).until(() -> store.attempts(TENANT, deliveryId).size() >= count
                && store.delivery(TENANT, deliveryId).orElseThrow().leaseOwner() == null);
    }

    /** Waits until the worker has finished what it was doing (recording an attempt). */
    private void settle() throws InterruptedException, ExecutionException {
        worker.submit(() -> { }).get();
    }
}
