package com.migomail.webhooks.store.jdbc;

import static com.migomail.webhooks.store.jdbc.Fixtures.T0;
import static com.migomail.webhooks.store.jdbc.Fixtures.TENANT;
import static com.migomail.webhooks.store.jdbc.Fixtures.pendingTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.migomail.webhooks.store.Delivery;
import com.migomail.webhooks.store.DeliveryAttempt;
import com.migomail.webhooks.store.DeliveryOutcome;
import com.migomail.webhooks.store.StoredEvent;
import com.migomail.webhooks.store.TenantId;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the columns keep: nanosecond times, large bodies, and text PostgreSQL cannot hold. */
class ColumnRoundTripTest {

    abstract static class Spec {
        JdbcWebhookStore store;

        @Test
        void keepsTimesToTheNanosecond() {
            Instant odd = Instant.parse("2026-03-01T12:00:00.000000001Z");
            StoredEvent event = new StoredEvent("evt_1", TENANT, "email.sent", odd, odd.plusNanos(998), "{}");
            store.append(event, List.of());
            assertThat(store.event(TENANT, "evt_1")).contains(event);
        }

        @Test
        void keepsABodyOfTwoMebibytesExactly() {
            String body = "{\"text\":\"" + "zoë 😀 ".repeat(300_000) + "\"}";
            StoredEvent event = new StoredEvent("evt_1", TENANT, "email.sent", T0, T0, body);
            store.append(event, List.of());
            assertThat(store.event(TENANT, "evt_1").orElseThrow().body()).isEqualTo(body);
        }

        @Test
        void rejectsATimeOutsideTheStorableRange() {
            StoredEvent event = new StoredEvent("evt_1", TENANT, "email.sent", Instant.parse("2300-01-01T00:00:00Z"),
                    T0, "{}");
            assertThatThrownBy(() -> store.append(event, List.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("timestamp is outside the storable range (years 1678 to 2261): 2300-01-01T00:00:00Z");
            assertThat(store.event(TENANT, "evt_1")).isEmpty();
        }

        @Test
        void keepsTheTenantAndTheSubscriberKey() {
            TenantId tenant = TenantId.of("Tenant-9.eu:prod_1");
            String key = "k".repeat(64);
            StoredEvent event = new StoredEvent("evt_1", tenant, "email.sent", T0, T0, "{}", key);
            store.append(event, List.of());
            assertThat(store.event(tenant, "evt_1")).contains(event);
            assertThat(store.event(TenantId.of("tenant-9.eu:prod_1"), "evt_1")).as("tenant ids are case-sensitive")
                    .isEmpty();
        }

        @Test
        void acceptsALeaseReachingPastTheStorableRange() {
            Fixtures.withEndpoints(store, "ep_1").append(Fixtures.event("evt_1"), pendingTo("dlv_1", "ep_1"));
            List<Delivery> claimed = store.claimDue(T0, 1, "node-a", Duration.ofDays(365L * 1000), Set.of());
            assertThat(claimed).singleElement().satisfies(d -> assertThat(d.leaseExpiresAt()).isAfter(T0));
            assertThat(store.claimDue(T0.plusSeconds(1), 1, "node-b", Duration.ofMinutes(1), Set.of())).isEmpty();
        }

        @Test
        void recordsAResponseExcerptContainingNul() {
            Fixtures.withEndpoints(store, "ep_1").append(Fixtures.event("evt_1"), pendingTo("dlv_1", "ep_1"));
            store.claim("dlv_1", T0, "node-a", Duration.ofMinutes(1));
            DeliveryAttempt attempt = new DeliveryAttempt("dlv_1", 1, T0, Duration.ofMillis(3), 200, null, null, "a\u0000b");
            assertThat(store.recordAttempt("node-a", attempt, DeliveryOutcome.delivered(), T0)).isTrue();
            assertThat(store.attempts(TENANT, "dlv_1")).singleElement()
                    .satisfies(recorded -> assertThat(recorded.responseExcerpt()).isEqualTo(expectedNulExcerpt()));
        }

        abstract String expectedNulExcerpt();
    }

    @Nested
    class OnPostgresql extends Spec {
        OnPostgresql() {
            store = Fixtures.postgresStore();
        }

        @Override
        String expectedNulExcerpt() {
            return "a\uFFFDb";
        }
    }

    @Nested
    class OnH2 extends Spec {
        @TempDir
        Path dir;

        @org.junit.jupiter.api.BeforeEach
        void open() {
            store = Fixtures.h2File(dir.resolve("webhooks"));
        }

        @AfterEach
        void close() {
            store.close();
        }

        @Override
        String expectedNulExcerpt() {
            return "a\u0000b";
        }
    }
}
