package com.migomail.webhooks.portal;

import com.migomail.webhooks.core.EmailClicked;
import com.migomail.webhooks.core.EmailOpened;
import com.migomail.webhooks.core.Subscriber;

/** Event data for the tests, with a subscriber whose name is markup (it must stay text everywhere). */
final class ExampleData {
    static final String MARKUP_NAME = "<img src=x onerror=alert(1)>";

    private ExampleData() {}

    static EmailOpened opened() {
        return EmailOpened.builder("msg_01j8x4k7q3c9v2m5n8p0r6s1td", Subscriber.of("jane@example.com", MARKUP_NAME, "lst_98c2f"))
                .userAgent("</script><script>alert(2)</script>").build();
    }

    static EmailClicked clicked() {
        return EmailClicked.builder("msg_01j8x4k7q3c9v2m5n8p0r6s1td", Subscriber.of("jane@example.com"),
                "https://example.com/spring-sale", 1).build();
    }
}
