package com.migomail.webhooks.examples.demo;

import com.migomail.webhooks.core.AutomationCompleted;
import com.migomail.webhooks.core.AutomationTriggered;
import com.migomail.webhooks.core.BounceType;
import com.migomail.webhooks.core.CampaignPaused;
import com.migomail.webhooks.core.CampaignSent;
import com.migomail.webhooks.core.EmailBounced;
import com.migomail.webhooks.core.EmailClicked;
import com.migomail.webhooks.core.EmailEventData;
import com.migomail.webhooks.core.EmailOpened;
import com.migomail.webhooks.core.EmailSent;
import com.migomail.webhooks.core.EmailSpamReported;
import com.migomail.webhooks.core.EmailUnsubscribed;
import com.migomail.webhooks.core.EventData;
import com.migomail.webhooks.core.JsonValue;
import com.migomail.webhooks.core.PauseReason;
import com.migomail.webhooks.core.Subscriber;
import com.migomail.webhooks.core.SubscriberCreated;
import com.migomail.webhooks.core.SubscriberSource;
import com.migomail.webhooks.core.SubscriberUpdated;
import com.migomail.webhooks.core.TypeId;
import com.migomail.webhooks.core.UnsubscribeMethod;
import com.migomail.webhooks.core.WebhookEvent;
import java.util.List;
import java.util.Locale;

/** The demo's made-up events: one of each of the 12 types for acme, and a few for globex. */
final class DemoEvents {
    private DemoEvents() {}

    static List<WebhookEvent> oneOfEachType() {
        String list = id("lst");
        String campaign = id("cmp");
        String message = id("msg");
        String automation = id("aut");
        Subscriber jane = Subscriber.of("jane@example.com", "Jane Smith", list);
        Subscriber ada = Subscriber.builder("ada@example.com").name("Ada Lovelace").listId(list).id(id("sub"))
                .property("plan", JsonValue.of("pro"))
                .build();
        List<EventData> data = List.of(
                EmailSent.builder(message, jane).campaignId(campaign).smtpResponse("250 2.0.0 OK").build(),
                EmailOpened.builder(message, jane).campaignId(campaign).ipAddress("203.0.113.42")
                        .userAgent("Mozilla/5.0 (iPhone)").client("Apple Mail").device("iPhone").build(),
                EmailClicked.builder(message, jane, "https://example.com/spring-sale", 1).campaignId(campaign)
                        .ipAddress("203.0.113.42").client("Apple Mail").device("iPhone").build(),
                EmailBounced.builder(id("msg"), Subscriber.of("nobody@example.com"), BounceType.HARD, "5.1.1")
                        .campaignId(campaign).diagnostic("550 5.1.1 user unknown").build(),
                EmailSpamReported.builder(id("msg"), Subscriber.of("grumpy@example.com")).campaignId(campaign)
                        .feedbackProvider("gmail.com").build(),
                EmailUnsubscribed.builder(message, jane).campaignId(campaign)
                        .method(UnsubscribeMethod.LIST_UNSUBSCRIBE).listId(list).build(),
                SubscriberCreated.builder(ada, SubscriberSource.FORM).build(),
                SubscriberUpdated.builder(jane).change("name", JsonValue.of("Jane"), JsonValue.of("Jane Smith")).build(),
                AutomationTriggered.builder(automation, ada, "subscriber.created").automationName("Welcome series").build(),
                AutomationCompleted.builder(automation, ada, 3).automationName("Welcome series").build(),
                CampaignSent.builder(campaign, 1200).campaignName("Spring sale").delivered(1187).failed(13).build(),
                CampaignPaused.builder(id("cmp"), PauseReason.DELIVERABILITY_THRESHOLD).campaignName("Winter sale").build());
        return data.stream().map(WebhookEvent::of).toList();
    }

    /** A few events of globex's own account: its own list, subscribers and campaign. */
    static List<WebhookEvent> forGlobex() {
        String list = id("lst");
        String campaign = id("cmp");
        String message = id("msg");
        Subscriber sam = Subscriber.of("sam@example.net", "Sam Lee", list);
        List<EventData> data = List.of(
                EmailSent.builder(message, sam).campaignId(campaign).smtpResponse("250 2.0.0 OK").build(),
                EmailClicked.builder(message, sam, "https://example.net/autumn", 2).campaignId(campaign).build(),
                SubscriberCreated.builder(Subscriber.builder("lee@example.net").listId(list).id(id("sub")).build(),
                        SubscriberSource.IMPORT).build(),
                CampaignSent.builder(campaign, 800).campaignName("Autumn launch").delivered(796).failed(4).build());
        return data.stream().map(WebhookEvent::of).toList();
    }

    /** Who or what an event is about, for one line of output. */
    static String about(EventData data) {
        if (data instanceof EmailEventData email) {
            return email.subscriber().email();
        } else if (data instanceof SubscriberCreated created) {
            return created.subscriber().email();
        } else if (data instanceof SubscriberUpdated updated) {
            return updated.subscriber().email() + " " + updated.changes().keySet();
        } else if (data instanceof AutomationTriggered triggered) {
            return triggered.automationName() + ", " + triggered.subscriber().email();
        } else if (data instanceof AutomationCompleted completed) {
            return completed.automationName() + ", " + completed.subscriber().email();
        } else if (data instanceof CampaignSent sent) {
            return sent.campaignName() + ", " + sent.recipients() + " recipients";
        } else if (data instanceof CampaignPaused paused) {
            return paused.campaignName() + ", " + paused.reason().name().toLowerCase(Locale.ROOT);
        }
        return "";
    }

    private static String id(String prefix) {
        return TypeId.generate(prefix).toString();
    }
}
