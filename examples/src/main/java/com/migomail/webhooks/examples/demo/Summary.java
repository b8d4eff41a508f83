package com.migomail.webhooks.examples.demo;

import com.migomail.webhooks.core.WebhookEvent;
import com.migomail.webhooks.store.Delivery;
import com.migomail.webhooks.store.DeliveryAttempt;
import com.migomail.webhooks.store.DeliveryQuery;
import com.migomail.webhooks.store.DeliveryStatus;
import com.migomail.webhooks.store.WebhookStore;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** What the store's log says about the demo's events, per endpoint and in total. */
final class Summary {
    private static final String FORMAT = "  %-9s %7s %11s %9s %16s %10s %7s%n";

    /** One row of the table. */
    private record Row(String name, int events, int deliveries, int attempts, int failedAttempts, int delivered, int failed) {
        Row plus(Row other) {
            return new Row("total", 0, deliveries + other.deliveries, attempts + other.attempts,
                    failedAttempts + other.failedAttempts, delivered + other.delivered, failed + other.failed);
        }
    }

    private final List<Row> rows;
    private final Row total;
    private final List<String> problems;

    private Summary(List<Row> rows, Row total, List<String> problems) {
        this.rows = rows;
        this.total = total;
        this.problems = problems;
    }

    static Summary of(WebhookStore store, List<WebhookEvent> events, List<String> endpointIds, Function<String, String> names) {
        List<Row> rows = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Row total = new Row("total", 0, 0, 0, 0, 0, 0);
        for (String endpointId : endpointIds) {
            Row row = row(store, endpointId, names.apply(endpointId));
            rows.add(row);
            total = total.plus(row);
            if (row.delivered() != row.deliveries()) {
                problems.add(row.name() + ": " + (row.deliveries() - row.delivered()) + " deliveries were not delivered");
            }
        }
        long stored = events.stream().filter(event -> store.event(event.id()).isPresent()).count();
        if (stored != events.size()) {
            problems.add("the store has " + stored + " of the " + events.size() + " events published");
        }
        return new Summary(rows, new Row("total", (int) stored, total.deliveries(), total.attempts(), total.failedAttempts(),
                total.delivered(), total.failed()), problems);
    }

    private static Row row(WebhookStore store, String endpointId, String name) {
        List<Delivery> deliveries = Demo.deliveries(store, DeliveryQuery.all().withEndpoint(endpointId));
        Set<String> events = new HashSet<>();
        int attempts = 0;
        int failedAttempts = 0;
        for (Delivery delivery : deliveries) {
            events.add(delivery.eventId());
            for (DeliveryAttempt attempt : store.attempts(delivery.id())) {
                attempts++;
                if (attempt.statusCode() == null || attempt.statusCode() / 100 != 2) {
                    failedAttempts++;
                }
            }
        }
        return new Row(name, events.size(), deliveries.size(), attempts, failedAttempts,
                count(deliveries, DeliveryStatus.DELIVERED), count(deliveries, DeliveryStatus.FAILED));
    }

    private static int count(List<Delivery> deliveries, DeliveryStatus status) {
        return (int) deliveries.stream().filter(delivery -> delivery.status() == status).count();
    }

    void print(PrintStream out) {
        out.printf(FORMAT, "endpoint", "events", "deliveries", "attempts", "failed attempts", "delivered", "failed");
        for (Row row : rows) {
            print(out, row);
        }
        print(out, total);
    }

    private static void print(PrintStream out, Row row) {
        out.printf(FORMAT, row.name(), row.events(), row.deliveries(), row.attempts(), row.failedAttempts(), row.delivered(),
                row.failed());
    }

    /** What did not end as the demo expects (every delivery delivered, every event stored). */
    List<String> problems() {
        return List.copyOf(problems);
    }
}
