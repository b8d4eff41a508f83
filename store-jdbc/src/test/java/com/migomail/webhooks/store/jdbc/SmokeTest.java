package com.migomail.webhooks.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.migomail.webhooks.store.*;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmokeTest {
    @TempDir Path dir;

    @Test
    void postgres() {
        exercise(JdbcWebhookStore.builder().dataSource(TestDatabases.postgres())
                .tablePrefix(TestDatabases.freshPrefix()).build());
    }

    @Test
    void h2() {
        try (JdbcWebhookStore store = JdbcWebhookStore.h2File(dir.resolve("db"))) {
            exercise(store);
        }
    }

    private void exercise(JdbcWebhookStore store) {
        Instant t = Instant.parse("2026-01-01T00:00:00.123456789Z");
        store.createEndpoint(new Endpoint("ep_1", "https://x", List.of("*"), "", java.util.Map.of("a", "b"), true,
                List.of(new EndpointSecret("whsec_x", t, null)), null, null, t, t));
        for (int i = 0; i < 5; i++) {
            AppendResult r = store.append(new StoredEvent("evt_" + i, "email.sent", t.plusSeconds(i), t, "{\"i\":" + i + "}"),
                    List.of(new NewDelivery("dlv_" + i, "ep_1", DeliveryStatus.PENDING)));
            assertThat(r.created()).isTrue();
        }
        assertThat(store.append(new StoredEvent("evt_0", "x", t, t, "{}"), List.of()).created()).isFalse();
        Page<StoredEvent> p = store.events(EventQuery.between(t, t.plusSeconds(100)).withLimit(2));
        assertThat(p.items()).extracting(StoredEvent::id).containsExactly("evt_0", "evt_1");
        p = store.events(EventQuery.between(t, t.plusSeconds(100)).withLimit(2).withCursor(p.nextCursor()));
        assertThat(p.items()).extracting(StoredEvent::id).containsExactly("evt_2", "evt_3");
        assertThat(store.events(EventQuery.between(t, t.plusSeconds(100)).withTypes(Set.of("email.sent"))
                .withDeliveryStatuses(Set.of(DeliveryStatus.PENDING)).withOrder(SortOrder.NEWEST_FIRST)).items())
                .extracting(StoredEvent::id).startsWith("evt_4");
        assertThat(store.event("evt_1").orElseThrow().timestamp()).isEqualTo(t.plusSeconds(1));
        List<Delivery> claimed = store.claimDue(t, 3, "a", Duration.ofSeconds(30), Set.of());
        assertThat(claimed).hasSize(3);
        assertThat(store.claimDue(t, 3, "b", Duration.ofSeconds(30), Set.of("ep_1"))).isEmpty();
        assertThat(store.claimDue(t, 3, "b", Duration.ofSeconds(30), Set.of("ep_2"))).hasSize(2);
        assertThat(store.recordAttempt("a", new DeliveryAttempt(claimed.get(0).id(), 1, t, Duration.ofMillis(5), 200,
                null, null, "ok\u0000"), DeliveryOutcome.delivered(), t)).isTrue();
        assertThat(store.recordAttempt("b", new DeliveryAttempt(claimed.get(1).id(), 1, t, Duration.ofMillis(5), 200,
                null, null, "ok"), DeliveryOutcome.delivered(), t)).isFalse();
        assertThat(store.attempts(claimed.get(0).id())).hasSize(1);
        assertThat(store.resolve(claimed.get(1).id(), "a", DeliveryOutcome.retryAt(t.plusSeconds(60)), t)).isTrue();
        assertThat(store.release(claimed.get(2).id(), "a")).isTrue();
        assertThat(store.deliveries(DeliveryQuery.all().withLimit(2)).nextCursor()).isNotNull();
        assertThat(store.purgeEventsBefore(t.plusSeconds(100), 10)).isEqualTo(1);
        Delivery replay = store.scheduleReplay("evt_1", "ep_1", "dlv_x", t.plusSeconds(5));
        assertThat(replay.status()).isEqualTo(DeliveryStatus.PENDING);
        Endpoint rotated = store.rotateSecret("ep_1", new EndpointSecret("whsec_y", t, null), t.plusSeconds(10), t);
        assertThat(rotated.secrets()).hasSize(2);
        assertThat(store.recordEndpointHealth("ep_1", false, t).failingSince()).isEqualTo(t);
        assertThat(store.endpoints()).hasSize(1);
    }
}
