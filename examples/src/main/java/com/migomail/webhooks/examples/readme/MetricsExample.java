package com.migomail.webhooks.examples.readme;

import com.migomail.webhooks.delivery.DeliveryListener;
import com.migomail.webhooks.delivery.WebhookSender;
import com.migomail.webhooks.micrometer.WebhookMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;

/** The README's Micrometer example: the metrics listener beside the host's own, and the backlog gauge bound. */
final class MetricsExample {
    private MetricsExample() {}

    /** A sender and its metrics, closed together. */
    record MeteredSender(WebhookSender sender, WebhookMetrics metrics) implements AutoCloseable {
        @Override
        public void close() {
            sender.close();
            metrics.close();
        }
    }

    static MeteredSender withMetrics(WebhookSender.Builder builder, MeterRegistry registry, DeliveryListener alerts) {
        WebhookMetrics metrics = WebhookMetrics.builder(registry)  // your application's MeterRegistry
                .backlogInterval(Duration.ofSeconds(10))             // the default: one count of the backlog per 10 s at most
                .build();
        WebhookSender sender = builder                               // the sender's builder, configured as usual
                .listener(alerts)                                    // your own listener, if any: listeners add up
                .listener(metrics.listener())
                .build();
        metrics.bindBacklog(sender);                                 // webhooks.backlog counts this sender's due deliveries
        return new MeteredSender(sender, metrics);
    }
}
