package com.migomail.webhooks.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class NewDeliveryTest {
    private static final TenantId TENANT = TenantId.of("t1");

    private static final Instant HAPPENED = Instant.parse("2026-01-15T10:00:00Z");
    private static final Instant STORED = HAPPENED.plusSeconds(3);
    private static final StoredEvent EVENT = new StoredEvent("evt_1", TENANT, "email.opened", HAPPENED, STORED, "{}");

    @Test
    void aPendingDeliveryIsDueWhenItsEventWasStored() {
        Delivery delivery = new NewDelivery("dlv_1", "ep_1", DeliveryStatus.PENDING).toDelivery(EVENT);

        assertThat(delivery).isEqualTo(new Delivery("dlv_1", TENANT, "evt_1", "ep_1", DeliveryStatus.PENDING, 0, STORED, false,
                null, null, STORED, STORED));
    }

    @Test
    void aSkippedDeliveryIsNeverDue() {
        Delivery delivery = new NewDelivery("dlv_1", "ep_1", DeliveryStatus.SKIPPED).toDelivery(EVENT);

        assertThat(delivery).isEqualTo(new Delivery("dlv_1", TENANT, "evt_1", "ep_1", DeliveryStatus.SKIPPED, 0, null, false,
                null, null, STORED, STORED));
    }
}
