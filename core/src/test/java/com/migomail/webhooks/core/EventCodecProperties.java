package com.migomail.webhooks.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple4;

/** Write-then-read is the identity for generated events of every type, and no input escapes the typed error. */
class EventCodecProperties {
    private static final long MIN_SECOND = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    private static final long MAX_SECOND = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

    @Property(tries = 600)
    void writeThenReadIsTheIdentity(@ForAll("events") WebhookEvent event) {
        assertThat(EventCodec.read(EventCodec.write(event))).isEqualTo(event);
        assertThat(EventCodec.read(EventCodec.writeString(event))).isEqualTo(event);
    }

    @Property(tries = 200)
    void writingIsStableAcrossARoundTrip(@ForAll("events") WebhookEvent event) {
        byte[] written = EventCodec.write(event);

        assertThat(EventCodec.write(EventCodec.read(written))).isEqualTo(written);
    }

    @Property(tries = 300)
    void damagedEventsGiveOnlyTheTypedError(@ForAll("events") WebhookEvent event,
            @ForAll("cuts") int cut, @ForAll("junk") String junk) {
        String json = EventCodec.writeString(event);
        int at = Math.min(cut, json.length());
        String damaged = json.substring(0, at) + junk + json.substring(Math.min(json.length(), at + 3));

        Throwable thrown = catchThrowable(() -> EventCodec.read(damaged.getBytes(StandardCharsets.UTF_8)));

        assertThat(thrown).satisfiesAnyOf(
                t -> assertThat(t).isNull(),
                t -> assertThat(t).isInstanceOf(EventFormatException.class));
    }

    @Property(tries = 300)
    void arbitraryTextGivesOnlyTheTypedError(@ForAll String text) {
        assertThat(catchThrowable(() -> EventCodec.read(text))).isInstanceOf(EventFormatException.class);
    }

    @Provide
    Arbitrary<Integer> cuts() {
        return Arbitraries.integers().between(0, 400);
    }

    @Provide
    Arbitrary<String> junk() {
        return Arbitraries.of("", "\"", "{", "}", "[", ",", ":", "null", "1", "\"x\"", "\\", "\u00e9", "]}");
    }

    @Provide
    Arbitrary<WebhookEvent> events() {
        Arbitrary<String> ids = Arbitraries.create(UUID::randomUUID).map(u -> new TypeId("evt", u).toString());
        Arbitrary<Instant> times = Arbitraries.longs().between(MIN_SECOND, MAX_SECOND).map(Instant::ofEpochSecond);
        return Combinators.combine(ids, times, data()).as(WebhookEvent::new);
    }

    private Arbitrary<EventData> data() {
        return Arbitraries.oneOf(
                emailSent(), emailOpened(), emailClicked(), emailBounced(), emailSpamReported(), emailUnsubscribed(),
                subscriberCreated(), subscriberUpdated(), automationTriggered(), automationCompleted(),
                campaignSent(), campaignPaused(), unknown());
    }

    private Arbitrary<EventData> emailSent() {
        return Combinators.combine(text(), optionalText(), subscriber(), optionalText()).as(EmailSent::new);
    }

    private Arbitrary<EventData> emailOpened() {
        return Combinators.combine(text(), optionalText(), subscriber(), clientInfo())
                .as((m, c, s, i) -> new EmailOpened(m, c, s, i.get1(), i.get2(), i.get3(), i.get4()));
    }

    private Arbitrary<EventData> emailClicked() {
        return Combinators.combine(text(), optionalText(), subscriber(), text(),
                        Arbitraries.integers().between(1, Integer.MAX_VALUE), clientInfo())
                .as((m, c, s, u, p, i) -> new EmailClicked(m, c, s, u, p, i.get1(), i.get2(), i.get3(), i.get4()));
    }

    private Arbitrary<EventData> emailBounced() {
        return Combinators.combine(text(), optionalText(), subscriber(), Arbitraries.of(BounceType.class), text(),
                optionalText()).as(EmailBounced::new);
    }

    private Arbitrary<EventData> emailSpamReported() {
        return Combinators.combine(text(), optionalText(), subscriber(), optionalText()).as(EmailSpamReported::new);
    }

    private Arbitrary<EventData> emailUnsubscribed() {
        return Combinators.combine(text(), optionalText(), subscriber(),
                Arbitraries.of(UnsubscribeMethod.class).injectNull(0.3), optionalText()).as(EmailUnsubscribed::new);
    }

