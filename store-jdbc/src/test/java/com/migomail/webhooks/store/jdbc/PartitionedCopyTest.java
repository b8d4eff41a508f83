package com.migomail.webhooks.store.jdbc;

import static com.migomail.webhooks.store.jdbc.Fixtures.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import com.migomail.webhooks.store.AttemptCountQuery;
import com.migomail.webhooks.store.Delivery;
import com.migomail.webhooks.store.DeliveryAttempt;
import com.migomail.webhooks.store.DeliveryOutcome;
import com.migomail.webhooks.store.DeliveryQuery;
import com.migomail.webhooks.store.DeliveryStatus;
import com.migomail.webhooks.store.Endpoint;
import com.migomail.webhooks.store.EndpointSecret;
import com.migomail.webhooks.store.EventQuery;
import com.migomail.webhooks.store.NewDelivery;
import com.migomail.webhooks.store.StoredEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's move to the partitioned layout, run as written: the copy script shipped in the jar
 * ({@code copy-from-single-tables.sql}) takes a store's single tables to partitioned ones, and a
 * store over those reads the same endpoints (secrets decrypted under the same keys), events,
 * deliveries and attempts, and goes on delivering the pending ones.
 */
class PartitionedCopyTest {

    private static final String SCRIPT = "/migomail-webhooks/db/postgresql-partitioned/copy-from-single-tables.sql";
    private static final String SECRET = "whsec_" + java.util.Base64.getEncoder()
            .encodeToString("a secret of 24 bytes....".getBytes(StandardCharsets.US_ASCII));
    private static final Instant DAY0 = Instant.parse("2024-03-01T10:00:00Z");

    @Test
    void theCopyScriptMovesEverythingAStoreHoldsIntoThePartitionedLayout() throws Exception {
        String from = TestDatabases.freshPrefix();
        String to = TestDatabases.freshPrefix();
        Endpoint endpoint;
        Delivery pending;
        try (JdbcWebhookStore single = Fixtures.builder().dataSource(TestDatabases.postgres()).tablePrefix(from)
                .build()) {
            endpoint = single.createEndpoint(new Endpoint("ep1", TENANT, "https://example.com/hooks", List.of("*"),
                    "", Map.of(), true, List.of(new EndpointSecret(SECRET, DAY0, null)), null, null, DAY0, DAY0));
            Delivery delivered = single.append(event("evt_1", DAY0), Fixtures.pendingTo("dlv_1", "ep1"))
                    .deliveries().get(0);
            single.claim(delivered.id(), DAY0, "node-a", Duration.ofSeconds(30)).orElseThrow();
            single.recordAttempt("node-a", new DeliveryAttempt(delivered.id(), 1, DAY0, Duration.ofMillis(3), 200, null,
                    null, "ok"), DeliveryOutcome.delivered(), DAY0);
            pending = single.append(event("evt_2", DAY0.plus(Duration.ofDays(3))), Fixtures.pendingTo("dlv_2", "ep1"))
                    .deliveries().get(0);
            single.append(event("evt_3", DAY0.plus(Duration.ofDays(5))),
                    List.of(new NewDelivery("dlv_3", "ep1", DeliveryStatus.SKIPPED)));
        }
        try (JdbcWebhookStore partitioned = partitioned(to)) {
            partitioned.migrate();
            partitioned.createEventDayPartitions(DAY0, DAY0.plus(Duration.ofDays(5)));
        }

        runScript(from, to);

        try (JdbcWebhookStore partitioned = partitioned(to)) {
            assertThat(partitioned.endpoint(TENANT, "ep1")).contains(endpoint);
            assertThat(partitioned.events(TENANT, EventQuery.between(DAY0.minusSeconds(1), DAY0.plus(Duration.ofDays(6))))
                    .items()).extracting(StoredEvent::id).containsExactly("evt_1", "evt_2", "evt_3");
            assertThat(partitioned.deliveries(TENANT, DeliveryQuery.all()).items()).extracting(Delivery::id)
                    .containsExactlyInAnyOrder("dlv_1", "dlv_2", "dlv_3");
            assertThat(partitioned.attempts(TENANT, "dlv_1")).extracting(DeliveryAttempt::statusCode).containsExactly(200);
            assertThat(partitioned.attemptCounts(TENANT, AttemptCountQuery.hourly(DAY0.minusSeconds(3600),
                    DAY0.plusSeconds(3600)))).isNotEmpty();

            // The pending delivery goes on: claimed, recorded, and its attempt listed after the copied one.
            assertThat(partitioned.claimDue(pending.nextAttemptAt(), 10, "node-b", Duration.ofSeconds(30),
                    java.util.Set.of())).extracting(Delivery::id).containsExactly("dlv_2");
            assertThat(partitioned.recordAttempt("node-b", new DeliveryAttempt("dlv_2", 1, pending.nextAttemptAt(),
                    Duration.ofMillis(2), 204, null, null, ""), DeliveryOutcome.delivered(), pending.nextAttemptAt()))
                    .isTrue();
            assertThat(partitioned.delivery(TENANT, "dlv_2")).map(Delivery::status).contains(DeliveryStatus.DELIVERED);
            // Same-id appends still find the copied events.
            assertThat(partitioned.append(event("evt_1", DAY0), Fixtures.pendingTo("dlv_9", "ep1")).created()).isFalse();
        }
    }

    private static JdbcWebhookStore partitioned(String prefix) {
        return Fixtures.builder().dataSource(TestDatabases.postgres()).tablePrefix(prefix).partitionedByEventDay()
                .build();
    }

    private static StoredEvent event(String id, Instant at) {
        return new StoredEvent(id, TENANT, "email.sent", at, at, "{\"id\":\"" + id + "\"}");
    }

    /** The script as the README says to run it: the prefixes substituted, statement by statement. */
    private static void runScript(String from, String to) throws IOException, SQLException {
        String script;
        try (InputStream in = PartitionedCopyTest.class.getResourceAsStream(SCRIPT)) {
            assertThat(in).as(SCRIPT).isNotNull();
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        StringBuilder statement = new StringBuilder();
        try (Connection connection = TestDatabases.postgres().getConnection(); Statement sql = connection.createStatement()) {
            connection.setAutoCommit(true); // the script's own BEGIN and COMMIT make it one transaction
            for (String line : script.split("\n")) {
                if (line.isBlank() || line.strip().startsWith("--")) {
                    continue;
                }
                statement.append(line.replace("${from}", from).replace("${to}", to)).append('\n');
                if (line.strip().endsWith(";")) {
                    sql.execute(statement.toString());
                    statement.setLength(0);
                }
            }
        }
        assertThat(statement.toString()).isBlank();
        try (Connection connection = TestDatabases.postgres().getConnection(); Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery("SELECT count(*) FROM " + to + "attempts")) {
            rows.next();
            assertThat(rows.getLong(1)).isEqualTo(1);
        }
    }
}
