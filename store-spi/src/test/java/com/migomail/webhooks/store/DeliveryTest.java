package com.migomail.webhooks.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code with…} methods of {@link Delivery}. */
class DeliveryTest {
    private static final TenantId TENANT = TenantId.of("t1");

    private static final Instant T0 = Instant.parse("2026-01-15T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(1);
    private static final Delivery DELIVERY = new Delivery("dlv_1", TENANT, "evt_1", "ep_1", DeliveryStatus.PENDING, 0, T0,
            false, null, null, T0, T0);

    @Test
    void eachDeliveryCopyReplacesOneComponent() {
        assertThat(List.of(DELIVERY.withEventId("evt_2"), DELIVERY.withEndpointId("ep_2"),
                DELIVERY.withStatus(DeliveryStatus.FAILED), DELIVERY.withAttemptCount(3), DELIVERY.withNextAttemptAt(T1),
                DELIVERY.withReplay(true), DELIVERY.withLeaseOwner("node-a"), DELIVERY.withLeaseExpiresAt(T1),
                DELIVERY.withCreatedAt(T1), DELIVERY.withUpdatedAt(T1))).containsExactly(
                delivery("evt_2", "ep_1", DeliveryStatus.PENDING, 0, T0, false, null, null, T0, T0),
                delivery("evt_1", "ep_2", DeliveryStatus.PENDING, 0, T0, false, null, null, T0, T0),
                delivery("evt_1", "ep_1", DeliveryStatus.FAILED, 0, T0, false, null, null, T0, T0),
                delivery("evt_1", "ep_1", DeliveryStatus.PENDING, 3, T0, false, null, null, T0, T0),
                delivery("evt_1", "ep_1", DeliveryStatus.PENDING, 0, T1, false, null, null, T0, T0),
                delivery("evt_1", "ep_1", DeliveryStatus.PENDING, 0, T0, true, null, null, T0, T0),
                delivery("evt_1", "ep_1", DeliveryStatus.PENDING, 0, T0, false, "node-a", null, T0, T0),
                delivery("evt_1", "ep_1", DeliveryStatus.PENDING, 0, T0, false, null, T1, T0, T0),
                delivery("evt_1", "ep_1", DeliveryStatus.PENDING, 0, T0, false, null, null, T1, T0),
                delivery("evt_1", "ep_1", DeliveryStatus.PENDING, 0, T0, false, null, null, T0, T1));
    }

    @Test
    void aCopyIsValidatedAsTheConstructorValidates() {
        assertThatThrownBy(() -> DELIVERY.withAttemptCount(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("attemptCount cannot be negative: -1");
        assertThatThrownBy(() -> DELIVERY.withUpdatedAt(null))
                .isInstanceOf(NullPointerException.class).hasMessage("updatedAt cannot be null");
    }

    private static Delivery delivery(String eventId, String endpointId, DeliveryStatus status, int attemptCount,
            Instant nextAttemptAt, boolean replay, String leaseOwner, Instant leaseExpiresAt, Instant createdAt,
            Instant updatedAt) {
        return new Delivery("dlv_1", TENANT, eventId, endpointId, status, attemptCount, nextAttemptAt, replay, leaseOwner,
                leaseExpiresAt, createdAt, updatedAt);
    }
}
