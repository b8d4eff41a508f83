package com.migomail.webhooks.store.jdbc;

import static com.migomail.webhooks.store.jdbc.SenderNodes.IN_FLIGHT_PER_ENDPOINT;
import static com.migomail.webhooks.store.jdbc.SenderNodes.eventIdsLeasedTo;
import static com.migomail.webhooks.store.jdbc.SenderNodes.ms;
import static com.migomail.webhooks.store.jdbc.SenderNodes.sender;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.migomail.webhooks.delivery.WebhookSender;
import com.migomail.webhooks.store.DeliveryQuery;
import com.migomail.webhooks.store.DeliveryStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default survives {@code kill -9}: a sender on {@link JdbcWebhookStore.Builder#h2File(Path)}
 * in a child JVM publishes while it delivers, and is killed the moment its last {@code publish}
 * returns. Every event that {@code publish} confirmed must be in the file afterwards, and a new
 * sender over the file delivers all of them, repeating only what was in flight at the kill.
 */
class H2SigkillIT {

    private static final int EVENTS = 2_000;

    @TempDir
    Path dir;

    @RepeatedTest(3)
    void everyEventConfirmedBeforeSigkillIsStoredAndDeliveredAfterRestart() throws Exception {
        Path file = dir.resolve("webhooks");
        try (LoopbackReceiver receiver = LoopbackReceiver.start()) {
            Set<String> confirmed = publishAndKill(file, receiver.url());
            int receivedAtKill = receiver.distinctEvents();

            try (JdbcWebhookStore store = Fixtures.h2File(file)) {
                Set<String> missing = new LinkedHashSet<>(confirmed);
                missing.removeIf(id -> store.event(Fixtures.TENANT, id).isPresent());
                Set<String> leasedAtKill = eventIdsLeasedTo(store, H2PublishingNodeMain.NODE_ID);

                // The dead node's leases (1 minute) have not run out: the successor's clock runs ahead.
                Clock later = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(1).plusSeconds(1));
                long start = System.nanoTime();
                try (WebhookSender successor = sender(store, "successor", later, new AtomicInteger())) {
                    successor.start();
                    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                            .until(() -> pending(store) == 0);
                }
                System.out.printf("[store-jdbc] H2 SIGKILL: %d events confirmed, %d received before the kill,"
                        + " %d missing from the file, %d leased to the dead node, %d duplicates;"
                        + " successor finished in %d ms%n", confirmed.size(), receivedAtKill, missing.size(),
                        leasedAtKill.size(), receiver.duplicated().size(),
                        ms(System.nanoTime() - start));

                assertThat(confirmed).as("every publish returned before the kill").hasSize(EVENTS);
                assertThat(missing).as("confirmed events missing from the store after the crash").isEmpty();
                assertThat(receiver.eventIds()).as("every confirmed event delivered").containsAll(confirmed);
                assertThat(leasedAtKill).as("at most the per-endpoint concurrency was in flight")
                        .hasSizeLessThanOrEqualTo(IN_FLIGHT_PER_ENDPOINT);
                assertThat(receiver.duplicated()).as("only attempts in flight at the kill repeat")
                        .isSubsetOf(leasedAtKill);
            }
        }
    }

    /** Runs the publishing node and SIGKILLs it as soon as it prints {@code done}; the ids it confirmed. */
    private static Set<String> publishAndKill(Path file, String receiverUrl) throws IOException, InterruptedException {
        Process node = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), H2PublishingNodeMain.class.getName(),
                file.toString(), receiverUrl, Integer.toString(EVENTS))
                .redirectErrorStream(true)
                .start();
        Set<String> confirmed = new LinkedHashSet<>();
        StringBuilder other = new StringBuilder();
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = output.readLine()) != null && !line.equals("done")) {
                if (line.startsWith("published ")) {
                    confirmed.add(line.substring("published ".length()));
                } else {
                    other.append(line).append('\n');
                }
            }
            node.destroyForcibly(); // SIGKILL on Linux, right after the last publish returned
            if (line == null) {
                throw new IllegalStateException("the publishing node ended before it was done:\n" + other);
            }
        } finally {
            node.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        return confirmed;
    }

    private static int pending(JdbcWebhookStore store) {
        return store.deliveries(Fixtures.TENANT, DeliveryQuery.all().withStatuses(Set.of(DeliveryStatus.PENDING))).items().size();
    }
}
