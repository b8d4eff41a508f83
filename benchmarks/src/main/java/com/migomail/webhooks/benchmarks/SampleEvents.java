package com.migomail.webhooks.benchmarks;

import com.migomail.webhooks.core.EventCodec;
import com.migomail.webhooks.core.EventType;
import com.migomail.webhooks.core.WebhookEvent;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One representative event per type, written as WIRE.md shows them (every optional field present, so
 * the codec does all its work), read through {@link EventCodec} so the benchmarks depend only on the
 * codec's public API. Thread-safe: immutable.
 */
final class SampleEvents {

    private static final String SUBSCRIBER =
            "{\"email\":\"jane@example.com\",\"name\":\"Jane Smith\",\"list_id\":\"lst_01j8x4k7q3c9v2m5n8p0r6s1ab\"}";
    private static final String EMAIL_PREFIX = "\"message_id\":\"msg_01j8x4k7q3c9v2m5n8p0r6s1cd\","
            + "\"campaign_id\":\"cmp_01j8x4k7q3c9v2m5n8p0r6s1ef\",\"subscriber\":" + SUBSCRIBER + ",";
    private static final String CLIENT = "\"ip_address\":\"203.0.113.42\","
            + "\"user_agent\":\"Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15\","
            + "\"client\":\"Apple Mail\",\"device\":\"iPhone\"";
    private static final String FULL_SUBSCRIBER = "{\"id\":\"sub_01j8x4k7q3c9v2m5n8p0r6s1gh\","
            + "\"email\":\"jane@example.com\",\"name\":\"Jane Smith\",\"list_id\":\"lst_01j8x4k7q3c9v2m5n8p0r6s1ab\","
            + "\"properties\":{\"plan\":\"pro\",\"country\":\"DE\",\"signup_page\":\"/pricing\"}}";

    private static final Map<EventType, String> DATA = data();

    private SampleEvents() {}

    private static Map<EventType, String> data() {
        Map<EventType, String> data = new EnumMap<>(EventType.class);
        data.put(EventType.EMAIL_SENT, "{" + EMAIL_PREFIX
                + "\"smtp_response\":\"250 2.0.0 OK 1736950951 d2e1a72fcca58-6a4b2c1f0e3si123\"}");
        data.put(EventType.EMAIL_OPENED, "{" + EMAIL_PREFIX + CLIENT + "}");
        data.put(EventType.EMAIL_CLICKED, "{" + EMAIL_PREFIX
                + "\"url\":\"https://shop.example.com/spring-sale?utm_source=newsletter&utm_medium=email\","
                + "\"link_position\":3," + CLIENT + "}");
        data.put(EventType.EMAIL_BOUNCED, "{" + EMAIL_PREFIX
                + "\"bounce_type\":\"hard\",\"bounce_code\":\"5.1.1\","
                + "\"diagnostic\":\"smtp; 550 5.1.1 The email account that you tried to reach does not exist\"}");
        data.put(EventType.EMAIL_SPAM_REPORTED, "{" + EMAIL_PREFIX + "\"feedback_provider\":\"Yahoo\"}");
        data.put(EventType.EMAIL_UNSUBSCRIBED, "{" + EMAIL_PREFIX
                + "\"method\":\"list_unsubscribe\",\"list_id\":\"lst_01j8x4k7q3c9v2m5n8p0r6s1ab\"}");
        data.put(EventType.SUBSCRIBER_CREATED, "{\"subscriber\":" + FULL_SUBSCRIBER + ",\"source\":\"form\"}");
        data.put(EventType.SUBSCRIBER_UPDATED, "{\"subscriber\":" + FULL_SUBSCRIBER + ",\"changes\":{"
                + "\"name\":{\"from\":\"Jane Doe\",\"to\":\"Jane Smith\"},"
                + "\"country\":{\"from\":\"US\",\"to\":\"DE\"}}}");
        data.put(EventType.AUTOMATION_TRIGGERED, "{\"automation_id\":\"aut_01j8x4k7q3c9v2m5n8p0r6s1jk\","
                + "\"automation_name\":\"Welcome series\",\"subscriber\":" + SUBSCRIBER
                + ",\"trigger\":\"subscriber.created\"}");
        data.put(EventType.AUTOMATION_COMPLETED, "{\"automation_id\":\"aut_01j8x4k7q3c9v2m5n8p0r6s1jk\","
                + "\"automation_name\":\"Welcome series\",\"subscriber\":" + SUBSCRIBER
                + ",\"steps_completed\":5}");
        data.put(EventType.CAMPAIGN_SENT, "{\"campaign_id\":\"cmp_01j8x4k7q3c9v2m5n8p0r6s1ef\","
                + "\"campaign_name\":\"Spring sale 2025\",\"recipients\":12000,\"delivered\":11873,\"failed\":127}");
        data.put(EventType.CAMPAIGN_PAUSED, "{\"campaign_id\":\"cmp_01j8x4k7q3c9v2m5n8p0r6s1ef\","
                + "\"campaign_name\":\"Spring sale 2025\",\"reason\":\"deliverability_threshold\","
                + "\"paused_by\":\"ops@example.com\"}");
        return data;
    }

    /** The wire JSON of the sample event of that type. */
    static byte[] json(EventType type) {
        String json = "{\"event\":\"" + type.wireName() + "\",\"timestamp\":\"2025-01-15T14:22:31Z\","
                + "\"id\":\"evt_01j8x4k7q3c9v2m5n8p0r6s1td\",\"data\":" + DATA.get(type) + "}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The sample event of that type, read by the codec and checked to be typed (not of unknown type) and
     * to survive a write-read round trip unchanged.
     *
     * @throws IllegalStateException if the codec does not read it as that type or changes it
     */
    static WebhookEvent event(EventType type) {
        WebhookEvent event = EventCodec.read(json(type));
        if (!type.wireName().equals(event.type()) || !type.wireName().equals(event.data().eventType())) {
            throw new IllegalStateException("codec read " + type + " as " + event.type() + "/" + event.data());
        }
        WebhookEvent again = EventCodec.read(EventCodec.write(event));
        if (!again.equals(event)) {
            throw new IllegalStateException("codec round trip changed " + type + ": " + event + " -> " + again);
        }
        return event;
    }

    /** One sample event of every type, in {@link EventType} order. */
    static List<WebhookEvent> all() {
        return java.util.Arrays.stream(EventType.values()).map(SampleEvents::event).toList();
    }

    /**
     * {@code count} new events (each a new id) cycling through the data of {@link #all()}, for one
     * measured run of a harness.
     */
    static List<WebhookEvent> fresh(int count) {
        List<WebhookEvent> samples = all();
        List<WebhookEvent> batch = new java.util.ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            batch.add(WebhookEvent.of(samples.get(i % samples.size()).data()));
        }
        return batch;
    }
}
