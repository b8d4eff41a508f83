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
import com.migomail.webhooks.core.FieldChange;
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
import java.util.Map;

/** One made-up event of each of the 12 types, in the order of the wire contract. */
final class DemoEvents {
    private DemoEvents() {}

    static List<WebhookEvent> oneOfEachType() {
        String list = id("lst");
        String campaign = id("cmp");
        String message = id("msg");
        String automation = id("aut");
        Subscriber jane = Subscriber.of("jane@example.com", "Jane Smith", list);
        Subscriber ada = new Subscriber("ada@example.com", "Ada Lovelace", list, id("sub"),
                Map.of("plan", JsonValue.of("pro")));
        List<EventData> data = List.of(
                new EmailSent(message, campaign, jane, "250 2.0.0 OK"),
                new EmailOpened(message, campaign, jane, "203.0.113.42", "Mozilla/5.0 (iPhone)", "Apple Mail", "iPhone"),
                new EmailClicked(message, campaign, jane, "https://example.com/spring-sale", 1, "203.0.113.42", null,
                        "Apple Mail", "iPhone"),
                new EmailBounced(id("msg"), campaign, Subscriber.of("nobody@example.com"), BounceType.HARD, "5.1.1",
                        "550 5.1.1 user unknown"),
                new EmailSpamReported(id("msg"), campaign, Subscriber.of("grumpy@example.com"), "gmail.com"),
                new EmailUnsubscribed(message, campaign, jane, UnsubscribeMethod.LIST_UNSUBSCRIBE, list),
                new SubscriberCreated(ada, SubscriberSource.FORM),
                new SubscriberUpdated(jane, Map.of("name", new FieldChange(JsonValue.of("Jane"), JsonValue.of("Jane Smith")))),
                new AutomationTriggered(automation, "Welcome series", ada, "subscriber.created"),
                new AutomationCompleted(automation, "Welcome series", ada, 3),
                new CampaignSent(campaign, "Spring sale", 1200, 1187L, 13L),
                new CampaignPaused(id("cmp"), "Winter sale", PauseReason.DELIVERABILITY_THRESHOLD, null));
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
