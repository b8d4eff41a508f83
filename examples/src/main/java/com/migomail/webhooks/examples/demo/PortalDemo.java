package com.migomail.webhooks.examples.demo;

import com.migomail.webhooks.core.WebhookEvent;
import com.migomail.webhooks.core.WebhookReceiver;
import com.migomail.webhooks.delivery.DeliveryListener;
import com.migomail.webhooks.delivery.EndpointRegistration;
import com.migomail.webhooks.delivery.RetrySchedule;
import com.migomail.webhooks.delivery.WebhookSender;
import com.migomail.webhooks.portal.PortalServer;
import com.migomail.webhooks.portal.WebhookPortal;
import com.migomail.webhooks.signing.WebhookSecret;
import com.migomail.webhooks.signing.WebhookVerifier;
import com.migomail.webhooks.store.Delivery;
import com.migomail.webhooks.store.DeliveryAttempt;
import com.migomail.webhooks.store.TenantId;
import com.migomail.webhooks.store.WebhookStore;
import com.migomail.webhooks.store.jdbc.JdbcWebhookStore;
import com.migomail.webhooks.store.jdbc.KeyEncryptionKey;
import com.migomail.webhooks.store.jdbc.SecretEncryptionKeys;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The {@code portal} command: the demo's sender on an embedded H2 store with a week of history for
 * two tenants (deliveries that succeeded, were retried and failed), and the portal on 127.0.0.1 with
 * a magic link for each tenant. The history is made by senders whose clocks run days and hours
 * behind, so the portal's charts have something to show; it takes a few seconds. Runs until stopped;
 * leaves nothing behind (its temporary folder is deleted).
 */
public final class PortalDemo {
    /** How long ago each round of events was published, oldest first. */
    static final List<Duration> ROUNDS = List.of(Duration.ofDays(6), Duration.ofDays(4), Duration.ofDays(2),
            Duration.ofHours(20), Duration.ofHours(9), Duration.ofHours(3), Duration.ofMinutes(40));
    private static final Duration HISTORY = ROUNDS.get(0);
    /** Retries within a second, so that a round's failures end before the next round. */
    private static final RetrySchedule FAST = RetrySchedule.of(Duration.ofMillis(100), Duration.ofMillis(200),
            Duration.ofMillis(300));
    private static final Duration SETTLE = Duration.ofSeconds(30);
    private static final Duration LINK_TTL = Duration.ofHours(1);
    static final TenantId ACME = TenantId.of("acme");
    static final TenantId GLOBEX = TenantId.of("globex");
    /** Each receiving path's secret, which its endpoint signs with. */
    private static final Map<String, WebhookSecret> SECRETS = Map.of(
            "/acme/orders", WebhookSecret.generate(),
            "/acme/crm", WebhookSecret.generate(),
            "/acme/legacy", WebhookSecret.generate(),
            "/globex/crm", WebhookSecret.generate(),
            "/globex/warehouse", WebhookSecret.generate());


    private final PrintStream out;
    private final Clock clock = Clock.systemUTC();

    private PortalDemo(PrintStream out) {
        this.out = out;
    }

    /**
     * Runs the demo until a line {@code q} (or the end of input after it) is read from {@code in};
     * an empty line prints fresh links.
     *
     * @param port the portal's port on 127.0.0.1; 0 for any free one
     * @param in where stop and new-link requests are read
     * @param out where the demo prints
     * @return 0 once stopped
     * @throws UncheckedIOException if the temporary folder, the receiver or the portal cannot be created
     */
    public static int run(int port, InputStream in, PrintStream out) {
        Path dir;
        try {
            dir = Files.createTempDirectory("migomail-webhooks-portal-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for the demo's database", e);
        }
        try {
            return new PortalDemo(out).run(dir, port, in);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.println("interrupted");
            return 1;
        } finally {
            TempFolder.delete(dir);
        }
    }

    private int run(Path dir, int port, InputStream in) throws InterruptedException {
        try (DemoReceiver receiver = DemoReceiver.start(receivingPaths(), line -> { });
                JdbcWebhookStore store = JdbcWebhookStore.builder().h2File(dir.resolve("webhooks"))
                        .secretEncryption(demoKeys()).build()) {
            out.println("Migomail Webhooks portal demo, on 127.0.0.1 only.");
            out.println("  store     embedded H2 database in " + dir + " (deleted at the end)");
            out.println("  receiver  JDK HTTP server at " + receiver.url("") + ", verifying every request");
            register(store, receiver);
            for (Duration ago : ROUNDS) {
                publishRound(store, ago);
            }
            out.println("  history   " + ROUNDS.size() + " rounds of events, from " + ROUNDS.get(0).toDays()
                    + " days to " + ROUNDS.get(ROUNDS.size() - 1).toMinutes() + " minutes ago");
            try (WebhookSender sender = sender(store, clock)) {
                sender.start();
                return serve(sender, port, in);
            }
        }
    }

    /** acme: one healthy endpoint, one that fails twice per event, one that always fails; globex: two. */
    private static List<DemoReceiver.Path> receivingPaths() {
        return List.of(
                path("/acme/orders", "orders", 0),
                path("/acme/crm", "crm", 2),
                path("/acme/legacy", "legacy", Integer.MAX_VALUE),
                path("/globex/crm", "globex-crm", 0),
                path("/globex/warehouse", "warehouse", 1));
    }

