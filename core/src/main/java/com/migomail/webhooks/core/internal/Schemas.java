package com.migomail.webhooks.core.internal;

import static com.migomail.webhooks.core.internal.ValueCodec.STRING;

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
import com.migomail.webhooks.core.EventType;
import com.migomail.webhooks.core.FieldChange;
import com.migomail.webhooks.core.JsonValue;
import com.migomail.webhooks.core.PauseReason;
import com.migomail.webhooks.core.Subscriber;
import com.migomail.webhooks.core.SubscriberCreated;
import com.migomail.webhooks.core.SubscriberSource;
import com.migomail.webhooks.core.SubscriberUpdated;
import com.migomail.webhooks.core.UnsubscribeMethod;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The canonical wire layout of every data record, the single source of field names and order for
 * both reading and writing.
 *
 * <p>Canonical order (WIRE.md): email events {@code message_id, campaign_id, subscriber}, then
 * their own fields in the order of the WIRE.md table; other events the fields of the table in its
 * order. {@code subscriber} is {@code email, name, list_id, id, properties}; a change is
 * {@code from, to}.
 */
public final class Schemas {
    private static final ObjectSchema<Subscriber> SUBSCRIBER = ObjectSchema.builder(Subscriber.class)
            .required("email", STRING, Subscriber::email)
            .optional("name", STRING, Subscriber::name)
            .optional("list_id", STRING, Subscriber::listId)
            .optional("id", STRING, Subscriber::id)
            .optional("properties", ValueCodec.mapOf(ValueCodec.JSON), Subscriber::properties)
            .build(v -> new Subscriber(str(v[0]), str(v[1]), str(v[2]), str(v[3]), map(v[4])));

    private static final ObjectSchema<FieldChange> CHANGE = ObjectSchema.builder(FieldChange.class)
            .required("from", ValueCodec.JSON, FieldChange::from)
            .required("to", ValueCodec.JSON, FieldChange::to)
            .build(v -> new FieldChange((JsonValue) v[0], (JsonValue) v[1]));

    private static final ValueCodec SUBSCRIBER_OBJECT = ValueCodec.object(SUBSCRIBER);
    private static final ValueCodec CHANGES = ValueCodec.mapOf(ValueCodec.object(CHANGE));

