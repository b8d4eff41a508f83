package com.migomail.webhooks.delivery.testing;

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
import com.migomail.webhooks.core.PauseReason;
import com.migomail.webhooks.core.Subscriber;
import com.migomail.webhooks.core.SubscriberCreated;
import com.migomail.webhooks.core.SubscriberSource;
import com.migomail.webhooks.core.SubscriberUpdated;
import com.migomail.webhooks.core.WebhookEvent;
import com.migomail.webhooks.core.JsonValue;
import java.time.Clock;

/** Events of any of the 12 types about a given subscriber, for the tenant tests. */
public final class TenantEvents {
    private TenantEvents() {
    }

    /**
     * An event of that type; the 10 types with a subscriber name {@code email}.
     *
     * @param type the event type
     * @param email the subscriber's address
     * @param clock the clock of the event's id and timestamp
     * @return a new event with a fresh id
     */
    public static WebhookEvent of(EventType type, String email, Clock clock) {
        Subscriber subscriber = Subscriber.builder(email).id("sub_1").listId("lst_1").build();
        EventData data = switch (type) {
            case EMAIL_SENT -> EmailSent.builder("msg_1", subscriber).build();
            case EMAIL_OPENED -> EmailOpened.builder("msg_1", subscriber).build();
            case EMAIL_CLICKED -> EmailClicked.builder("msg_1", subscriber, "https://example.com/a", 1).build();
            case EMAIL_BOUNCED -> EmailBounced.builder("msg_1", subscriber, BounceType.HARD, "5.1.1").build();
            case EMAIL_SPAM_REPORTED -> EmailSpamReported.builder("msg_1", subscriber).build();
            case EMAIL_UNSUBSCRIBED -> EmailUnsubscribed.builder("msg_1", subscriber).build();
            case SUBSCRIBER_CREATED -> SubscriberCreated.builder(subscriber, SubscriberSource.FORM).build();
            case SUBSCRIBER_UPDATED -> SubscriberUpdated.builder(subscriber)
                    .change("name", JsonValue.of("A"), JsonValue.of("B")).build();
            case AUTOMATION_TRIGGERED -> AutomationTriggered.builder("aut_1", subscriber, "subscriber.created").build();
            case AUTOMATION_COMPLETED -> AutomationCompleted.builder("aut_1", subscriber, 3).build();
            case CAMPAIGN_SENT -> CampaignSent.builder("cmp_1", 10).build();
            case CAMPAIGN_PAUSED -> CampaignPaused.builder("cmp_1", PauseReason.DELIVERABILITY_THRESHOLD).build();
        };
        return WebhookEvent.of(data, clock);
    }
}
