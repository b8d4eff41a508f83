package com.migomail.webhooks.delivery.internal;

import static com.migomail.webhooks.delivery.TestTenants.TENANT;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.migomail.webhooks.delivery.WebhookDeliveryException;
import com.migomail.webhooks.delivery.WebhookRequest;
import com.migomail.webhooks.signing.WebhookSecret;
import com.migomail.webhooks.store.Endpoint;
import com.migomail.webhooks.store.EndpointSecret;
import com.migomail.webhooks.store.StoredEvent;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignedRequestsTest {
    private static final Instant NOW = Instant.parse("2026-01-15T14:22:31Z");
    private static final StoredEvent EVENT = new StoredEvent("evt_1", TENANT, "email.opened", NOW, NOW, "{\"id\":\"evt_1\"}");

    private static final List<InetAddress> CHECKED = List.of(InetAddress.getLoopbackAddress());

    private final SignedRequests requests = new SignedRequests("Test/1.0");

    @Test
    void buildsASignedPostWithTheWireHeadersForTheCheckedAddresses() {
        WebhookRequest request = requests.build(EVENT, endpoint("http://127.0.0.1:8080/hook", NOW.plusSeconds(60)), NOW,
                CHECKED, Duration.ofSeconds(7), Map.of());

        assertThat(request.url()).hasToString("http://127.0.0.1:8080/hook");
        assertThat(request.headers().keySet()).containsExactlyInAnyOrder("Content-Type", "User-Agent",
                "X-Migomail-Event", "X-Migomail-Signature", "webhook-id", "webhook-timestamp", "webhook-signature");
        assertThat(request.headers()).containsEntry("Content-Type", "application/json")
                .containsEntry("User-Agent", "Test/1.0")
                .containsEntry("X-Migomail-Event", "email.opened")
                .containsEntry("webhook-id", "evt_1")
                .containsEntry("webhook-timestamp", String.valueOf(NOW.getEpochSecond()));
        assertThat(request.body()).isEqualTo(EVENT.body());
        assertThat(request.addresses()).isEqualTo(CHECKED);
        assertThat(request.timeout()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void addsTheTracersHeadersBesideTheSendersOwnWhichTheyNeverReplace() {
        WebhookRequest request = requests.build(EVENT, endpoint("http://127.0.0.1:8080/hook", NOW.plusSeconds(60)), NOW,
                CHECKED, Duration.ofSeconds(7), Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                        "webhook-id", "evt_forged"));

        assertThat(request.headers())
                .containsEntry("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .containsEntry("webhook-id", "evt_1")
                .hasSize(8);
    }

    @Test
    void refusesAnEndpointWithoutAnActiveKey() {
        Endpoint expired = endpoint("http://127.0.0.1/hook", NOW.minus(Duration.ofMinutes(1)));

        assertThatThrownBy(() -> requests.build(EVENT, expired, NOW, CHECKED, Duration.ofSeconds(7), Map.of()))
                .isInstanceOf(WebhookDeliveryException.class)
                .hasMessage("endpoint ep_1 has no active signing key");
    }

    private static Endpoint endpoint(String url, Instant keyExpiresAt) {
        EndpointSecret secret = new EndpointSecret(WebhookSecret.generate().encoded(), NOW.minusSeconds(60), keyExpiresAt);
        return new Endpoint("ep_1", TENANT, url, List.of("*"), "", Map.of(), true, List.of(secret), null, null, NOW, NOW);
    }
}
