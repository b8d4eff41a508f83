package com.migomail.webhooks.examples.demo;

import com.migomail.webhooks.delivery.WebhookSender;
import com.migomail.webhooks.store.Delivery;
import com.migomail.webhooks.store.DeliveryAttempt;
import com.migomail.webhooks.store.DeliveryQuery;
import com.migomail.webhooks.store.DeliveryStatus;
import com.migomail.webhooks.store.EventQuery;
import com.migomail.webhooks.store.StoredEvent;
import com.migomail.webhooks.store.TenantId;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the store's log says about the demo's events, read through each tenant's view of it: per
 * endpoint, per tenant and in total; and whether what the receiving paths processed matches it.
 */
final class Summary {
    private static final String ENDPOINT_FORMAT = "  %-9s %7s %11s %9s %16s %10s %7s%n";
    private static final String TENANT_FORMAT = "  %-9s %7s %11s %10s %16s%n";

    /** One row of the endpoint table. */
    private record Row(String name, int events, int deliveries, int attempts, int failedAttempts, int delivered, int failed) {
        Row plus(Row other) {
            return new Row("total", 0, deliveries + other.deliveries, attempts + other.attempts,
                    failedAttempts + other.failedAttempts, delivered + other.delivered, failed + other.failed);
        }
    }

    /** One row of the tenant table. */
    private record TenantRow(TenantId tenant, int events, int deliveries, int delivered, int received) {}

    private final List<Row> rows;
    private final Row total;
    private final List<TenantRow> tenantRows;
    private final Isolation isolation;
    private final List<String> problems;

    private Summary(List<Row> rows, Row total, List<TenantRow> tenantRows, Isolation isolation, List<String> problems) {
        this.rows = rows;
        this.total = total;
        this.tenantRows = tenantRows;
        this.isolation = isolation;
        this.problems = problems;
    }

    /**
     * Reads each tenant's log through the sender and compares it with what was published and received.
     *
     * @param sender the demo's sender, still open
     * @param tenants the tenants with their events and endpoints
     * @param range a time range holding every event of the demo
     * @param processedByPath the event ids a receiving path (by name) processed
     */
    static Summary of(WebhookSender sender, List<DemoTenant> tenants, EventQuery range,
            Function<String, Set<String>> processedByPath) {
        List<Row> rows = new ArrayList<>();
        List<TenantRow> tenantRows = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Isolation isolation = Isolation.of(tenants, processedByPath);
        Row total = new Row("total", 0, 0, 0, 0, 0, 0);
        int stored = 0;
        for (DemoTenant tenant : tenants) {
            for (DemoTenant.NamedEndpoint endpoint : tenant.endpoints()) {
                Row row = row(sender, tenant.id(), endpoint, processedByPath.apply(endpoint.name()), problems);
                rows.add(row);
                total = total.plus(row);
            }
            Set<String> listed = listedEvents(sender, tenant.id(), range);
            stored += compare(tenant, listed, problems);
            List<Delivery> deliveries = Demo.deliveries(sender, tenant.id(), DeliveryQuery.all());
            tenantRows.add(new TenantRow(tenant.id(), listed.size(), deliveries.size(),
                    count(deliveries, DeliveryStatus.DELIVERED), isolation.received(tenant.id())));
        }
        problems.addAll(isolation.problems());
        return new Summary(rows, new Row("total", stored, total.deliveries(), total.attempts(), total.failedAttempts(),
                total.delivered(), total.failed()), tenantRows, isolation, problems);
    }

    private static Row row(WebhookSender sender, TenantId tenant, DemoTenant.NamedEndpoint endpoint, Set<String> processed,
            List<String> problems) {
        List<Delivery> deliveries = Demo.deliveries(sender, tenant, DeliveryQuery.all().withEndpoint(endpoint.id()));
        Set<String> events = new HashSet<>();
        Set<String> delivered = new HashSet<>();
        int attempts = 0;
        int failedAttempts = 0;
        for (Delivery delivery : deliveries) {
            events.add(delivery.eventId());
            if (delivery.status() == DeliveryStatus.DELIVERED) {
                delivered.add(delivery.eventId());
            }
            for (DeliveryAttempt attempt : sender.attempts(tenant, delivery.id())) {
                attempts++;
                if (attempt.statusCode() == null || attempt.statusCode() / 100 != 2) {
                    failedAttempts++;
                }
            }
        }
        Row row = new Row(endpoint.name(), events.size(), deliveries.size(), attempts, failedAttempts,
                count(deliveries, DeliveryStatus.DELIVERED), count(deliveries, DeliveryStatus.FAILED));
        if (row.delivered() != row.deliveries()) {
            problems.add(row.name() + ": " + (row.deliveries() - row.delivered()) + " deliveries were not delivered");
        }
        if (!processed.equals(delivered)) {
            problems.add(row.name() + ": its receiving path processed " + processed.size() + " events, the log says "
                    + delivered.size() + " were delivered to it");
        }
        return row;
    }

    /** Checks the tenant's listing against what was published for it; returns how many of those it lists. */
    private static int compare(DemoTenant tenant, Set<String> listed, List<String> problems) {
        Set<String> published = tenant.eventIds();
        Set<String> found = new LinkedHashSet<>(published);
        found.retainAll(listed);
        if (found.size() != published.size()) {
            problems.add(tenant.id() + ": the store lists " + found.size() + " of the " + published.size()
                    + " events published");
        }
        Set<String> strangers = new LinkedHashSet<>(listed);
        strangers.removeAll(published);
        if (!strangers.isEmpty()) {
            problems.add(tenant.id() + ": the store lists events not published for it: " + strangers);
        }
        return found.size();
    }

    private static Set<String> listedEvents(WebhookSender sender, TenantId tenant, EventQuery range) {
        Set<String> ids = new LinkedHashSet<>();
        String cursor = null;
        do {
            var page = sender.events(tenant, range.withCursor(cursor));
            ids.addAll(page.items().stream().map(StoredEvent::id).collect(Collectors.toList()));
            cursor = page.next().orElse(null);
        } while (cursor != null);
        return ids;
    }

    private static int count(List<Delivery> deliveries, DeliveryStatus status) {
        return (int) deliveries.stream().filter(delivery -> delivery.status() == status).count();
    }

    /** Prints the endpoint table with its total row. */
    void print(PrintStream out) {
        out.printf(ENDPOINT_FORMAT, "endpoint", "events", "deliveries", "attempts", "failed attempts", "delivered", "failed");
        for (Row row : rows) {
            print(out, row);
        }
        print(out, total);
    }

    /** Prints the tenant table (each tenant's own view of the log, and what its paths processed) and the isolation line. */
    void printTenants(PrintStream out) {
        out.printf(TENANT_FORMAT, "tenant", "events", "deliveries", "delivered", "events received");
        for (TenantRow row : tenantRows) {
            out.printf(TENANT_FORMAT, row.tenant(), row.events(), row.deliveries(), row.delivered(), row.received());
        }
        out.println("  " + isolation.line());
    }

    private static void print(PrintStream out, Row row) {
        out.printf(ENDPOINT_FORMAT, row.name(), row.events(), row.deliveries(), row.attempts(), row.failedAttempts(),
                row.delivered(), row.failed());
    }

    /** What did not end as the demo expects (every delivery delivered and received, every event stored, isolation). */
    List<String> problems() {
        return List.copyOf(problems);
    }
}
