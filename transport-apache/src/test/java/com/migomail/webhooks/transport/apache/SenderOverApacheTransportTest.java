package com.migomail.webhooks.transport.apache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.migomail.webhooks.core.EmailSent;
import com.migomail.webhooks.core.Subscriber;
import com.migomail.webhooks.core.WebhookEvent;
import com.migomail.webhooks.delivery.EndpointAddressPolicy;
import com.migomail.webhooks.delivery.EndpointRegistration;
import com.migomail.webhooks.delivery.WebhookSender;
import com.migomail.webhooks.signing.WebhookVerifier;
import com.migomail.webhooks.store.DeliveryStatus;
import com.migomail.webhooks.store.TenantId;
import com.migomail.webhooks.store.WebhookStore;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A real sender delivering through the transport: the endpoint's host name is one only the address
 * policy's resolver knows, so the request arrives only because the transport connects to the
 * address the policy checked instead of resolving the name again.
 */
class SenderOverApacheTransportTest {
    private static final TenantId TENANT = TenantId.of("acme");

    @Test
    void deliversASignedEventToTheCheckedAddressOfAHostTheJvmCannotResolve() throws Exception {
        List<String> asked = new CopyOnWriteArrayList<>();
        EndpointAddressPolicy policy = EndpointAddressPolicy.allowLoopbackForTesting().withResolver(host -> {
            asked.add(host);
            return List.of(InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1}));
        });
        WebhookStore store = WebhookStore.inMemory();
        try (Receiver receiver = Receiver.http().on("/hook", Receiver.answer(204, "")).start();
                ApacheHttpTransport transport = ApacheHttpTransport.create();
                WebhookSender sender = WebhookSender.builder().store(store).transport(transport).addressPolicy(policy)
                        .build()) {
            sender.start();
            String secret = sender.registerEndpoint(TENANT,
                    EndpointRegistration.of("http://hooks.example.test:" + receiver.port() + "/hook", "*")).key().encoded();
            String deliveryId = sender.publish(TENANT, WebhookEvent.of(EmailSent.builder("msg_1",
                    Subscriber.of("zoe@example.com")).build())).deliveryIds().get(0);

            await().atMost(Duration.ofSeconds(20)).until(
                    () -> store.delivery(TENANT, deliveryId).orElseThrow().status() == DeliveryStatus.DELIVERED);

            Receiver.Received request = receiver.received().get(0);
            assertThat(request.headers()).containsEntry("host", "hooks.example.test:" + receiver.port());
            WebhookVerifier.builder().key(secret).build().verify(
                    Map.of("webhook-id", List.of(request.headers().get("webhook-id")),
                            "webhook-timestamp", List.of(request.headers().get("webhook-timestamp")),
                            "webhook-signature", List.of(request.headers().get("webhook-signature"))),
                    request.body());
            assertThat(asked).containsOnly("hooks.example.test");
        }
    }
}
