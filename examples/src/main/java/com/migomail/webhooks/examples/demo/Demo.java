package com.migomail.webhooks.examples.demo;

import com.migomail.webhooks.core.EventCodec;
import com.migomail.webhooks.core.WebhookEvent;
import com.migomail.webhooks.core.WebhookReceiver;
import com.migomail.webhooks.delivery.EndpointAddressPolicy;
import com.migomail.webhooks.delivery.EndpointRegistration;
import com.migomail.webhooks.delivery.PublishReceipt;
import com.migomail.webhooks.delivery.RegisteredEndpoint;
import com.migomail.webhooks.delivery.ReplayReceipt;
import com.migomail.webhooks.delivery.RetrySchedule;
import com.migomail.webhooks.delivery.UnknownIdException;
import com.migomail.webhooks.delivery.WebhookSender;
import com.migomail.webhooks.signing.SignatureScheme;
import com.migomail.webhooks.signing.SigningKeyPair;
import com.migomail.webhooks.signing.WebhookSecret;
import com.migomail.webhooks.signing.WebhookSigner;
import com.migomail.webhooks.signing.WebhookVerifier;
import com.migomail.webhooks.store.Delivery;
import com.migomail.webhooks.store.DeliveryAttempt;
import com.migomail.webhooks.store.DeliveryQuery;
import com.migomail.webhooks.store.EventQuery;
import com.migomail.webhooks.store.TenantId;
import com.migomail.webhooks.store.WebhookStore;
import com.migomail.webhooks.store.jdbc.JdbcWebhookStore;
import com.migomail.webhooks.store.jdbc.KeyEncryptionKey;
import com.migomail.webhooks.store.jdbc.SecretEncryptionKeys;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The {@code demo} command: a sender on an embedded H2 store delivers the events of two tenants,
 * acme (one event of each of the 12 types) and globex (a few), to a verifying receiver on 127.0.0.1,
 * each tenant's to its own endpoints, with retries on a schedule of seconds, a replay and a forged
 * request, then prints a summary from the store's log, per endpoint and per tenant, with the evidence
 * that neither tenant's endpoints received the other's events. Takes a few seconds; leaves nothing
 * behind (its temporary folder is deleted).
 */
public final class Demo {
    /** Retries 1 s, 2 s and 4 s after the first attempt (the default: 1 min, 5 min, 30 min). */
    static final RetrySchedule SCHEDULE = RetrySchedule.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    private static final Duration PATIENCE = Duration.ofSeconds(40);
    private static final int FLAKY_FAILURES = 2;
    /** The platform's two customers. */
    static final TenantId ACME = TenantId.of("acme");
    static final TenantId GLOBEX = TenantId.of("globex");

    private final PrintStream out;
    private final Clock clock = Clock.systemUTC();
    private final long startedNanos = System.nanoTime();
    private final Instant startedAt = clock.instant();
    /** What went wrong before the summary (a refusal that did not happen). */
    private final List<String> problems = new ArrayList<>();
    private volatile Instant deliveringSince;

    private Demo(PrintStream out) {
        this.out = out;
    }

    /**
     * Runs the demo, printing to {@code out}.
     *
     * @param out where the demo prints its progress and result
     * @return 0 if every delivery arrived as expected, 1 otherwise (the reason is printed)
     * @throws UncheckedIOException if the temporary folder or the receiver cannot be created
     */
    public static int run(PrintStream out) {
        Path dir;
        try {
            dir = Files.createTempDirectory("migomail-webhooks-demo-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for the demo's database", e);
        }
        try {
            return new Demo(out).run(dir);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.println("interrupted");
            return 1;
        } finally {
            TempFolder.delete(dir);
        }
    }

