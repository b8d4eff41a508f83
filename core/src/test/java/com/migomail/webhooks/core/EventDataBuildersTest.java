package com.migomail.webhooks.core;

import static com.migomail.webhooks.core.Events.AUTOMATION;
import static com.migomail.webhooks.core.Events.CAMPAIGN;
import static com.migomail.webhooks.core.Events.LIST;
import static com.migomail.webhooks.core.Events.MESSAGE;
import static com.migomail.webhooks.core.Events.SUBSCRIBER_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Each type's builder gives exactly the record its canonical constructor gives, and checks as it does. */
class EventDataBuildersTest {
    private static final Subscriber JANE = Events.jane();

    @ParameterizedTest
    @EnumSource(EventType.class)
    void aBuilderWithEveryFieldGivesTheCanonicalRecordAndItsBytes(EventType type) {
        EventData built = builtWithEveryField(type);

        assertThat(built).isEqualTo(Events.sample(type));
        assertThat(EventCodec.write(Events.event(built))).isEqualTo(EventCodec.write(Events.event(Events.sample(type))));
    }

    @Test
    void aBuilderWithOnlyTheRequiredFieldsLeavesTheOthersAbsent() {
        assertThat(EmailSent.builder(MESSAGE, JANE).build()).isEqualTo(new EmailSent(MESSAGE, null, JANE, null));
        assertThat(EmailOpened.builder(MESSAGE, JANE).build())
                .isEqualTo(new EmailOpened(MESSAGE, null, JANE, null, null, null, null));
        assertThat(EmailClicked.builder(MESSAGE, JANE, "https://example.com", 1).build())
                .isEqualTo(new EmailClicked(MESSAGE, null, JANE, "https://example.com", 1, null, null, null, null));
        assertThat(EmailBounced.builder(MESSAGE, JANE, BounceType.SOFT, "4.2.2").build())
                .isEqualTo(new EmailBounced(MESSAGE, null, JANE, BounceType.SOFT, "4.2.2", null));
        assertThat(EmailSpamReported.builder(MESSAGE, JANE).build()).isEqualTo(new EmailSpamReported(MESSAGE, null, JANE, null));
        assertThat(EmailUnsubscribed.builder(MESSAGE, JANE).build())
                .isEqualTo(new EmailUnsubscribed(MESSAGE, null, JANE, null, null));
        assertThat(SubscriberUpdated.builder(JANE).build()).isEqualTo(new SubscriberUpdated(JANE, Map.of()));
        assertThat(AutomationTriggered.builder(AUTOMATION, JANE, "tag.added").build())
                .isEqualTo(new AutomationTriggered(AUTOMATION, null, JANE, "tag.added"));
        assertThat(AutomationCompleted.builder(AUTOMATION, JANE, 0).build())
                .isEqualTo(new AutomationCompleted(AUTOMATION, null, JANE, 0));
        assertThat(CampaignSent.builder(CAMPAIGN, 0).build()).isEqualTo(new CampaignSent(CAMPAIGN, null, 0, null, null));
        assertThat(CampaignPaused.builder(CAMPAIGN, PauseReason.USER).build())
                .isEqualTo(new CampaignPaused(CAMPAIGN, null, PauseReason.USER, null));
        assertThat(Subscriber.builder("a@example.com").build()).isEqualTo(Subscriber.of("a@example.com"));
    }

