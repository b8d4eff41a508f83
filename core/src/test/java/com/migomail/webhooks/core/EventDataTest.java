package com.migomail.webhooks.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventDataTest {

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyTypeHasADataRecordNamingItsWireType(EventType type) {
        EventData data = Events.sample(type);

        assertThat(data).isInstanceOf(type.dataType());
        assertThat(data.eventType()).isEqualTo(type.wireName());
        assertThat(data.knownType()).contains(type);
    }

    @Test
    void rejectsAMissingRequiredField() {
        assertThatThrownBy(() -> new EmailSent(null, null, Subscriber.of("a@x"), null))
                .isInstanceOf(NullPointerException.class).hasMessage("messageId cannot be null");
        assertThatThrownBy(() -> Subscriber.of(null))
                .isInstanceOf(NullPointerException.class).hasMessage("email cannot be null");
        assertThatThrownBy(() -> new EmailBounced("m", null, Subscriber.of("a@x"), null, "5.1.1", null))
                .isInstanceOf(NullPointerException.class).hasMessage("bounceType cannot be null");
    }

    @Test
    void rejectsNumbersBelowTheirMinimum() {
        assertThatThrownBy(() -> new EmailClicked("m", null, Subscriber.of("a@x"), "u", 0, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("linkPosition must be at least 1, got 0");
        assertThatThrownBy(() -> new CampaignSent("c", null, 1, -1L, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("delivered must be at least 0, got -1");
    }

    @Test
    void subscriberCreatedNeedsTheSubscriberId() {
        assertThatThrownBy(() -> new SubscriberCreated(Subscriber.of("a@x"), SubscriberSource.API))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("subscriber.id cannot be null in subscriber.created");
    }

    @Test
    void copiesMapsKeepingTheirOrder() {
        Map<String, FieldChange> changes = new LinkedHashMap<>();
        changes.put("z", new FieldChange(JsonValue.of(1), JsonValue.of(2)));
        changes.put("a", new FieldChange(JsonValue.nullValue(), JsonValue.of("x")));
        SubscriberUpdated updated = new SubscriberUpdated(Subscriber.of("a@x"), changes);
        changes.clear();

        assertThat(updated.changes()).containsOnlyKeys("z", "a");
        assertThat(updated.changes().keySet()).containsExactly("z", "a");
        assertThatThrownBy(() -> updated.changes().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void unknownDataRefusesAKnownType() {
        assertThatThrownBy(() -> new UnknownEventData("email.sent", JsonValue.object(Map.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("eventType email.sent is a known type; use its data record");
    }

    @Test
    void enumsMapToTheirWireNames() {
        assertThat(BounceType.fromWireName("soft")).contains(BounceType.SOFT);
        assertThat(UnsubscribeMethod.LIST_UNSUBSCRIBE.wireName()).isEqualTo("list_unsubscribe");
        assertThat(SubscriberSource.fromWireName("import")).contains(SubscriberSource.IMPORT);
        assertThat(PauseReason.fromWireName("deliverability_threshold")).contains(PauseReason.DELIVERABILITY_THRESHOLD);
        assertThat(PauseReason.fromWireName("USER")).isEmpty();
    }
}
