package com.migomail.webhooks.examples.readme;

import com.migomail.webhooks.core.WebhookEvent;
import com.migomail.webhooks.delivery.EndpointAddressPolicy;
import com.migomail.webhooks.delivery.PublishReceipt;
import com.migomail.webhooks.delivery.RegisteredEndpoint;
import com.migomail.webhooks.delivery.ReplayRequest;
import com.migomail.webhooks.delivery.RetrySchedule;
import com.migomail.webhooks.delivery.WebhookSender;
import com.migomail.webhooks.signing.SigningKeyPair;
import com.migomail.webhooks.signing.WebhookSecret;
import com.migomail.webhooks.store.AttemptCount;
import com.migomail.webhooks.store.AttemptCountQuery;
import com.migomail.webhooks.store.Delivery;
import com.migomail.webhooks.store.DeliveryAttempt;
import com.migomail.webhooks.store.DeliveryQuery;
import com.migomail.webhooks.store.TenantId;
import com.migomail.webhooks.store.WebhookStore;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The README's sender configuration, rotation, endpoint and replay, attempt-log and dashboard examples. */
final class SenderExamples {
    private SenderExamples() {}

    static WebhookSender configured(WebhookStore store) {
        WebhookSender sender = WebhookSender.builder()
                .store(store)
                .retrySchedule(RetrySchedule.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30))
                        .withJitter(0.1))                      // the default schedule, spread by ±10 %
                .attemptTimeout(Duration.ofSeconds(10))
                .maxConcurrency(64)
                .maxConcurrencyPerEndpoint(8)
                .addressPolicy(EndpointAddressPolicy.publicHttpsOnly())
                .retention(Duration.ofDays(30))
                .build();
        return sender;
    }

    static WebhookSender behindEgressProxy(WebhookStore store) {
        WebhookSender sender = WebhookSender.builder()
                .store(store)
                .egressProxy(new InetSocketAddress("egress.internal", 3128))   // must refuse internal addresses itself
                .build();
        return sender;
    }

    static String rotate(WebhookSender sender, TenantId tenant, String endpointId) {
        RegisteredEndpoint rotated = sender.rotateSecret(tenant, endpointId);   // new whsec_, old one valid 24 h
        String newSecret = rotated.key().encoded();

        sender.rotateSecret(tenant, endpointId, WebhookSecret.generate(), Duration.ZERO);      // after a leak: old keys retired now
        sender.rotateSecret(tenant, endpointId, SigningKeyPair.generate(), Duration.ofDays(7)); // move to Ed25519 (v1a)
        return newSecret;
    }

    static void operate(WebhookSender sender, TenantId tenant, String endpointId, String eventId, Instant from,
            Instant to) {
        sender.disableEndpoint(tenant, endpointId, "customer asked to pause");   // new deliveries are SKIPPED
        sender.enableEndpoint(tenant, endpointId);                               // also clears the health mark

        sender.replay(tenant, eventId);                  // to every endpoint that had a delivery of it
        sender.replay(tenant, eventId, endpointId);      // to one endpoint (even one registered later)
        sender.replay(tenant, ReplayRequest.between(from, to)  // by event timestamp, [from, to)
                .withTypes(Set.of("email.bounced"))
                .withEndpoints(Set.of(endpointId))
                .onlyFailedOrSkipped());                       // or .withStatuses(...)
    }

    static void attemptLog(WebhookSender sender, TenantId tenant, String eventId) {
        for (Delivery delivery : sender.deliveries(tenant, DeliveryQuery.all().withEvent(eventId)).items()) {
            System.out.println(delivery.endpointId() + ": " + delivery.status());
            for (DeliveryAttempt attempt : sender.attempts(tenant, delivery.id())) {
                System.out.println("  #" + attempt.number() + " " + attempt.startedAt() + " "
                        + (attempt.statusCode() != null ? attempt.statusCode() : attempt.errorClass())
                        + " in " + attempt.latency().toMillis() + " ms");
            }
        }
    }

    static void dashboard(WebhookSender sender, TenantId tenant, String endpointId, WebhookEvent example, Instant from,
            Instant to) {
        int toReplay = sender.countReplay(tenant, ReplayRequest.between(from, to).onlyFailedOrSkipped());  // shown before confirming
        PublishReceipt test = sender.sendTest(tenant, endpointId, example);  // one delivery, to that endpoint only
        List<AttemptCount> perHour = sender.attemptCounts(tenant, AttemptCountQuery.hourly(from, to));
        Optional<DeliveryAttempt> last = sender.latestAttempt(tenant, endpointId);
        for (AttemptCount hour : perHour) {
            System.out.println(hour.bucketStart() + " " + hour.endpointId() + ": " + hour.succeeded() + " ok, "
                    + hour.retried() + " retried, " + hour.failed() + " failed");
        }
    }
}
