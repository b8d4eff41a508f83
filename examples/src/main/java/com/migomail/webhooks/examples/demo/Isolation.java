package com.migomail.webhooks.examples.demo;

import com.migomail.webhooks.store.TenantId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * What each tenant's receiving paths actually processed, set against what was published for each
 * tenant: the demo's evidence that no tenant's endpoints got another tenant's events.
 */
final class Isolation {

    /**
     * What one tenant's receiving paths processed.
     *
     * @param tenant the tenant
     * @param received the distinct event ids its paths processed
     * @param foreign those of them published for another tenant
     * @param unaccounted those of them published for no tenant of the demo
     * @param othersPublished how many events were published for the other tenants
     * @param others how the other tenants are called, e.g. {@code globex's}
     */
    record Seen(DemoTenant tenant, Set<String> received, Set<String> foreign, Set<String> unaccounted, int othersPublished,
            String others) {}

    private final List<Seen> seen;

    private Isolation(List<Seen> seen) {
        this.seen = List.copyOf(seen);
    }

    /**
     * Compares what arrived with what was published.
     *
     * @param tenants the demo's tenants with their events and endpoints
     * @param processedByPath the event ids a receiving path (by name) processed
     */
    static Isolation of(List<DemoTenant> tenants, Function<String, Set<String>> processedByPath) {
        List<Seen> seen = new ArrayList<>();
        for (DemoTenant tenant : tenants) {
            Set<String> received = new LinkedHashSet<>();
            tenant.endpointNames().forEach(name -> received.addAll(processedByPath.apply(name)));
            List<DemoTenant> others = tenants.stream().filter(other -> !other.id().equals(tenant.id())).toList();
            Set<String> othersEvents = new LinkedHashSet<>();
            others.forEach(other -> othersEvents.addAll(other.eventIds()));
            Set<String> foreign = new LinkedHashSet<>(received);
            foreign.retainAll(othersEvents);
            Set<String> unaccounted = new LinkedHashSet<>(received);
            unaccounted.removeAll(tenant.eventIds());
            unaccounted.removeAll(othersEvents);
            seen.add(new Seen(tenant, Set.copyOf(received), Set.copyOf(foreign), Set.copyOf(unaccounted),
                    othersEvents.size(), others.size() == 1 ? others.get(0).id() + "'s" : "the other tenants'"));
        }
        return new Isolation(seen);
    }

    /** How many distinct events the tenant's receiving paths processed. */
    int received(TenantId tenant) {
        return seen.stream().filter(s -> s.tenant().id().equals(tenant)).mapToInt(s -> s.received().size()).sum();
    }

    /** Whether every tenant's paths processed only that tenant's own events. */
    boolean holds() {
        return seen.stream().allMatch(s -> s.foreign().isEmpty() && s.unaccounted().isEmpty());
    }

    /**
     * The summary's line, e.g. {@code isolation: acme's endpoints received 0 of globex's 4 events and
     * globex's 0 of acme's 12: neither tenant saw the other's events}.
     */
    String line() {
        List<String> parts = new ArrayList<>();
        for (Seen s : seen) {
            parts.add(s.tenant().id() + "'s " + (parts.isEmpty() ? "endpoints received " : "") + s.foreign().size()
                    + " of " + s.others() + " " + s.othersPublished() + (parts.isEmpty() ? " events" : ""));
        }
        String verdict;
        if (!holds()) {
            verdict = "BROKEN, a tenant's endpoints got events that were not its own";
        } else if (seen.size() == 2) {
            verdict = "neither tenant saw the other's events";
        } else {
            verdict = "no tenant saw another's events";
        }
        return "isolation: " + joined(parts) + ": " + verdict;
    }

    /** What broke isolation, naming the event ids; empty when it holds. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (Seen s : seen) {
            if (!s.foreign().isEmpty()) {
                problems.add(s.tenant().id() + "'s endpoints received " + s.others() + " events " + sorted(s.foreign()));
            }
            if (!s.unaccounted().isEmpty()) {
                problems.add(s.tenant().id() + "'s endpoints received events no tenant published: " + sorted(s.unaccounted()));
            }
        }
        return problems;
    }

    private static String joined(List<String> parts) {
        if (parts.size() <= 2) {
            return String.join(" and ", parts);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }

    private static List<String> sorted(Set<String> ids) {
        return ids.stream().sorted().toList();
    }
}
