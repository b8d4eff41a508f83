package com.migomail.webhooks.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StoreArgumentsTest {
    private static final TenantId TENANT = TenantId.of("t1");

    private static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(30);

    @Test
    void appendNeedsAnEventAndDistinctDeliveries() {
        NewDelivery one = new NewDelivery("dlv_1", "ep_1", DeliveryStatus.PENDING);
        StoredEvent event = new StoredEvent("evt_1", TENANT, "email.opened", NOW, NOW, "{}");

        assertThat(StoreArguments.checkAppend(event, List.of(one))).containsExactly(one);
        assertThatThrownBy(() -> StoreArguments.checkAppend(null, List.of()))
                .isInstanceOf(NullPointerException.class).hasMessage("event cannot be null");
        assertThatThrownBy(() -> StoreArguments.checkAppend(event, List.of(one, one)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("deliveries share the id dlv_1");
    }

    @Test
    void claimDueNeedsAPositiveLeaseAndALimitOfAtLeastZero() {
        assertThatThrownBy(() -> StoreArguments.checkClaimDue(NOW, -1, "node-a", LEASE, Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("limit cannot be negative: -1");
        assertThatThrownBy(() -> StoreArguments.checkClaimDue(NOW, 1, "node-a", Duration.ZERO, Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("lease must be positive: PT0S");
        assertThatThrownBy(() -> StoreArguments.checkClaimDue(NOW, 1, "node-a", LEASE, null))
                .isInstanceOf(NullPointerException.class).hasMessage("excludedEndpoints cannot be null");
    }

    @Test
    void claimDueReturnsACopyOfTheExcludedEndpoints() {
        Set<String> excluded = new HashSet<>(Set.of("ep_1"));

        Set<String> checked = StoreArguments.checkClaimDue(NOW, 0, "node-a", LEASE, excluded);
        excluded.add("ep_2");

        assertThat(checked).containsExactly("ep_1");
    }

    @Test
    void claimNeedsAnOwnerAndAPositiveLease() {
        assertThatThrownBy(() -> StoreArguments.checkClaim("dlv_1", NOW, null, LEASE))
                .isInstanceOf(NullPointerException.class).hasMessage("owner cannot be null");
        assertThatThrownBy(() -> StoreArguments.checkClaim("dlv_1", NOW, "node-a", Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("lease must be positive: PT-1S");
    }

    @Test
    void purgeNeedsABatchOfAtLeastOne() {
        assertThatThrownBy(() -> StoreArguments.checkPurgeEventsBefore(NOW, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("batchSize must be at least 1: 0");
        assertThatThrownBy(() -> StoreArguments.checkPurgeEventsBefore(null, 1))
                .isInstanceOf(NullPointerException.class).hasMessage("cutoff cannot be null");
    }

    @Test
    void erasureNeedsABatchOfAtLeastOne() {
        assertThatThrownBy(() -> StoreArguments.checkDeleteTenantBatch(TENANT, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("batchSize must be at least 1: 0");
        assertThatThrownBy(() -> StoreArguments.checkEraseSubscriberBatch(TENANT, "k", -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("batchSize must be at least 1: -1");
    }

    @Test
    void everyNullArgumentIsNamed() {
        EndpointSecret secret = new EndpointSecret("whsec_1", NOW, null);
        DeliveryOutcome outcome = DeliveryOutcome.delivered();
        DeliveryAttempt attempt = new DeliveryAttempt("dlv_1", 1, NOW, Duration.ofMillis(5), 200, null, null, "ok");

        assertNamed("endpointId", () -> StoreArguments.checkRotateSecret(TENANT, null, secret, NOW, NOW));
        assertNamed("newSecret", () -> StoreArguments.checkRotateSecret(TENANT, "ep_1", null, NOW, NOW));
        assertNamed("oldExpireAt", () -> StoreArguments.checkRotateSecret(TENANT, "ep_1", secret, null, NOW));
        assertNamed("at", () -> StoreArguments.checkRecordEndpointHealth(TENANT, "ep_1", null));
        assertNamed("tenant", () -> StoreArguments.checkRecordEndpointHealth(null, "ep_1", NOW));
        assertNamed("attempt", () -> StoreArguments.checkRecordAttempt("node-a", null, outcome, NOW));
        assertNamed("outcome", () -> StoreArguments.checkResolve("dlv_1", "node-a", null, NOW));
        assertNamed("deliveryId", () -> StoreArguments.checkRelease(null, "node-a"));
        assertNamed("newDeliveryId", () -> StoreArguments.checkScheduleReplay(TENANT, "evt_1", "ep_1", null, NOW));
        assertNamed("dueAt", () -> StoreArguments.checkScheduleReplay(TENANT, "evt_1", "ep_1", "dlv_2", null));
        assertNamed("now", () -> StoreArguments.checkRecordAttempt("node-a", attempt, outcome, null));
        assertNamed("tenant", () -> StoreArguments.checkScheduleReplay(null, "evt_1", "ep_1", "dlv_2", NOW));
        assertNamed("tenant", () -> StoreArguments.checkDeleteEndpoint(null, "ep_1", NOW));
        assertNamed("endpointId", () -> StoreArguments.checkDeleteEndpoint(TENANT, null, NOW));
        assertNamed("eventType", () -> StoreArguments.checkSubscribedEndpoints(TENANT, null));
        assertNamed("tenant", () -> StoreArguments.checkDeleteTenantBatch(null, 1));
        assertNamed("subscriberKey", () -> StoreArguments.checkEraseSubscriberBatch(TENANT, null, 1));
    }

    private static void assertNamed(String argument, Runnable check) {
        assertThatThrownBy(check::run).isInstanceOf(NullPointerException.class)
                .hasMessage(argument + " cannot be null");
    }
}
