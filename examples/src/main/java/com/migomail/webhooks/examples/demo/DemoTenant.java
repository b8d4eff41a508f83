package com.migomail.webhooks.examples.demo;

import com.migomail.webhooks.core.WebhookEvent;
import com.migomail.webhooks.store.TenantId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One customer of the demo's platform: its tenant id, the events published for it, and its endpoints.
 *
 * @param id the tenant
 * @param events the events published for it, in order
 * @param endpoints its endpoints, each named as its receiving path is
 */
record DemoTenant(TenantId id, List<WebhookEvent> events, List<DemoTenant.NamedEndpoint> endpoints) {

    DemoTenant {
        events = List.copyOf(events);
        endpoints = List.copyOf(endpoints);
    }

    /**
     * One registered endpoint.
     *
     * @param id its id ({@code ep_…})
     * @param name the name of its receiving path, e.g. {@code healthy}
     */
    record NamedEndpoint(String id, String name) {}

    /** The ids of the events published for this tenant, in order. */
    Set<String> eventIds() {
        Set<String> ids = new LinkedHashSet<>();
        events.forEach(event -> ids.add(event.id()));
        return ids;
    }

    /** The names of this tenant's endpoints, which are the names of their receiving paths. */
    List<String> endpointNames() {
        return endpoints.stream().map(NamedEndpoint::name).toList();
    }
}
