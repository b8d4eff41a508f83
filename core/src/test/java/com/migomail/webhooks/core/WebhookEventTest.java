package com.migomail.webhooks.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class WebhookEventTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-15T14:22:31.987Z"), ZoneOffset.UTC);
    private static final EventData SENT = Events.sample(EventType.EMAIL_SENT);

    @Test
    void ofFillsAFreshEventIdTheTypeAndTheTimeInWholeSeconds() {
        WebhookEvent event = WebhookEvent.of(SENT, CLOCK);

        assertThat(event.id()).matches("evt_[0-7][0-9a-hjkmnp-tv-z]{25}");
        assertThat(event.typeId().timestamp()).isEqualTo(Instant.parse("2025-01-15T14:22:31.987Z"));
        assertThat(event.type()).isEqualTo("email.sent");
        assertThat(event.knownType()).contains(EventType.EMAIL_SENT);
        assertThat(event.timestamp()).isEqualTo(Instant.parse("2025-01-15T14:22:31Z"));
        assertThat(event.data()).isSameAs(SENT);
    }

    @Test
    void ofGivesEveryEventItsOwnId() {
        assertThat(WebhookEvent.of(SENT, CLOCK).id()).isNotEqualTo(WebhookEvent.of(SENT, CLOCK).id());
    }

    @Test
    void rejectsAnIdThatIsNotAnEventTypeId() {
        assertThatThrownBy(() -> new WebhookEvent("msg_01jhn8wygrfgz8ybavd8e9w3t2", Events.TIME, SENT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("id must be a TypeID with prefix evt, got \"msg_01jhn8wygrfgz8ybavd8e9w3t2\"");
    }

    @Test
    void rejectsATypeThatDiffersFromTheData() {
        assertThatThrownBy(() -> new WebhookEvent(Events.ID, "email.opened", Events.TIME, SENT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("type email.opened differs from the data's type email.sent");
    }

    @Test
    void rejectsFractionsOfASecond() {
        assertThatThrownBy(() -> new WebhookEvent(Events.ID, Instant.parse("2025-01-15T14:22:31.5Z"), SENT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timestamp must be whole seconds, got 2025-01-15T14:22:31.500Z");
    }

    @Test
    void rejectsTimesOutsideFourDigitYears() {
        assertThatThrownBy(() -> new WebhookEvent(Events.ID, Instant.parse("+10000-01-01T00:00:00Z"), SENT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timestamp must be in years 0000 to 9999, got +10000-01-01T00:00:00Z");
    }

    @Test
    void writesTheExtremeYears() {
        WebhookEvent first = new WebhookEvent(Events.ID, Instant.parse("0000-01-01T00:00:00Z"), SENT);
        WebhookEvent last = new WebhookEvent(Events.ID, Instant.parse("9999-12-31T23:59:59Z"), SENT);

        assertThat(EventCodec.writeString(first)).contains("\"timestamp\":\"0000-01-01T00:00:00Z\"");
        assertThat(EventCodec.writeString(last)).contains("\"timestamp\":\"9999-12-31T23:59:59Z\"");
        assertThat(EventCodec.read(EventCodec.write(first))).isEqualTo(first);
    }

    @Test
    void rejectsNullComponents() {
        assertThatThrownBy(() -> new WebhookEvent(null, Events.TIME, SENT)).isInstanceOf(NullPointerException.class)
                .hasMessage("id cannot be null");
        assertThatThrownBy(() -> new WebhookEvent(Events.ID, null, SENT)).isInstanceOf(NullPointerException.class)
                .hasMessage("timestamp cannot be null");
        assertThatThrownBy(() -> WebhookEvent.of(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("data cannot be null");
    }
}