    /**
     * A receiver verifying its endpoint's signatures. Its tolerance spans the history: the senders
     * that make it sign with clocks days behind (a real receiver keeps the default 5 minutes).
     */
    private static DemoReceiver.Path path(String path, String name, int failFirst) {
        WebhookReceiver accepting = WebhookReceiver.create(WebhookVerifier.builder().key(SECRETS.get(path))
                .tolerance(HISTORY.plusDays(1)).build());
        return new DemoReceiver.Path(path, name, accepting, "v1", Map.of(), failFirst);
    }

    private void register(WebhookStore store, DemoReceiver receiver) {
        try (WebhookSender sender = sender(store, Clock.offset(clock, ROUNDS.get(0).plusHours(1).negated()))) {
            endpoint(sender, receiver, ACME, "/acme/orders", "Order service", "*");
            endpoint(sender, receiver, ACME, "/acme/crm", "CRM sync (answers 500 twice per event)", "email.*",
                    "subscriber.*");
            endpoint(sender, receiver, ACME, "/acme/legacy", "Legacy reports (always answers 500)", "campaign.sent",
                    "email.bounced");
            endpoint(sender, receiver, GLOBEX, "/globex/crm", "CRM", "*");
            endpoint(sender, receiver, GLOBEX, "/globex/warehouse", "Warehouse (answers 500 once per event)",
                    "email.clicked", "campaign.*");
        }
        out.println("  tenants   " + ACME + " (3 endpoints, one always failing) and " + GLOBEX + " (2 endpoints)");
    }

    private static void endpoint(WebhookSender sender, DemoReceiver receiver, TenantId tenant, String path,
            String description, String... types) {
        sender.registerEndpoint(tenant, EndpointRegistration.of(receiver.url(path).toString(), types)
                .withDescription(description).withSigningKey(SECRETS.get(path)));
    }

    /** Publishes acme's 12 events and globex's 4 as of {@code ago} ago, and waits until every delivery has ended. */
    private void publishRound(WebhookStore store, Duration ago) throws InterruptedException {
        Clock then = Clock.offset(clock, ago.negated());
        Semaphore ended = new Semaphore(0);
        DeliveryListener endings = new DeliveryListener() {
            @Override
            public void onDelivered(Delivery delivery, DeliveryAttempt attempt) {
                ended.release();
            }

            @Override
            public void onFailed(Delivery delivery, DeliveryAttempt attempt) {
                ended.release();
            }

            @Override
            public void onSkipped(Delivery delivery) {
                ended.release();
            }
        };
        // Event timestamps are whole seconds on the wire.
        Instant at = then.instant().truncatedTo(ChronoUnit.SECONDS);
        try (WebhookSender sender = sender(store, then, endings)) {
            sender.start();
            int deliveries = 0;
            for (WebhookEvent event : DemoEvents.oneOfEachType()) {
                deliveries += sender.publish(ACME, new WebhookEvent(event.id(), at, event.data()))
                        .deliveryIds().size();
            }
            for (WebhookEvent event : DemoEvents.forGlobex()) {
                deliveries += sender.publish(GLOBEX, new WebhookEvent(event.id(), at, event.data()))
                        .deliveryIds().size();
            }
            if (!ended.tryAcquire(deliveries, SETTLE.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the demo's deliveries did not end within " + SETTLE);
            }
        }
    }

    private static WebhookSender sender(WebhookStore store, Clock clock) {
        return sender(store, clock, new DeliveryListener() { });
    }

    private static WebhookSender sender(WebhookStore store, Clock clock, DeliveryListener listener) {
        return Demo.onLoopback(store)
                .clock(clock)
                .retrySchedule(FAST)
                .pollInterval(Duration.ofMillis(50))
                .listener(listener)
                .build();
    }

    private int serve(WebhookSender sender, int port, InputStream in) {
        WebhookPortal portal = WebhookPortal.builder().sender(sender).build();
        try (PortalServer server = PortalServer.start(portal,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
            out.println("  portal    " + server.url());
            printLinks(server);
            out.println("Each link works once, for an hour. Press Enter for new links; type q and Enter to stop.");
            waitForQuit(server, in);
            out.println("Stopped.");
            return 0;
        }
    }

    private void printLinks(PortalServer server) {
        for (TenantId tenant : List.of(ACME, GLOBEX)) {
            out.printf("  %-8s  %s%n", tenant, server.linkFor(tenant, LINK_TTL));
        }
    }

    private void waitForQuit(PortalServer server, InputStream in) {
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        try {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.strip().equalsIgnoreCase("q")) {
                    return;
                }
                printLinks(server);
            }
            // No more input (started in the background): serve until the process is stopped.
            new CountDownLatch(1).await();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read standard input", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A key-encryption key for this run only: the demo's database is deleted when it ends. */
    private static SecretEncryptionKeys demoKeys() {
        byte[] key = new byte[KeyEncryptionKey.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return SecretEncryptionKeys.of(KeyEncryptionKey.of("demo", key));
    }
}