    private static final List<ObjectSchema<? extends EventData>> ALL = List.of(
            email(EmailSent.class)
                    .optional("smtp_response", STRING, EmailSent::smtpResponse)
                    .build(v -> new EmailSent(str(v[0]), str(v[1]), sub(v[2]), str(v[3]))),
            email(EmailOpened.class)
                    .optional("ip_address", STRING, EmailOpened::ipAddress)
                    .optional("user_agent", STRING, EmailOpened::userAgent)
                    .optional("client", STRING, EmailOpened::client)
                    .optional("device", STRING, EmailOpened::device)
                    .build(v -> new EmailOpened(str(v[0]), str(v[1]), sub(v[2]), str(v[3]), str(v[4]), str(v[5]),
                            str(v[6]))),
            email(EmailClicked.class)
                    .required("url", STRING, EmailClicked::url)
                    .required("link_position", ValueCodec.integer(1), EmailClicked::linkPosition)
                    .optional("ip_address", STRING, EmailClicked::ipAddress)
                    .optional("user_agent", STRING, EmailClicked::userAgent)
                    .optional("client", STRING, EmailClicked::client)
                    .optional("device", STRING, EmailClicked::device)
                    .build(v -> new EmailClicked(str(v[0]), str(v[1]), sub(v[2]), str(v[3]), (Integer) v[4],
                            str(v[5]), str(v[6]), str(v[7]), str(v[8]))),
            email(EmailBounced.class)
                    .required("bounce_type", ValueCodec.enumeration(BounceType.values(), BounceType::wireName),
                            EmailBounced::bounceType)
                    .required("bounce_code", STRING, EmailBounced::bounceCode)
                    .optional("diagnostic", STRING, EmailBounced::diagnostic)
                    .build(v -> new EmailBounced(str(v[0]), str(v[1]), sub(v[2]), (BounceType) v[3], str(v[4]),
                            str(v[5]))),
            email(EmailSpamReported.class)
                    .optional("feedback_provider", STRING, EmailSpamReported::feedbackProvider)
                    .build(v -> new EmailSpamReported(str(v[0]), str(v[1]), sub(v[2]), str(v[3]))),
            email(EmailUnsubscribed.class)
                    .optional("method", ValueCodec.enumeration(UnsubscribeMethod.values(), UnsubscribeMethod::wireName),
                            EmailUnsubscribed::method)
                    .optional("list_id", STRING, EmailUnsubscribed::listId)
                    .build(v -> new EmailUnsubscribed(str(v[0]), str(v[1]), sub(v[2]), (UnsubscribeMethod) v[3],
                            str(v[4]))),
            ObjectSchema.builder(SubscriberCreated.class)
                    .required("subscriber", SUBSCRIBER_OBJECT, SubscriberCreated::subscriber)
                    .required("source", ValueCodec.enumeration(SubscriberSource.values(), SubscriberSource::wireName),
                            SubscriberCreated::source)
                    .build(v -> new SubscriberCreated(sub(v[0]), (SubscriberSource) v[1])),
            ObjectSchema.builder(SubscriberUpdated.class)
                    .required("subscriber", SUBSCRIBER_OBJECT, SubscriberUpdated::subscriber)
                    .required("changes", CHANGES, SubscriberUpdated::changes)
                    .build(v -> new SubscriberUpdated(sub(v[0]), map(v[1]))),
            ObjectSchema.builder(AutomationTriggered.class)
                    .required("automation_id", STRING, AutomationTriggered::automationId)
                    .optional("automation_name", STRING, AutomationTriggered::automationName)
                    .required("subscriber", SUBSCRIBER_OBJECT, AutomationTriggered::subscriber)
                    .required("trigger", STRING, AutomationTriggered::trigger)
                    .build(v -> new AutomationTriggered(str(v[0]), str(v[1]), sub(v[2]), str(v[3]))),
            ObjectSchema.builder(AutomationCompleted.class)
                    .required("automation_id", STRING, AutomationCompleted::automationId)
                    .optional("automation_name", STRING, AutomationCompleted::automationName)
                    .required("subscriber", SUBSCRIBER_OBJECT, AutomationCompleted::subscriber)
                    .required("steps_completed", ValueCodec.integer(0), AutomationCompleted::stepsCompleted)
                    .build(v -> new AutomationCompleted(str(v[0]), str(v[1]), sub(v[2]), (Integer) v[3])),
            ObjectSchema.builder(CampaignSent.class)
                    .required("campaign_id", STRING, CampaignSent::campaignId)
                    .optional("campaign_name", STRING, CampaignSent::campaignName)
                    .required("recipients", ValueCodec.longInteger(0), CampaignSent::recipients)
                    .optional("delivered", ValueCodec.longInteger(0), CampaignSent::delivered)
                    .optional("failed", ValueCodec.longInteger(0), CampaignSent::failed)
                    .build(v -> new CampaignSent(str(v[0]), str(v[1]), (Long) v[2], (Long) v[3], (Long) v[4])),
            ObjectSchema.builder(CampaignPaused.class)
                    .required("campaign_id", STRING, CampaignPaused::campaignId)
                    .optional("campaign_name", STRING, CampaignPaused::campaignName)
                    .required("reason", ValueCodec.enumeration(PauseReason.values(), PauseReason::wireName),
                            CampaignPaused::reason)
                    .optional("paused_by", STRING, CampaignPaused::pausedBy)
                    .build(v -> new CampaignPaused(str(v[0]), str(v[1]), (PauseReason) v[2], str(v[3]))));

    private static final Map<Class<?>, ObjectSchema<? extends EventData>> BY_CLASS = new HashMap<>();
    private static final Map<String, ObjectSchema<? extends EventData>> BY_TYPE = new HashMap<>();

    static {
        for (ObjectSchema<? extends EventData> schema : ALL) {
            BY_CLASS.put(schema.type(), schema);
        }
        for (EventType type : EventType.values()) {
            ObjectSchema<? extends EventData> schema = BY_CLASS.get(type.dataType());
            if (schema == null) {
                throw new IllegalStateException("no schema for " + type);
            }
            BY_TYPE.put(type.wireName(), schema);
        }
    }

    private Schemas() {}

    /**
     * The schema of a known type.
     *
     * @param wireName the type's wire name
     * @return the schema, or null for a type this version does not know
     */
    public static ObjectSchema<? extends EventData> forType(String wireName) {
        return BY_TYPE.get(wireName);
    }

    /**
     * The schema of a data record class.
     *
     * @param type the class of a known type's record
     * @return the schema, or null for {@link com.migomail.webhooks.core.UnknownEventData}
     */
    public static ObjectSchema<? extends EventData> forClass(Class<?> type) {
        return BY_CLASS.get(type);
    }

    private static <T extends EmailEventData> ObjectSchema.Builder<T> email(Class<T> type) {
        return ObjectSchema.builder(type)
                .required("message_id", STRING, EmailEventData::messageId)
                .optional("campaign_id", STRING, EmailEventData::campaignId)
                .required("subscriber", SUBSCRIBER_OBJECT, EmailEventData::subscriber);
    }

    private static String str(Object value) {
        return (String) value;
    }

    private static Subscriber sub(Object value) {
        return (Subscriber) value;
    }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> map(Object value) {
        return (Map<String, V>) value;
    }
}