    /** A key-encryption key for this run only: the demo's database is deleted when it ends. */
    private static SecretEncryptionKeys demoKeys() {
        byte[] key = new byte[KeyEncryptionKey.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return SecretEncryptionKeys.of(KeyEncryptionKey.of("demo", key));
    }

    private int run(Path dir) throws InterruptedException {
        WebhookSecret secret = WebhookSecret.generate();
        SigningKeyPair keyPair = SigningKeyPair.generate();
        WebhookSecret globexSecret = WebhookSecret.generate();
        DemoListener listener = new DemoListener(this::onTimeline, this::timed);
        try (DemoReceiver receiver = DemoReceiver.start(receivingPaths(secret, keyPair, globexSecret), this::timed);
                JdbcWebhookStore store = JdbcWebhookStore.builder().h2File(dir.resolve("webhooks"))
                        .secretEncryption(demoKeys()).build();
                WebhookSender sender = sender(store, listener)) {
            introduce(dir, receiver);
            step("1. Register endpoints for two tenants (customers of the platform): " + ACME + " and " + GLOBEX);
            List<DemoTenant.NamedEndpoint> acmeEndpoints = registerAcme(sender, receiver, secret, keyPair, listener);
            List<DemoTenant.NamedEndpoint> globexEndpoints = registerGlobex(sender, receiver, globexSecret, listener);
            DemoTenant acme = new DemoTenant(ACME, DemoEvents.oneOfEachType(), acmeEndpoints);
            DemoTenant globex = new DemoTenant(GLOBEX, DemoEvents.forGlobex(), globexEndpoints);
            List<DemoTenant> tenants = List.of(acme, globex);
            int deliveries = publish(sender, tenants);
            deliver(sender, listener, deliveries);
            replay(sender, listener, acme.events().get(1));
            forge(receiver, acme.events().get(0));
            showAttemptLog(sender, acme.events().get(10), acmeEndpoints.get(1).id());
            return summarize(sender, tenants, receiver);
        }
    }

    private static List<DemoReceiver.Path> receivingPaths(WebhookSecret secret, SigningKeyPair keyPair,
            WebhookSecret globexSecret) {
        WebhookReceiver standard = WebhookReceiver.create(WebhookVerifier.builder().key(secret).build());
        WebhookVerifier bodyOnly = WebhookVerifier.builder().key(secret).schemes(SignatureScheme.MIGOMAIL).build();
        // The flaky endpoint signs with Ed25519: its receiver holds only the public key.
        WebhookReceiver asymmetric = WebhookReceiver.create(WebhookVerifier.builder().key(keyPair.publicKey()).build());
        // Globex's receiver knows only globex's secret, as a customer's receiver would.
        WebhookReceiver globex = WebhookReceiver.create(WebhookVerifier.builder().key(globexSecret).build());
        return List.of(
                new DemoReceiver.Path("/acme/healthy", "healthy", standard, "v1", Map.of("sha256", bodyOnly), 0),
                new DemoReceiver.Path("/acme/flaky", "flaky", asymmetric, "v1a", Map.of(), FLAKY_FAILURES),
                new DemoReceiver.Path("/globex/crm", "crm", globex, "v1", Map.of(), 0));
    }

    private WebhookSender sender(WebhookStore store, DemoListener listener) {
        return onLoopback(store)
                .retrySchedule(SCHEDULE)
                .pollInterval(Duration.ofMillis(100))
                .listener(listener)
                .build();
    }

    /** A sender builder for a demo whose receivers are on this machine. */
    static WebhookSender.Builder onLoopback(WebhookStore store) {
        return WebhookSender.builder()
                .store(store)
                // The receiver is on 127.0.0.1, which the default policy (public https only) refuses,
                // as it must in production: endpoint URLs come from customers, and a loopback or
                // private URL would let them reach the sender's own network. A demo on one machine
                // opts in by this explicitly named policy; never use it for customers' endpoints.
                .addressPolicy(EndpointAddressPolicy.allowLoopbackForTesting())
                .shutdownTimeout(Duration.ofSeconds(2));
    }

    private void introduce(Path dir, DemoReceiver receiver) {
        out.println("Migomail Webhooks demo: a sender and a receiver in one process, on 127.0.0.1 only.");
        out.println("  store     embedded H2 database in " + dir + " (deleted at the end)");
        out.println("  receiver  JDK HTTP server at " + receiver.url("") + ", verifying every request");
        out.println("  retries   1 s, 2 s and 4 s after the first attempt (by default 1 min, 5 min and 30 min)");
        out.println("  tenants   " + ACME + " and " + GLOBEX + ", two customers: each has its own endpoints and events");
    }

    private List<DemoTenant.NamedEndpoint> registerAcme(WebhookSender sender, DemoReceiver receiver, WebhookSecret secret,
            SigningKeyPair keyPair, DemoListener listener) {
        out.println("  tenant " + ACME);
        RegisteredEndpoint healthy = sender.registerEndpoint(ACME,
                EndpointRegistration.of(receiver.url("/acme/healthy").toString(), "*").withSigningKey(secret));
        RegisteredEndpoint flaky = sender.registerEndpoint(ACME,
                EndpointRegistration.of(receiver.url("/acme/flaky").toString(), "campaign.*").withSigningKey(keyPair));
        listener.name(healthy.id(), "healthy");
        listener.name(flaky.id(), "flaky");
        out.printf("  healthy  %s  %s  all types (*)%n", healthy.id(), healthy.endpoint().url());
        out.println("           whsec_ secret: signed with both schemes (webhook-signature v1, X-Migomail-Signature)");
        out.printf("  flaky    %s  %s  campaign.*%n", flaky.id(), flaky.endpoint().url());
        out.println("           Ed25519 key pair: signed v1a, the receiver holds only the public whpk_ key;");
        out.println("           answers 500 to the first " + FLAKY_FAILURES + " requests of each event");
        return List.of(new DemoTenant.NamedEndpoint(healthy.id(), "healthy"),
                new DemoTenant.NamedEndpoint(flaky.id(), "flaky"));
    }

    private List<DemoTenant.NamedEndpoint> registerGlobex(WebhookSender sender, DemoReceiver receiver,
            WebhookSecret globexSecret, DemoListener listener) {
        out.println("  tenant " + GLOBEX);
        RegisteredEndpoint crm = sender.registerEndpoint(GLOBEX,
                EndpointRegistration.of(receiver.url("/globex/crm").toString(), "*").withSigningKey(globexSecret));
        listener.name(crm.id(), "crm");
        out.printf("  crm      %s  %s  all types (*)%n", crm.id(), crm.endpoint().url());
        out.println("           a whsec_ secret of its own; its filter matches every event of " + ACME
                + " too, were one sent to it");
        return List.of(new DemoTenant.NamedEndpoint(crm.id(), "crm"));
    }

    private int publish(WebhookSender sender, List<DemoTenant> tenants) {
        step("2. Publish one event of each of the 12 types for " + ACME + " and " + tenants.get(1).events().size()
                + " events for " + GLOBEX + " (stored in H2; the sender is not started yet)");
        int deliveries = 0;
        for (DemoTenant tenant : tenants) {
            out.println("  tenant " + tenant.id());
            for (WebhookEvent event : tenant.events()) {
                PublishReceipt receipt = sender.publish(tenant.id(), event);
                List<String> to = deliveries(sender, tenant.id(), DeliveryQuery.all().withEvent(receipt.eventId())).stream()
                        .map(delivery -> name(tenant, delivery.endpointId()))
                        .toList();
                deliveries += receipt.deliveryIds().size();
                out.printf("  %-21s %s  -> %s%n", event.type(), event.id(), String.join(", ", to));
            }
        }
        return deliveries;
    }

    private static String name(DemoTenant tenant, String endpointId) {
        return tenant.endpoints().stream().filter(endpoint -> endpoint.id().equals(endpointId))
                .map(DemoTenant.NamedEndpoint::name).findFirst().orElse(endpointId);
    }

    private void deliver(WebhookSender sender, DemoListener listener, int deliveries) throws InterruptedException {
        step("3. Start the sender: deliveries, signatures checked by the receiver, retries of the flaky endpoint");
        deliveringSince = clock.instant();
        sender.start();
        await(listener, deliveries, "the deliveries");
    }

    private void replay(WebhookSender sender, DemoListener listener, WebhookEvent event) throws InterruptedException {
        step("4. Replay " + event.type() + " " + event.id() + " of " + ACME
                + " (same body and webhook-id, signed afresh); " + GLOBEX + " asks for it too");
        try {
            sender.replay(GLOBEX, event.id());
            problems.add(GLOBEX + " could replay an event of " + ACME);
            out.println("  " + GLOBEX + "   replay of " + ACME + "'s event was accepted");
        } catch (UnknownIdException e) {
            out.println("  " + GLOBEX + "   replay refused: " + e.getMessage() + " (another tenant's id is unknown to it)");
        }
        ReplayReceipt receipt = sender.replay(ACME, event.id());
        await(listener, receipt.count(), "the replay");
    }

    private void forge(DemoReceiver receiver, WebhookEvent event) throws InterruptedException {
        step("5. A forged request: a real event body, signed with a secret the receiver does not have");
        byte[] body = EventCodec.write(event);
        HttpRequest.Builder request = HttpRequest.newBuilder(receiver.url("/acme/healthy"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        WebhookSigner.create().sign(event.id(), clock.instant().getEpochSecond(), body, List.of(WebhookSecret.generate()))
                .asMap().forEach(request::header);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try {
            HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
            timed("forger   got HTTP " + response.statusCode());
        } catch (IOException e) {
            throw new UncheckedIOException("the forged request could not reach the demo receiver", e);
        }
    }

    private void showAttemptLog(WebhookSender sender, WebhookEvent event, String endpointId) {
        step("6. The attempt log of " + event.type() + " to flaky, read back from the store");
        DeliveryQuery query = DeliveryQuery.all().withEvent(event.id()).withEndpoint(endpointId);
        for (Delivery delivery : deliveries(sender, ACME, query)) {
            List<DeliveryAttempt> attempts = sender.attempts(ACME, delivery.id());
            for (DeliveryAttempt attempt : attempts) {
                double after = Duration.between(attempts.get(0).startedAt(), attempt.startedAt()).toMillis() / 1000.0;
                out.printf("  %s attempt %d  at +%.1f s  %-8s  %d ms%n", delivery.id(), attempt.number(), after,
                        DemoListener.result(attempt), attempt.latency().toMillis());
            }
            out.printf("  %s is %s after %d attempts%n", delivery.id(), delivery.status(), attempts.size());
        }
    }

    private int summarize(WebhookSender sender, List<DemoTenant> tenants, DemoReceiver receiver) {
        EventQuery range = EventQuery.between(startedAt.minus(Duration.ofMinutes(1)), clock.instant().plus(Duration.ofMinutes(1)));
        Summary summary = Summary.of(sender, tenants, range, receiver::processed);
        step("Summary (from the store's log)");
        summary.print(out);
        out.printf("  receiver: %d requests, %d verified, %d refused, %d duplicate acknowledged without processing it again%n",
                receiver.requests(), receiver.verified(), receiver.refused(), receiver.duplicates());
        summary.printTenants(out);
        List<String> problems = new ArrayList<>(this.problems);
        problems.addAll(summary.problems());
        if (receiver.refused() != 1) {
            problems.add("the receiver refused " + receiver.refused() + " requests, expected only the forged one");
        }
        if (receiver.duplicates() != 1) {
            problems.add("the receiver saw " + receiver.duplicates() + " duplicates, expected the one replay");
        }
        problems.forEach(problem -> out.println("unexpected: " + problem));
        out.printf("Done in %.1f s.%n", (System.nanoTime() - startedNanos) / 1e9);
        return problems.isEmpty() ? 0 : 1;
    }

    /** Every delivery of the tenant the query matches, oldest first, over all pages. */
    static List<Delivery> deliveries(WebhookSender sender, TenantId tenant, DeliveryQuery query) {
        List<Delivery> all = new ArrayList<>();
        String cursor = null;
        do {
            var page = sender.deliveries(tenant, query.withCursor(cursor));
            all.addAll(page.items());
            cursor = page.next().orElse(null);
        } while (cursor != null);
        all.sort(Comparator.comparing(Delivery::createdAt));
        return all;
    }

    private void await(DemoListener listener, int count, String what) throws InterruptedException {
        if (!listener.awaitDone(count, PATIENCE)) {
            throw new IllegalStateException(what + " did not finish within " + PATIENCE.toSeconds() + " s");
        }
    }

    private void step(String title) {
        out.println();
        out.println(title);
    }

    /** A line from the sender's or receiver's threads, with the time since the sender started. */
    private void timed(String line) {
        out.printf("  %6s %s%n", onTimeline(clock.instant()), line);
    }

    /** An instant as seconds since the sender started, e.g. {@code 1.25s}. */
    private String onTimeline(Instant instant) {
        Instant since = deliveringSince;
        return String.format("%.2fs", since == null ? 0 : Duration.between(since, instant).toMillis() / 1000.0);
    }
}
