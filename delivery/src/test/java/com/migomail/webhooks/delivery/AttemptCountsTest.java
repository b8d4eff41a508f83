package com.migomail.webhooks.delivery;

import static com.migomail.webhooks.delivery.TestTenants.OTHER;
import static com.migomail.webhooks.delivery.TestTenants.TENANT;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.serviceUnavailable;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.migomail.webhooks.store.AttemptCount;
import com.migomail.webhooks.store.AttemptCountQuery;
import com.migomail.webhooks.store.DeliveryAttempt;
import com.migomail.webhooks.store.DeliveryStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** {@link WebhookSender#attemptCounts} and {@link WebhookSender#latestAttempt} over real deliveries. */
class AttemptCountsTest extends SenderTestSupport {

    @Test
    void countsARetriedThenDeliveredAndARetriedThenFailedDeliveryByHourAndEndpoint() {
        receiver.stubFor(post("/flaky").inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(serviceUnavailable()).willSetStateTo("up"));
        receiver.stubFor(post("/flaky").inScenario("flaky").whenScenarioStateIs("up").willReturn(ok()));
        receiver.stubFor(post("/down").willReturn(serverError()));
        // Attempts at 14:22:31, 14:52:31 and 15:22:31: two in the first hour, one in the next.
        WebhookSender sender = startedSender(b -> b.retrySchedule(RetrySchedule.fixed(Duration.ofMinutes(30), 2)));
        String flaky = sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/flaky"), "*")).id();
        String down = sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/down"), "*")).id();
        Instant hour = clock.instant().truncatedTo(ChronoUnit.HOURS);

        var deliveries = sender.publish(TENANT, openedEvent()).deliveryIds();
        String toFlaky = deliveries.stream().filter(id -> delivery(id).endpointId().equals(flaky)).findFirst().orElseThrow();
        String toDown = deliveries.stream().filter(id -> delivery(id).endpointId().equals(down)).findFirst().orElseThrow();
        awaitAttempts(toFlaky, 1);
        awaitAttempts(toDown, 1);
        clock.advance(Duration.ofMinutes(30));
        awaitStatus(toFlaky, DeliveryStatus.DELIVERED);
        awaitAttempts(toDown, 2);
        AttemptCountQuery twoHours = AttemptCountQuery.hourly(hour, hour.plus(Duration.ofHours(2)));
        assertThat(sender.attemptCounts(TENANT, twoHours)).containsExactly(
                new AttemptCount(hour, flaky, 1, 1, 0),
                new AttemptCount(hour, down, 0, 2, 0));
        clock.advance(Duration.ofMinutes(30));
        awaitStatus(toDown, DeliveryStatus.FAILED);

        assertThat(sender.attemptCounts(TENANT, twoHours)).containsExactly(
                new AttemptCount(hour, flaky, 1, 1, 0),
                new AttemptCount(hour, down, 0, 2, 0),
                new AttemptCount(hour.plus(Duration.ofHours(1)), down, 0, 0, 1));
        assertThat(sender.attemptCounts(TENANT, twoHours.withEndpoint(flaky)))
                .containsExactly(new AttemptCount(hour, flaky, 1, 1, 0));
        assertThat(sender.attemptCounts(OTHER, twoHours)).isEmpty();
        assertThat(sender.attemptCounts(OTHER, twoHours.withEndpoint(down))).isEmpty();
        DeliveryAttempt last = sender.latestAttempt(TENANT, down).orElseThrow();
        assertThat(last.deliveryId()).isEqualTo(toDown);
        assertThat(last.number()).isEqualTo(3);
        assertThat(last.statusCode()).isEqualTo(500);
        assertThat(sender.latestAttempt(TENANT, flaky).orElseThrow().statusCode()).isEqualTo(200);
        assertThat(sender.latestAttempt(OTHER, down)).isEmpty();
    }

    @Test
    void anEndpointWithoutAttemptsHasNoCountsAndNoLatestAttempt() {
        WebhookSender sender = startedSender(b -> b);
        String endpointId = sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*")).id();
        Instant now = clock.instant();

        assertThat(sender.attemptCounts(TENANT, AttemptCountQuery.hourly(now.minusSeconds(3600), now.plusSeconds(3600))
                .withEndpoint(endpointId))).isEmpty();
        assertThat(sender.latestAttempt(TENANT, endpointId)).isEmpty();
    }

    @Test
    void nullArgumentsAreRefusedByName() {
        WebhookSender sender = sender(b -> b);
        AttemptCountQuery query = AttemptCountQuery.hourly(clock.instant(), clock.instant().plusSeconds(3600));

        assertThatThrownBy(() -> sender.attemptCounts(null, query)).hasMessage("tenant cannot be null");
        assertThatThrownBy(() -> sender.attemptCounts(TENANT, null)).hasMessage("query cannot be null");
        assertThatThrownBy(() -> sender.latestAttempt(null, "ep_1")).hasMessage("tenant cannot be null");
        assertThatThrownBy(() -> sender.latestAttempt(TENANT, null)).hasMessage("endpointId cannot be null");
        assertThatThrownBy(() -> sender.countReplay(TENANT, null)).hasMessage("request cannot be null");
        assertThatThrownBy(() -> sender.sendTest(TENANT, "ep_1", null)).hasMessage("event cannot be null");
        assertThatThrownBy(() -> sender.sendTest(TENANT, null, openedEvent())).hasMessage("endpointId cannot be null");
    }
}
