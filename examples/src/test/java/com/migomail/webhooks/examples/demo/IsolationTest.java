package com.migomail.webhooks.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.migomail.webhooks.core.WebhookEvent;
import com.migomail.webhooks.store.TenantId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The summary's isolation line is computed from what each receiving path processed. */
class IsolationTest {
    private static final List<WebhookEvent> ACME_EVENTS = DemoEvents.oneOfEachType();
    private static final List<WebhookEvent> GLOBEX_EVENTS = DemoEvents.forGlobex();
    private static final DemoTenant ACME = new DemoTenant(TenantId.of("acme"), ACME_EVENTS,
            List.of(new DemoTenant.NamedEndpoint("ep_1", "healthy"), new DemoTenant.NamedEndpoint("ep_2", "flaky")));
    private static final DemoTenant GLOBEX = new DemoTenant(TenantId.of("globex"), GLOBEX_EVENTS,
            List.of(new DemoTenant.NamedEndpoint("ep_3", "crm")));

    @Test
    void holdsWhenEachTenantsPathsProcessedOnlyItsOwnEvents() {
        Isolation isolation = Isolation.of(List.of(ACME, GLOBEX), paths(
                Map.of("healthy", ACME.eventIds(), "flaky", Set.of(ACME_EVENTS.get(10).id()), "crm", GLOBEX.eventIds())));

        assertThat(isolation.line()).isEqualTo("isolation: acme's endpoints received 0 of globex's 4 events and"
                + " globex's 0 of acme's 12: neither tenant saw the other's events");
        assertThat(isolation.holds()).isTrue();
        assertThat(isolation.problems()).isEmpty();
        assertThat(isolation.received(ACME.id())).isEqualTo(12);
        assertThat(isolation.received(GLOBEX.id())).isEqualTo(4);
    }

    @Test
    void countsAnotherTenantsEventThatReachedAPathAndNamesIt() {
        String leaked = GLOBEX_EVENTS.get(3).id();
        Isolation isolation = Isolation.of(List.of(ACME, GLOBEX),
                paths(Map.of("flaky", Set.of(ACME_EVENTS.get(10).id(), leaked), "crm", GLOBEX.eventIds())));

        assertThat(isolation.line()).isEqualTo("isolation: acme's endpoints received 1 of globex's 4 events and"
                + " globex's 0 of acme's 12: BROKEN, a tenant's endpoints got events that were not its own");
        assertThat(isolation.holds()).isFalse();
        assertThat(isolation.problems()).containsExactly("acme's endpoints received globex's events [" + leaked + "]");
    }

    @Test
    void anEventNoTenantPublishedBreaksItToo() {
        Isolation isolation = Isolation.of(List.of(ACME, GLOBEX),
                paths(Map.of("crm", Set.of("evt_01jhn8wygrfgz8ybavd8e9w3t2"))));

        assertThat(isolation.line()).endsWith("globex's 0 of acme's 12: BROKEN, a tenant's endpoints got events that"
                + " were not its own");
        assertThat(isolation.problems())
                .containsExactly("globex's endpoints received events no tenant published: [evt_01jhn8wygrfgz8ybavd8e9w3t2]");
    }

    @Test
    void withThreeTenantsCountsTheOthersTogether() {
        DemoTenant initech = new DemoTenant(TenantId.of("initech"), DemoEvents.forGlobex(),
                List.of(new DemoTenant.NamedEndpoint("ep_4", "erp")));

        Isolation isolation = Isolation.of(List.of(ACME, GLOBEX, initech), paths(Map.of()));

        assertThat(isolation.line()).isEqualTo("isolation: acme's endpoints received 0 of the other tenants' 8 events,"
                + " globex's 0 of the other tenants' 16 and initech's 0 of the other tenants' 16:"
                + " no tenant saw another's events");
    }

    private static Function<String, Set<String>> paths(Map<String, Set<String>> processed) {
        return name -> processed.getOrDefault(name, Set.of());
    }
}
