package com.migomail.webhooks.delivery.internal;

import static com.migomail.webhooks.delivery.TestTenants.TENANT;

import static org.assertj.core.api.Assertions.assertThat;

import com.migomail.webhooks.delivery.DeliveryListener;
import com.migomail.webhooks.store.Endpoint;
import com.migomail.webhooks.store.EndpointSecret;
import com.migomail.webhooks.store.WebhookStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class EndpointHealthTest {
    private static final Instant START = Instant.parse("2026-01-15T14:22:31Z");
    private static final Duration PERIOD = Duration.ofHours(1);

    private final WebhookStore store = WebhookStore.inMemory();
    private final List<String> disabled = new CopyOnWriteArrayList<>();
    private final EndpointHealth health = new EndpointHealth(store, Clock.fixed(START, ZoneOffset.UTC), PERIOD,
            new Listeners(List.of(new DeliveryListener() {
                @Override
                public void onEndpointDisabled(Endpoint endpoint, String reason) {
                    disabled.add(endpoint.id() + ": " + reason);
                }
            })));
    private final Endpoint healthy = store.createEndpoint(new Endpoint("ep_1", TENANT, "https://example.com/hook", List.of("*"),
            "", Map.of(), true, List.of(new EndpointSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", START, null)),
            null, null, START, START));

    @Test
    void aFailureOfAHealthyEndpointMarksItFailingSinceTheAttempt() {
        health.record(healthy, false, START.plusSeconds(5), START.plusSeconds(6));

        assertThat(stored().failingSince()).isEqualTo(START.plusSeconds(5));
        assertThat(stored().enabled()).isTrue();
    }

    @Test
    void aSuccessOfAFailingEndpointClearsTheMark() {
        Endpoint failing = store.recordEndpointHealth(TENANT, healthy.id(), false, START);

        health.record(failing, true, START.plusSeconds(60), START.plusSeconds(61));

        assertThat(stored().failingSince()).isNull();
    }

    @Test
    void aSuccessOfAHealthyEndpointWritesNothing() {
        // Marked failing behind the loaded copy's back: a write would clear the mark.
        store.recordEndpointHealth(TENANT, healthy.id(), false, START);

        health.record(healthy, true, START.plusSeconds(60), START.plusSeconds(61));

        assertThat(stored().failingSince()).isEqualTo(START);
    }

    @Test
    void aFurtherFailureWithinThePeriodWritesNothing() {
        Endpoint failing = store.recordEndpointHealth(TENANT, healthy.id(), false, START);
        // Cleared behind the loaded copy's back: a write would mark it failing again.
        store.recordEndpointHealth(TENANT, healthy.id(), true, START.plusSeconds(30));

        health.record(failing, false, START.plusSeconds(60), START.plusSeconds(61));

        assertThat(stored().failingSince()).isNull();
        assertThat(disabled).isEmpty();
    }

    @Test
    void disablesTheEndpointOnceEveryAttemptFailedForTheWholePeriod() {
        Endpoint failing = store.recordEndpointHealth(TENANT, healthy.id(), false, START);

        health.record(failing, false, START.plus(PERIOD), START.plus(PERIOD));

        String reason = "every attempt failed since " + START + " (health period PT1H)";
        assertThat(stored().enabled()).isFalse();
        assertThat(stored().disabledReason()).isEqualTo(reason);
        assertThat(stored().failingSince()).isEqualTo(START);
        assertThat(disabled).containsExactly("ep_1: " + reason);
    }

    @Test
    void doesNotDisableAnEndpointThatRecoveredSinceTheAttemptLoadedIt() {
        Endpoint failing = store.recordEndpointHealth(TENANT, healthy.id(), false, START);
        store.recordEndpointHealth(TENANT, healthy.id(), true, START.plus(PERIOD).minusSeconds(10));

        health.record(failing, false, START.plus(PERIOD), START.plus(PERIOD));

        assertThat(stored().enabled()).isTrue();
        assertThat(stored().failingSince()).isEqualTo(START.plus(PERIOD));
        assertThat(disabled).isEmpty();
    }

    @Test
    void disablingTellsTheListenersOnlyOnce() {
        health.disable(TENANT, healthy.id(), "endpoint answered 410 Gone");
        health.disable(TENANT, healthy.id(), "endpoint answered 410 Gone");

        assertThat(stored().enabled()).isFalse();
        assertThat(stored().disabledReason()).isEqualTo("endpoint answered 410 Gone");
        assertThat(disabled).containsExactly("ep_1: endpoint answered 410 Gone");
    }

    private Endpoint stored() {
        return store.endpoint(TENANT, healthy.id()).orElseThrow();
    }
}
