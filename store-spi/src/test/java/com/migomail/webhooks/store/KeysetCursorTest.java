package com.migomail.webhooks.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class KeysetCursorTest {
    private static final TenantId TENANT = TenantId.of("t1");

    private static final Instant AT = Instant.parse("2026-01-15T10:00:00.123456789Z");

    @Test
    void anEventCursorStandsForTheEventsTimestampAndId() {
        StoredEvent event = new StoredEvent("evt_1", TENANT, "email.opened", AT, AT.plusSeconds(5), "{}");

        assertThat(KeysetCursor.decodeEvents(KeysetCursor.encodeAfter(event))).isEqualTo(new KeysetCursor(AT, "evt_1"));
    }

    @Test
    void aDeliveryCursorStandsForTheDeliverysCreationAndId() {
        Delivery delivery = new Delivery("dlv_1", TENANT, "evt_1", "ep_1", DeliveryStatus.PENDING, 0, AT.plusSeconds(9), false,
                null, null, AT, AT.plusSeconds(7));

        assertThat(KeysetCursor.decodeDeliveries(KeysetCursor.encodeAfter(delivery)))
                .isEqualTo(new KeysetCursor(AT, "dlv_1"));
    }

    @Test
    void keepsTimesBeforeTheEpochAndIdsWithColons() {
        Instant before = Instant.parse("1900-01-01T00:00:00.5Z");
        StoredEvent event = new StoredEvent("a:b:c", TENANT, "email.opened", before, before, "{}");

        assertThat(KeysetCursor.decodeEvents(KeysetCursor.encodeAfter(event))).isEqualTo(new KeysetCursor(before, "a:b:c"));
    }

    @Test
    void aDeliveryCursorIsNotAnEventCursorNorTheOtherWayRound() {
        String deliveries = KeysetCursor.encodeAfter(new Delivery("dlv_1", TENANT, "evt_1", "ep_1", DeliveryStatus.SKIPPED, 0,
                null, false, null, null, AT, AT));
        String events = KeysetCursor.encodeAfter(new StoredEvent("evt_1", TENANT, "email.opened", AT, AT, "{}"));

        assertThatThrownBy(() -> KeysetCursor.decodeEvents(deliveries))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cursor is not one this store issued for events: " + deliveries);
        assertThatThrownBy(() -> KeysetCursor.decodeDeliveries(events))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cursor is not one this store issued for deliveries: " + events);
    }

    @Test
    void rejectsStringsItDidNotIssue() {
        for (String cursor : new String[] {"", "not a cursor", "e", "e!!!", "e" + base64("12:34"),
                "e" + base64("x:0:evt_1"), "e" + base64("1:y:evt_1"), "e" + base64(Long.MAX_VALUE + ":0:evt_1")}) {
            assertThatThrownBy(() -> KeysetCursor.decodeEvents(cursor))
                    .as(cursor)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("cursor is not one this store issued for events: " + cursor);
        }
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> KeysetCursor.decodeEvents(null))
                .isInstanceOf(NullPointerException.class).hasMessage("cursor cannot be null");
        assertThatThrownBy(() -> new KeysetCursor(AT, null))
                .isInstanceOf(NullPointerException.class).hasMessage("id cannot be null");
        assertThatThrownBy(() -> new KeysetCursor(null, "evt_1"))
                .isInstanceOf(NullPointerException.class).hasMessage("at cannot be null");
    }

    private static String base64(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }
}
