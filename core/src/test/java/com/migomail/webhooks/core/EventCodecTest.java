package com.migomail.webhooks.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.migomail.webhooks.WebhookException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventCodecTest {
    /** The body example of WIRE.md, pretty-printed as it is there. */
    private static final String WIRE_EXAMPLE = "{\n"
            + "  \"event\": \"email.opened\",\n"
            + "  \"timestamp\": \"2025-01-15T14:22:31Z\",\n"
            + "  \"id\": \"evt_01j8x4k7q3c9v2m5n8p0r6s1td\",\n"
            + "  \"data\": {\n"
            + "    \"message_id\": \"msg_01j8x4...\",\n"
            + "    \"campaign_id\": \"cmp_8f2a1b...\",\n"
            + "    \"subscriber\": { \"email\": \"jane@example.com\", \"name\": \"Jane Smith\", \"list_id\": \"lst_98c2f...\" },\n"
            + "    \"ip_address\": \"203.0.113.42\",\n"
            + "    \"user_agent\": \"Apple Mail/...\",\n"
            + "    \"client\": \"Apple Mail\",\n"
            + "    \"device\": \"iPhone\"\n"
            + "  }\n"
            + "}\n";

    private static final String ENVELOPE = "\"timestamp\":\"2025-01-15T14:22:31Z\",\"id\":\"" + Events.ID + "\"";

    @Test
    void readsTheWireMdExampleIntoAnOpenedEvent() {
        WebhookEvent event = EventCodec.read(WIRE_EXAMPLE);

        assertThat(event.id()).isEqualTo("evt_01j8x4k7q3c9v2m5n8p0r6s1td");
        assertThat(event.type()).isEqualTo("email.opened");
        assertThat(event.timestamp()).isEqualTo(Instant.parse("2025-01-15T14:22:31Z"));
        assertThat(event.data()).isEqualTo(new EmailOpened("msg_01j8x4...", "cmp_8f2a1b...",
                Subscriber.of("jane@example.com", "Jane Smith", "lst_98c2f..."),
                "203.0.113.42", "Apple Mail/...", "Apple Mail", "iPhone"));
        EmailOpened opened = (EmailOpened) event.data();
        assertThat(opened.client()).isEqualTo("Apple Mail");
        assertThat(opened.device()).isEqualTo("iPhone");
    }

    @Test
    void writesTheWireMdExampleCompactInTheSameOrder() {
        String compact = WIRE_EXAMPLE.replaceAll("\n *", "").replace(": ", ":").replace(", ", ",")
                .replace("{ ", "{").replace(" }", "}");

        assertThat(EventCodec.writeString(EventCodec.read(WIRE_EXAMPLE))).isEqualTo(compact);
    }

    @Test
    void omitsAbsentOptionalFields() {
        WebhookEvent event = Events.event(new EmailOpened("msg_1", null, Subscriber.of("a@example.com"),
                null, null, null, null));

        assertThat(EventCodec.writeString(event)).isEqualTo("{\"event\":\"email.opened\"," + ENVELOPE
                + ",\"data\":{\"message_id\":\"msg_1\",\"subscriber\":{\"email\":\"a@example.com\"}}}");
    }

    @Test
    void readsAnOptionalFieldGivenAsNullAsAbsent() {
        WebhookEvent event = EventCodec.read("{\"event\":\"email.sent\"," + ENVELOPE
                + ",\"data\":{\"message_id\":\"msg_1\",\"campaign_id\":null,\"subscriber\":{\"email\":\"a@x\",\"name\":null}}}");

        assertThat(event.data()).isEqualTo(new EmailSent("msg_1", null, Subscriber.of("a@x"), null));
    }

    @Test
    void ignoresUnknownFieldsAtEveryLevel() {
        WebhookEvent event = EventCodec.read("{\"version\":2,\"event\":\"email.spam_reported\"," + ENVELOPE
                + ",\"data\":{\"new\":{\"deep\":[1,{\"x\":null}]},\"message_id\":\"msg_1\","
                + "\"subscriber\":{\"email\":\"a@x\",\"locale\":\"de\"},\"feedback_provider\":\"gmx\"},\"extra\":[]}");

        assertThat(event).isEqualTo(Events.event(new EmailSpamReported("msg_1", null, Subscriber.of("a@x"), "gmx")));
    }

    @Test
    void readsEnvelopeFieldsInAnyOrderEvenDataBeforeEvent() {
        String reordered = "{\"data\":{\"campaign_id\":\"cmp_1\",\"reason\":\"user\"},\"id\":\"" + Events.ID
                + "\",\"event\":\"campaign.paused\",\"timestamp\":\"2025-01-15T14:22:31Z\"}";

        assertThat(EventCodec.read(reordered))
                .isEqualTo(Events.event(new CampaignPaused("cmp_1", null, PauseReason.USER, null)));
    }

    @Test
    void readsAnUnknownTypeAsUnknownEventDataWithTheDataTree() {
        String json = "{\"event\":\"list.archived\"," + ENVELOPE
                + ",\"data\":{\"list_id\":\"lst_1\",\"count\":1.50,\"tags\":[\"a\",true,null],\"big\":1e400}}";

        WebhookEvent event = EventCodec.read(json);

        assertThat(event.type()).isEqualTo("list.archived");
        assertThat(event.knownType()).isEmpty();
        assertThat(event.data()).isEqualTo(new UnknownEventData("list.archived", JsonValue.object(Map.of(
                "list_id", JsonValue.of("lst_1"),
                "count", new JsonValue.JsonNumber("1.50"),
                "tags", JsonValue.array(JsonValue.of("a"), JsonValue.of(true), JsonValue.nullValue()),
                "big", new JsonValue.JsonNumber("1e400")))));
        assertThat(EventCodec.writeString(event)).isEqualTo(json);
    }

    @Test
    void readsAnUnknownTypeWhoseDataComesFirst() {
        String json = "{\"data\":[1,2],\"event\":\"list.archived\"," + ENVELOPE + "}";

        assertThat(EventCodec.read(json).data())
                .isEqualTo(new UnknownEventData("list.archived", JsonValue.array(JsonValue.of(1), JsonValue.of(2))));
    }

    @Test
    void writesNonAsciiAsUtf8WithoutEscapes() {
        WebhookEvent event = Events.event(new EmailSent("msg_1", null,
                Subscriber.of("jürgen@exämple.de", "Jürgen 😀 \"J\" \\ /", null), "OK\n\u0001"));

        byte[] json = EventCodec.write(event);

        assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo("{\"event\":\"email.sent\"," + ENVELOPE
                + ",\"data\":{\"message_id\":\"msg_1\",\"subscriber\":{\"email\":\"jürgen@exämple.de\","
                + "\"name\":\"Jürgen 😀 \\\"J\\\" \\\\ /\"},\"smtp_response\":\"OK\\n\\u0001\"}}");
        assertThat(EventCodec.read(json)).isEqualTo(event);
    }

    @Test
    void writeStringIsTheTextOfWrite() {
        WebhookEvent event = Events.event(Events.sample(EventType.SUBSCRIBER_UPDATED));

        assertThat(EventCodec.writeString(event).getBytes(StandardCharsets.UTF_8)).isEqualTo(EventCodec.write(event));
    }

    @Test
    void keepsTheMemberOrderAndNumberTextOfJsonValues() {
        String json = "{\"event\":\"subscriber.created\"," + ENVELOPE + ",\"data\":{\"subscriber\":{\"email\":\"a@x\","
                + "\"id\":\"sub_1\",\"properties\":{\"z\":1E+2,\"a\":-0.0,\"m\":{\"y\":[],\"b\":{}}}},\"source\":\"api\"}}";

        assertThat(EventCodec.writeString(EventCodec.read(json))).isEqualTo(json);
    }

    @Test
    void roundTripsAnEventMadeWithOf() {
        Clock clock = Clock.fixed(Instant.parse("2025-01-15T14:22:31.987Z"), ZoneOffset.UTC);
        WebhookEvent event = WebhookEvent.of(Events.sample(EventType.EMAIL_CLICKED), clock);

        assertThat(EventCodec.read(EventCodec.write(event))).isEqualTo(event);
    }

    @Test
    void roundTripsUnpairedSurrogatesInValuesAsEscapes() {
        WebhookEvent event = Events.event(new EmailSent("msg_1", null, Subscriber.of("a\ud800b"), null));

        assertThat(EventCodec.writeString(event)).contains("\"email\":\"a\\uD800b\"");
        assertThat(EventCodec.read(EventCodec.write(event))).isEqualTo(event);
    }

    @Test
    void refusesToWriteAMemberNameWithAnUnpairedSurrogate() {
        Subscriber subscriber = new Subscriber("a@x", null, null, "sub_1", Map.of("x\udc00", JsonValue.of(1)));
        WebhookEvent event = Events.event(new SubscriberCreated(subscriber, SubscriberSource.API));

        assertThatThrownBy(() -> EventCodec.write(event)).isInstanceOf(WebhookException.class)
                .hasMessage("cannot write event " + Events.ID + " as JSON: JSON member name \"x\udc00\" holds an "
                        + "unpaired surrogate")
                .hasCauseInstanceOf(IllegalArgumentException.class);
    }
}
