package com.migomail.webhooks.store.jdbc;

import com.migomail.webhooks.delivery.EndpointAddressPolicy;
import com.migomail.webhooks.delivery.WebhookSender;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.time.Duration;

/**
 * A sender node in its own JVM, for the crash test: {@code <jdbc url> <table prefix> <node id>}.
 * It delivers from the shared PostgreSQL store until it is killed (or its stdin closes), and prints
 * {@code started} once it is running.
 */
public final class SenderNodeMain {

    private SenderNodeMain() {
    }

    public static void main(String[] args) throws IOException {
        HikariDataSource pool = TestDatabases.pool(args[0], 8);
        JdbcWebhookStore store = Fixtures.builder().dataSource(pool).tablePrefix(args[1]).build();
        WebhookSender sender = WebhookSender.builder()
                .store(store)
                .nodeId(args[2])
                .addressPolicy(EndpointAddressPolicy.allowLoopbackForTesting())
                .attemptTimeout(Duration.ofSeconds(5))
                .maxConcurrencyPerEndpoint(SenderNodes.IN_FLIGHT_PER_ENDPOINT)
                .pollInterval(SenderNodes.POLL_INTERVAL)
                .build();
        sender.start();
        System.out.println("started");
        System.out.flush();
        // Runs until killed; should the test JVM die first, its end of stdin closes and so do we.
        while (System.in.read() != -1) {
            continue;
        }
        Runtime.getRuntime().halt(0);
    }
}
