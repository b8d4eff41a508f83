package com.migomail.webhooks.examples.readme;

import com.migomail.webhooks.core.EmailOpened;
import com.migomail.webhooks.core.EventCodec;
import com.migomail.webhooks.core.Subscriber;
import com.migomail.webhooks.core.TypeId;
import com.migomail.webhooks.core.WebhookEvent;

/** The README's event model examples: create, write, read, TypeIDs. */
final class EventExamples {
    private EventExamples() {}

    static WebhookEvent create() {
        Subscriber jane = Subscriber.builder("jane@example.com").name("Jane Smith").build();
        EmailOpened opened = EmailOpened.builder("msg_01jhn8wygrfgz8ybavd8e9w3t2", jane)
                .client("Apple Mail")
                .device("iPhone")
                .build();
        WebhookEvent event = WebhookEvent.of(opened);       // fresh evt_ id, current time in whole seconds
        return event;
    }

    static WebhookEvent roundTrip(byte[] bytes) {
        WebhookEvent event = EventCodec.read(bytes);        // or read(String)
        byte[] json = EventCodec.write(event);              // or writeString(event)
        return EventCodec.read(json);
    }

    static TypeId ids() {
        TypeId id = TypeId.generate("evt");                 // evt_01jhn8wygrfgz8ybavd8e9w3t2
        boolean valid = TypeId.isValid("evt_01jhn8wygrfgz8ybavd8e9w3t2");
        System.out.println(id + " created at " + id.timestamp() + ", valid: " + valid);
        return TypeId.parse(id.toString());
    }
}
