package com.migomail.webhooks.delivery;

import static com.migomail.webhooks.delivery.TestTenants.TENANT;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.migomail.webhooks.core.EventType;
import com.migomail.webhooks.delivery.testing.TenantEvents;
import com.migomail.webhooks.store.Delivery;
import com.migomail.webhooks.store.DeliveryQuery;
import com.migomail.webhooks.store.DeliveryStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link WebhookSender#countReplay}: what a replay would schedule, counted by the replay's own selection. */
class CountReplayTest extends SenderTestSupport {

    private WebhookSender sender;
    private Instant from;
    private String broken;
    private String paused;
    private String late;

    /**
     * Three {@code email.opened} events, each delivered to /ok, failed at /broken ({@code email.*})
     * and skipped at /paused (disabled), and two {@code campaign.sent} events, delivered to /ok and
     * skipped at /paused: 13 deliveries, 3 failed, 5 skipped. Then /late ({@code email.opened}) is
     * registered, without deliveries.
     */
    @BeforeEach
    void givenAHistory() {
        receiver.stubFor(post("/ok").willReturn(ok()));
        receiver.stubFor(post("/late").willReturn(ok()));
        receiver.stubFor(post("/broken").willReturn(serverError()));
        sender = startedSender(b -> b.retrySchedule(RetrySchedule.none()));
        sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/ok"), "*"));
        broken = sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/broken"), "email.*")).id();
        paused = sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/paused"), "*")).id();
        sender.disableEndpoint(TENANT, paused, "maintenance");
        from = clock.instant();
        for (EventType type : List.of(EventType.EMAIL_OPENED, EventType.CAMPAIGN_SENT, EventType.EMAIL_OPENED,
                EventType.CAMPAIGN_SENT, EventType.EMAIL_OPENED)) {
            sender.publish(TENANT, TenantEvents.of(type, "jane@example.com", clock));
            clock.advance(Duration.ofSeconds(10));
        }
        late = sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/late"), "email.opened")).id();
        awaitSettled();
    }

    private Map<String, ReplayRequest> requests() {
        ReplayRequest range = ReplayRequest.between(from, clock.instant());
        Map<String, ReplayRequest> requests = new LinkedHashMap<>();
        requests.put("all", range);
        requests.put("failed or skipped", range.onlyFailedOrSkipped());
        requests.put("campaign.sent", range.withTypes(Set.of("campaign.sent")));
        requests.put("broken", range.withEndpoints(Set.of(broken)));
        requests.put("broken and paused, failed or skipped", range.withEndpoints(Set.of(broken, paused)).onlyFailedOrSkipped());
        requests.put("late, without deliveries", range.withEndpoints(Set.of(late)));
        requests.put("late, failed or skipped", range.withEndpoints(Set.of(late)).onlyFailedOrSkipped());
        requests.put("late, campaign.sent", range.withEndpoints(Set.of(late)).withTypes(Set.of("campaign.sent")));
        requests.put("empty range", ReplayRequest.between(from, from));
        return requests;
    }

    @Test
    void countsWhatEachReplayWouldScheduleAndSchedulesNothing() {
        List<Delivery> before = allDeliveries();
        int requestsBefore = receiver.getAllServeEvents().size();
        Map<String, Integer> counts = new LinkedHashMap<>();

        requests().forEach((name, request) -> counts.put(name, sender.countReplay(TENANT, request)));

        assertThat(counts).containsExactly(
                Map.entry("all", 13),
                Map.entry("failed or skipped", 8),
                Map.entry("campaign.sent", 4),
                Map.entry("broken", 3),
                Map.entry("broken and paused, failed or skipped", 8),
                Map.entry("late, without deliveries", 3),
                Map.entry("late, failed or skipped", 0),
                Map.entry("late, campaign.sent", 0),
                Map.entry("empty range", 0));
        assertThat(allDeliveries()).isEqualTo(before);
        assertThat(receiver.getAllServeEvents()).hasSize(requestsBefore);
    }

    @Test
    void theCountIsWhatTheReplayThenSchedules() {
        requests().forEach((name, request) -> {
            int count = sender.countReplay(TENANT, request);

            ReplayReceipt receipt = sender.replay(TENANT, request);

            assertThat(receipt.count()).as(name).isEqualTo(count);
            awaitSettled();
        });
    }

    @Test
    void aNamedEndpointThatIsNotTheTenantsIsATypedErrorAsForTheReplay() {
        ReplayRequest request = ReplayRequest.between(from, clock.instant())
                .withEndpoints(Set.of(broken, "ep_01j8x4k7q3c9v2m5n8p0r6s1td"));

        assertThatThrownBy(() -> sender.countReplay(TENANT, request))
                .isInstanceOf(UnknownIdException.class)
                .hasMessage("endpoint not found: ep_01j8x4k7q3c9v2m5n8p0r6s1td");
    }

    private List<Delivery> allDeliveries() {
        return sender.deliveries(TENANT, DeliveryQuery.all().withLimit(100)).items();
    }

    /** Waits until no delivery is pending: every one delivered, failed or skipped. */
    private void awaitSettled() {
        await().atMost(WAIT).until(() -> sender.deliveries(TENANT, DeliveryQuery.all()
                .withStatuses(Set.of(DeliveryStatus.PENDING))).items().isEmpty());
    }
}