    @Test
    void anOptionalFieldSetToNullIsAbsent() {
        EmailOpened opened = EmailOpened.builder(MESSAGE, JANE).client("Apple Mail").client(null).build();

        assertThat(opened).isEqualTo(new EmailOpened(MESSAGE, null, JANE, null, null, null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nullRequiredFields")
    void refusesANullRequiredFieldNamingIt(String message, ThrowingCallable builder) {
        assertThatThrownBy(builder).isInstanceOf(NullPointerException.class).hasMessage(message);
    }

    static Stream<Arguments> nullRequiredFields() {
        return Stream.of(
                refused("messageId", () -> EmailSent.builder(null, JANE)),
                refused("subscriber", () -> EmailSent.builder(MESSAGE, null)),
                refused("messageId", () -> EmailOpened.builder(null, JANE)),
                refused("subscriber", () -> EmailOpened.builder(MESSAGE, null)),
                refused("messageId", () -> EmailClicked.builder(null, JANE, "u", 1)),
                refused("subscriber", () -> EmailClicked.builder(MESSAGE, null, "u", 1)),
                refused("url", () -> EmailClicked.builder(MESSAGE, JANE, null, 1)),
                refused("messageId", () -> EmailBounced.builder(null, JANE, BounceType.HARD, "5.1.1")),
                refused("subscriber", () -> EmailBounced.builder(MESSAGE, null, BounceType.HARD, "5.1.1")),
                refused("bounceType", () -> EmailBounced.builder(MESSAGE, JANE, null, "5.1.1")),
                refused("bounceCode", () -> EmailBounced.builder(MESSAGE, JANE, BounceType.HARD, null)),
                refused("messageId", () -> EmailSpamReported.builder(null, JANE)),
                refused("subscriber", () -> EmailSpamReported.builder(MESSAGE, null)),
                refused("messageId", () -> EmailUnsubscribed.builder(null, JANE)),
                refused("subscriber", () -> EmailUnsubscribed.builder(MESSAGE, null)),
                refused("subscriber", () -> SubscriberCreated.builder(null, SubscriberSource.API)),
                refused("source", () -> SubscriberCreated.builder(Events.fullSubscriber(), null)),
                refused("subscriber", () -> SubscriberUpdated.builder(null)),
                refused("automationId", () -> AutomationTriggered.builder(null, JANE, "t")),
                refused("subscriber", () -> AutomationTriggered.builder(AUTOMATION, null, "t")),
                refused("trigger", () -> AutomationTriggered.builder(AUTOMATION, JANE, null)),
                refused("automationId", () -> AutomationCompleted.builder(null, JANE, 1)),
                refused("subscriber", () -> AutomationCompleted.builder(AUTOMATION, null, 1)),
                refused("campaignId", () -> CampaignSent.builder(null, 1)),
                refused("campaignId", () -> CampaignPaused.builder(null, PauseReason.USER)),
                refused("reason", () -> CampaignPaused.builder(CAMPAIGN, null)),
                refused("email", () -> Subscriber.builder(null)),
                refused("field", () -> SubscriberUpdated.builder(JANE).change(null, JsonValue.of(1), JsonValue.of(2))),
                refused("from", () -> SubscriberUpdated.builder(JANE).change("name", null, JsonValue.of(2))),
                refused("to", () -> SubscriberUpdated.builder(JANE).change("name", JsonValue.of(1), null)),
                refused("name", () -> Subscriber.builder("a@x").property(null, JsonValue.of(1))),
                refused("value", () -> Subscriber.builder("a@x").property("plan", null)),
                refused("properties value", () -> Subscriber.builder("a@x").properties(nullValued())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("numbersBelowTheirMinimum")
    void refusesANumberBelowItsMinimumAsTheConstructorDoes(String message, ThrowingCallable builder) {
        assertThatThrownBy(builder).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    static Stream<Arguments> numbersBelowTheirMinimum() {
        return Stream.of(
                Arguments.of("linkPosition must be at least 1, got 0",
                        (ThrowingCallable) () -> EmailClicked.builder(MESSAGE, JANE, "u", 0)),
                Arguments.of("stepsCompleted must be at least 0, got -1",
                        (ThrowingCallable) () -> AutomationCompleted.builder(AUTOMATION, JANE, -1)),
                Arguments.of("recipients must be at least 0, got -1", (ThrowingCallable) () -> CampaignSent.builder(CAMPAIGN, -1)),
                Arguments.of("delivered must be at least 0, got -1",
                        (ThrowingCallable) () -> CampaignSent.builder(CAMPAIGN, 1).delivered(-1)),
                Arguments.of("failed must be at least 0, got -2",
                        (ThrowingCallable) () -> CampaignSent.builder(CAMPAIGN, 1).failed(-2)));
    }

    @Test
    void subscriberCreatedRefusesASubscriberWithoutAnIdAsTheConstructorDoes() {
        assertThatThrownBy(() -> SubscriberCreated.builder(JANE, SubscriberSource.API))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("subscriber.id cannot be null in subscriber.created");
    }

    @Test
    void refusesTheSameChangedFieldOrPropertyTwice() {
        SubscriberUpdated.Builder updated = SubscriberUpdated.builder(JANE).change("name", JsonValue.of("a"), JsonValue.of("b"));
        Subscriber.Builder subscriber = Subscriber.builder("a@x").property("plan", JsonValue.of("pro"));

        assertThatThrownBy(() -> updated.change("name", JsonValue.of("b"), JsonValue.of("c")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("changes already has field name");
        assertThatThrownBy(() -> subscriber.property("plan", JsonValue.of("free")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("properties already has field plan");
    }

    @Test
    void buildingAgainAfterMoreChangesLeavesTheFirstRecordAsItWas() {
        SubscriberUpdated.Builder builder = SubscriberUpdated.builder(JANE).change("name", JsonValue.of("a"), JsonValue.of("b"));
        SubscriberUpdated first = builder.build();
        builder.change("plan", JsonValue.nullValue(), JsonValue.of("pro"));

        assertThat(first.changes()).containsOnlyKeys("name");
        assertThat(builder.build().changes().keySet()).containsExactly("name", "plan");
    }

    @Test
    void subscriberPropertiesMayBeSetAllAtOnceThenAddedTo() {
        Subscriber subscriber = Subscriber.builder("a@x")
                .properties(Map.of("plan", JsonValue.of("pro")))
                .property("vip", JsonValue.of(true))
                .build();

        assertThat(subscriber.properties().keySet()).containsExactly("plan", "vip");
        assertThat(Subscriber.builder("a@x").property("plan", JsonValue.of(1)).properties(null).build().properties()).isNull();
    }

    private static EventData builtWithEveryField(EventType type) {
        switch (type) {
            case EMAIL_SENT:
                return EmailSent.builder(MESSAGE, JANE).campaignId(CAMPAIGN).smtpResponse("250 2.0.0 OK: queued as 4Bq9xK").build();
            case EMAIL_OPENED:
                return EmailOpened.builder(MESSAGE, JANE).campaignId(CAMPAIGN).ipAddress("203.0.113.42")
                        .userAgent("Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X)").client("Apple Mail")
                        .device("iPhone").build();
            case EMAIL_CLICKED:
                return EmailClicked.builder(MESSAGE, JANE, "https://example.com/pricing?utm_source=mail", 2)
                        .campaignId(CAMPAIGN).ipAddress("203.0.113.42").userAgent("Mozilla/5.0 (Windows NT 10.0; Win64; x64)")
                        .client("Outlook").device("Desktop").build();
            case EMAIL_BOUNCED:
                return EmailBounced.builder(MESSAGE, JANE, BounceType.HARD, "5.1.1").campaignId(CAMPAIGN)
                        .diagnostic("550 5.1.1 <jane@example.com>: Recipient address rejected: User unknown").build();
            case EMAIL_SPAM_REPORTED:
                return EmailSpamReported.builder(MESSAGE, JANE).campaignId(CAMPAIGN).feedbackProvider("yahoo").build();
            case EMAIL_UNSUBSCRIBED:
                return EmailUnsubscribed.builder(MESSAGE, JANE).campaignId(CAMPAIGN)
                        .method(UnsubscribeMethod.LIST_UNSUBSCRIBE).listId(LIST).build();
            default:
                return nonEmailBuiltWithEveryField(type);
        }
    }

    private static EventData nonEmailBuiltWithEveryField(EventType type) {
        switch (type) {
            case SUBSCRIBER_CREATED:
                return SubscriberCreated.builder(fullSubscriber(), SubscriberSource.FORM).build();
            case SUBSCRIBER_UPDATED:
                return SubscriberUpdated.builder(fullSubscriber())
                        .change("name", JsonValue.of("Jane"), JsonValue.of("Jane Smith"))
                        .change("plan", JsonValue.nullValue(), JsonValue.of("pro"))
                        .build();
            case AUTOMATION_TRIGGERED:
                return AutomationTriggered.builder(AUTOMATION, JANE, "subscriber.created").automationName("Welcome series").build();
            case AUTOMATION_COMPLETED:
                return AutomationCompleted.builder(AUTOMATION, JANE, 5).automationName("Welcome series").build();
            case CAMPAIGN_SENT:
                return CampaignSent.builder(CAMPAIGN, 12840).campaignName("January newsletter").delivered(12791).failed(49).build();
            case CAMPAIGN_PAUSED:
                return CampaignPaused.builder(CAMPAIGN, PauseReason.DELIVERABILITY_THRESHOLD)
                        .campaignName("January newsletter").pausedBy("ops@example.com").build();
            default:
                throw new IllegalArgumentException("not a non-email type: " + type);
        }
    }

    /** {@link Events#fullSubscriber()}, built. */
    private static Subscriber fullSubscriber() {
        return Subscriber.builder("jane@example.com").name("Jane Smith").listId(LIST).id(SUBSCRIBER_ID)
                .property("plan", JsonValue.of("pro"))
                .property("score", new JsonValue.JsonNumber("12.50"))
                .property("tags", JsonValue.array(JsonValue.of("beta"), JsonValue.of("früh")))
                .property("vip", JsonValue.of(true))
                .property("referrer", JsonValue.nullValue())
                .build();
    }

    private static Map<String, JsonValue> nullValued() {
        Map<String, JsonValue> properties = new HashMap<>();
        properties.put("plan", null);
        return properties;
    }

    private static Arguments refused(String field, ThrowingCallable builder) {
        return Arguments.of(field + " cannot be null", builder);
    }
}
