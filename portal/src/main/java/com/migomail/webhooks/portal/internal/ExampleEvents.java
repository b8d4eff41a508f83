package com.migomail.webhooks.portal.internal;

import com.migomail.webhooks.core.AutomationCompleted;
import com.migomail.webhooks.core.AutomationTriggered;
import com.migomail.webhooks.core.BounceType;
import com.migomail.webhooks.core.CampaignPaused;
import com.migomail.webhooks.core.CampaignSent;
import com.migomail.webhooks.core.EmailBounced;
import com.migomail.webhooks.core.EmailClicked;
import com.migomail.webhooks.core.EmailOpened;
import com.migomail.webhooks.core.EmailSent;
import com.migomail.webhooks.core.EmailSpamReported;
import com.migomail.webhooks.core.EmailUnsubscribed;
import com.migomail.webhooks.core.EventData;
import com.migomail.webhooks.core.EventType;
import com.migomail.webhooks.core.JsonValue;
import com.migomail.webhooks.core.PauseReason;
import com.migomail.webhooks.core.Subscriber;
import com.migomail.webhooks.core.SubscriberCreated;
import com.migomail.webhooks.core.SubscriberSource;
import com.migomail.webhooks.core.SubscriberUpdated;
import com.migomail.webhooks.core.TypeId;
import com.migomail.webhooks.core.UnsubscribeMethod;
import com.migomail.webhooks.core.WebhookEvent;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;

/**
 * The event catalog: each of the 12 types with a one-line description and a realistic example
 * event, new ids each time, for the catalog page and the test send.
 */
final class ExampleEvents {
    private static final Map<EventType, String> DESCRIPTIONS = descriptions();

    private ExampleEvents() {}

    static String description(EventType type) {
        return DESCRIPTIONS.get(type);
    }

    static WebhookEvent example(EventType type, Clock clock) {
        return WebhookEvent.of(data(type), clock);
    }

    private static EventData data(EventType type) {
        String list = id("lst");
        String campaign = id("cmp");
        String message = id("msg");
        String automation = id("aut");
        Subscriber jane = Subscriber.of("jane@example.com", "Jane Smith", list);
        Subscriber ada = Subscriber.builder("ada@example.com").name("Ada Lovelace").listId(list).id(id("sub"))
                .property("plan", JsonValue.of("pro"))
                .build();
        return switch (type) {
            case EMAIL_SENT -> EmailSent.builder(message, jane).campaignId(campaign).smtpResponse("250 2.0.0 OK").build();
            case EMAIL_OPENED -> EmailOpened.builder(message, jane).campaignId(campaign).ipAddress("203.0.113.42")
                    .userAgent("Mozilla/5.0 (iPhone)").client("Apple Mail").device("iPhone").build();
            case EMAIL_CLICKED -> EmailClicked.builder(message, jane, "https://example.com/spring-sale", 1)
                    .campaignId(campaign).ipAddress("203.0.113.42").client("Apple Mail").device("iPhone").build();
            case EMAIL_BOUNCED -> EmailBounced.builder(message, Subscriber.of("nobody@example.com"), BounceType.HARD, "5.1.1")
                    .campaignId(campaign).diagnostic("550 5.1.1 user unknown").build();
            case EMAIL_SPAM_REPORTED -> EmailSpamReported.builder(message, Subscriber.of("grumpy@example.com"))
                    .campaignId(campaign).feedbackProvider("gmail.com").build();
            case EMAIL_UNSUBSCRIBED -> EmailUnsubscribed.builder(message, jane).campaignId(campaign)
                    .method(UnsubscribeMethod.LIST_UNSUBSCRIBE).listId(list).build();
            case SUBSCRIBER_CREATED -> SubscriberCreated.builder(ada, SubscriberSource.FORM).build();
            case SUBSCRIBER_UPDATED -> SubscriberUpdated.builder(jane)
                    .change("name", JsonValue.of("Jane"), JsonValue.of("Jane Smith")).build();
            case AUTOMATION_TRIGGERED -> AutomationTriggered.builder(automation, ada, "subscriber.created")
                    .automationName("Welcome series").build();
            case AUTOMATION_COMPLETED -> AutomationCompleted.builder(automation, ada, 3)
                    .automationName("Welcome series").build();
            case CAMPAIGN_SENT -> CampaignSent.builder(campaign, 1200).campaignName("Spring sale")
                    .delivered(1187).failed(13).build();
            case CAMPAIGN_PAUSED -> CampaignPaused.builder(campaign, PauseReason.DELIVERABILITY_THRESHOLD)
                    .campaignName("Winter sale").build();
        };
    }

    private static Map<EventType, String> descriptions() {
        Map<EventType, String> map = new EnumMap<>(EventType.class);
        map.put(EventType.EMAIL_SENT, "Accepted by the recipient's mail server.");
        map.put(EventType.EMAIL_OPENED, "Opened by the recipient.");
        map.put(EventType.EMAIL_CLICKED, "A link clicked by the recipient.");
        map.put(EventType.EMAIL_BOUNCED, "Bounced, hard or soft.");
        map.put(EventType.EMAIL_SPAM_REPORTED, "Reported as spam by the recipient.");
        map.put(EventType.EMAIL_UNSUBSCRIBED, "The recipient unsubscribed.");
        map.put(EventType.SUBSCRIBER_CREATED, "A subscriber was added.");
        map.put(EventType.SUBSCRIBER_UPDATED, "A subscriber's fields changed.");
        map.put(EventType.AUTOMATION_TRIGGERED, "An automation started for a subscriber.");
        map.put(EventType.AUTOMATION_COMPLETED, "An automation finished for a subscriber.");
        map.put(EventType.CAMPAIGN_SENT, "A campaign finished sending.");
        map.put(EventType.CAMPAIGN_PAUSED, "A campaign was paused.");
        return Map.copyOf(map);
    }

    private static String id(String prefix) {
        return TypeId.generate(prefix).toString();
    }
}