    private Arbitrary<EventData> subscriberCreated() {
        return Combinators.combine(subscriber(text()), Arbitraries.of(SubscriberSource.class))
                .as(SubscriberCreated::new);
    }

    private Arbitrary<EventData> subscriberUpdated() {
        Arbitrary<FieldChange> change = Combinators.combine(json(2), json(2)).as(FieldChange::new);
        return Combinators.combine(subscriber(), Arbitraries.maps(text(), change).ofMaxSize(4))
                .as(SubscriberUpdated::new);
    }

    private Arbitrary<EventData> automationTriggered() {
        return Combinators.combine(text(), optionalText(), subscriber(), text()).as(AutomationTriggered::new);
    }

    private Arbitrary<EventData> automationCompleted() {
        return Combinators.combine(text(), optionalText(), subscriber(), Arbitraries.integers().greaterOrEqual(0))
                .as(AutomationCompleted::new);
    }

    private Arbitrary<EventData> campaignSent() {
        Arbitrary<Long> counts = Arbitraries.longs().greaterOrEqual(0);
        return Combinators.combine(text(), optionalText(), counts, counts.injectNull(0.3), counts.injectNull(0.3))
                .as(CampaignSent::new);
    }

    private Arbitrary<EventData> campaignPaused() {
        return Combinators.combine(text(), optionalText(), Arbitraries.of(PauseReason.class), optionalText())
                .as(CampaignPaused::new);
    }

    private Arbitrary<EventData> unknown() {
        Arbitrary<String> types = Arbitraries.strings().withCharRange('a', 'z').withChars("._").ofMinLength(1)
                .ofMaxLength(20).filter(t -> EventType.fromWireName(t).isEmpty());
        return Combinators.combine(types, json(3)).as(UnknownEventData::new);
    }

    private Arbitrary<Subscriber> subscriber() {
        return subscriber(optionalText());
    }

    private Arbitrary<Subscriber> subscriber(Arbitrary<String> ids) {
        Arbitrary<java.util.Map<String, JsonValue>> properties =
                Arbitraries.maps(text(), json(2)).ofMaxSize(4).injectNull(0.4);
        return Combinators.combine(text(), optionalText(), optionalText(), ids, properties).as(Subscriber::new);
    }

    private Arbitrary<Tuple4<String, String, String, String>> clientInfo() {
        return Combinators.combine(optionalText(), optionalText(), optionalText(), optionalText()).as(Tuple::of);
    }

    private Arbitrary<String> optionalText() {
        return text().injectNull(0.4);
    }

    /**
     * Any well-formed text: ASCII, controls, quotes, the BMP, and characters outside it (surrogate
     * pairs). Unpaired surrogates are not text; EventCodecTest pins how they are handled.
     */
    private Arbitrary<String> text() {
        Arbitrary<String> supplementary = Arbitraries.integers().between(0x10000, 0x10FFFF)
                .map(cp -> new String(Character.toChars(cp)));
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('\u0000', '\ud7ff').withCharRange('\ue000', '\uffff').ofMaxLength(6),
                Arbitraries.strings().ascii().ofMaxLength(6),
                supplementary);
        return piece.list().ofMaxSize(4).map(parts -> String.join("", parts));
    }

    private Arbitrary<JsonValue> json(int depth) {
        Arbitrary<JsonValue> scalars = Arbitraries.oneOf(
                text().map(JsonValue::of),
                Arbitraries.longs().map(JsonValue::of),
                Arbitraries.bigDecimals().map(JsonValue::of),
                Arbitraries.of("-0", "0.0", "1e3", "1E-7", "-12.500", "3e+400").map(JsonValue.JsonNumber::new),
                Arbitraries.of(true, false).map(JsonValue::of),
                Arbitraries.just(JsonValue.nullValue()));
        if (depth == 0) {
            return scalars;
        }
        Arbitrary<JsonValue> arrays = json(depth - 1).list().ofMaxSize(3)
                .map(list -> new JsonValue.JsonArray(list));
        Arbitrary<JsonValue> objects = Arbitraries.maps(text(), json(depth - 1)).ofMaxSize(3)
                .map(JsonValue::object);
        return Arbitraries.frequencyOf(Tuple.of(4, scalars), Tuple.of(1, arrays), Tuple.of(1, objects));
    }
}
