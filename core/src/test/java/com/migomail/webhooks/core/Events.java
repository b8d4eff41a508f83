package com.migomail.webhooks.core;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Fixtures: one fully populated sample of every event type, with a fixed id and time. */
final class Events {
    static final String ID = "evt_01jhn8wygrfgz8ybavd8e9w3t2";
    static final Instant TIME = Instant.parse("2025-01-15T14:22:31Z");
    static final String MESSAGE = "msg_01jhn8wygrfgz8ybavd8e9w3t2";
    static final String CAMPAIGN = "cmp_01jhn71anafextsk6xvqqexzzz";
    static final String LIST = "lst_01jhn004hmenkrkaydxw0j6hb7";
    static final String SUBSCRIBER_ID = "sub_01jhn024hmenkrkaydxw0j6hb7";
    static final String AUTOMATION = "aut_01jhn044hmenkrkaydxw0j6hb7";

    private Events() {}

    static WebhookEvent event(EventData data) {
        return new WebhookEvent(ID, TIME, data);
    }

    static Subscriber jane() {
        return Subscriber.of("jane@example.com", "Jane Smith", LIST);
    }

    static EventData sample(EventType type) {
        switch (type) {
            case EMAIL_SENT:
                return new EmailSent(MESSAGE, CAMPAIGN, jane(), "250 2.0.0 OK: queued as 4Bq9xK");
            case EMAIL_OPENED:
                return new EmailOpened(MESSAGE, CAMPAIGN, jane(), "203.0.113.42",
                        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X)", "Apple Mail", "iPhone");
            case EMAIL_CLICKED:
                return new EmailClicked(MESSAGE, CAMPAIGN, jane(), "https://example.com/pricing?utm_source=mail", 2,
                        "203.0.113.42", "Mozilla/5.0 (Windows NT 10.0; Win64; x64)", "Outlook", "Desktop");
            case EMAIL_BOUNCED:
                return new EmailBounced(MESSAGE, CAMPAIGN, jane(), BounceType.HARD, "5.1.1",
                        "550 5.1.1 <jane@example.com>: Recipient address rejected: User unknown");
            case EMAIL_SPAM_REPORTED:
                return new EmailSpamReported(MESSAGE, CAMPAIGN, jane(), "yahoo");
            case EMAIL_UNSUBSCRIBED:
                return new EmailUnsubscribed(MESSAGE, CAMPAIGN, jane(), UnsubscribeMethod.LIST_UNSUBSCRIBE, LIST);
            default:
                return nonEmailSample(type);
        }
    }

    private static EventData nonEmailSample(EventType type) {
        switch (type) {
            case SUBSCRIBER_CREATED:
                return new SubscriberCreated(fullSubscriber(), SubscriberSource.FORM);
            case SUBSCRIBER_UPDATED:
                return new SubscriberUpdated(fullSubscriber(), changes());
            case AUTOMATION_TRIGGERED:
                return new AutomationTriggered(AUTOMATION, "Welcome series", jane(), "subscriber.created");
            case AUTOMATION_COMPLETED:
                return new AutomationCompleted(AUTOMATION, "Welcome series", jane(), 5);
            case CAMPAIGN_SENT:
                return new CampaignSent(CAMPAIGN, "January newsletter", 12840, 12791L, 49L);
            case CAMPAIGN_PAUSED:
                return new CampaignPaused(CAMPAIGN, "January newsletter", PauseReason.DELIVERABILITY_THRESHOLD,
                        "ops@example.com");
            default:
                throw new IllegalArgumentException("not a non-email type: " + type);
        }
    }

    static Subscriber fullSubscriber() {
        Map<String, JsonValue> properties = new LinkedHashMap<>();
        properties.put("plan", JsonValue.of("pro"));
        properties.put("score", new JsonValue.JsonNumber("12.50"));
        properties.put("tags", JsonValue.array(JsonValue.of("beta"), JsonValue.of("früh")));
        properties.put("vip", JsonValue.of(true));
        properties.put("referrer", JsonValue.nullValue());
        return new Subscriber("jane@example.com", "Jane Smith", LIST, SUBSCRIBER_ID, properties);
    }

    static Map<String, FieldChange> changes() {
        Map<String, FieldChange> changes = new LinkedHashMap<>();
        changes.put("name", new FieldChange(JsonValue.of("Jane"), JsonValue.of("Jane Smith")));
        changes.put("plan", new FieldChange(JsonValue.nullValue(), JsonValue.of("pro")));
        return changes;
    }
}
