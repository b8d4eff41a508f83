package com.migomail.webhooks.store.jdbc;

import com.migomail.webhooks.delivery.EndpointAddressPolicy;
import com.migomail.webhooks.delivery.WebhookSender;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * A sender node in its own JVM, for the crash test: {@code <jdbc url> <table prefix> <node id>}.
 * It delivers from the shared PostgreSQL store until it is killed, and prints {@code started} once
 * it is running.
 */
public final class SenderNodeMain {

    private SenderNodeMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        HikariDataSource pool = TestDatabases.pool(args[0], 8);
        JdbcWebhookStore store = JdbcWebhookStore.builder().dataSource(pool).tablePrefix(args[1]).build();
        WebhookSender sender = WebhookSender.builder()
                .store(store)
                .nodeId(args[2])
                .addressPolicy(EndpointAddressPolicy.allowLoopbackForTesting())
                .attemptTimeout(Duration.ofSeconds(5))
                .maxConcurrencyPerEndpoint(MultiSenderDeliveryTest.IN_FLIGHT_PER_ENDPOINT)
                .pollInterval(MultiSenderDeliveryTest.POLL_INTERVAL)
                .build();
        sender.start();
        System.out.println("started");
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
