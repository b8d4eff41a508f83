package com.migomail.webhooks.delivery.internal;

import static com.migomail.webhooks.delivery.TestTenants.TENANT;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.migomail.webhooks.delivery.EndpointAddressPolicy;
import com.migomail.webhooks.delivery.EndpointAddressRejectedException;
import com.migomail.webhooks.delivery.WebhookDeliveryException;
import com.migomail.webhooks.signing.WebhookSecret;
import com.migomail.webhooks.store.Endpoint;
import com.migomail.webhooks.store.EndpointSecret;
import com.migomail.webhooks.store.StoredEvent;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignedRequestsTest {
    private static final Instant NOW = Instant.parse("2026-01-15T14:22:31Z");
    private static final StoredEvent EVENT = new StoredEvent("evt_1", TENANT, "email.opened", NOW, NOW, "{\"id\":\"evt_1\"}");

    private final SignedRequests requests = new SignedRequests(EndpointAddressPolicy.allowLoopbackForTesting(), "Test/1.0");

    @Test
    void buildsASignedPostWithTheWireHeadersAndNoTimeoutOfItsOwn() {
        HttpRequest request = requests.build(EVENT, endpoint("http://127.0.0.1:8080/hook", NOW.plusSeconds(60)), NOW);

        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.uri()).hasToString("http://127.0.0.1:8080/hook");
        // The attempt's deadline is AttemptExecutor's alone (on JDK 17 this one would cover only headers).
        assertThat(request.timeout()).isEmpty();
        assertThat(request.headers().map().keySet()).containsExactlyInAnyOrder("Content-Type", "User-Agent",
                "X-Migomail-Event", "X-Migomail-Signature", "webhook-id", "webhook-timestamp", "webhook-signature");
        assertThat(request.headers().firstValue("User-Agent")).contains("Test/1.0");
        assertThat(request.headers().firstValue("X-Migomail-Event")).contains("email.opened");
        assertThat(request.headers().firstValue("webhook-id")).contains("evt_1");
        assertThat(request.headers().firstValue("webhook-timestamp")).contains(String.valueOf(NOW.getEpochSecond()));
        assertThat(request.bodyPublisher().orElseThrow().contentLength()).isEqualTo(EVENT.body().length());
    }

    @Test
    void pinsHttp11ForPlainHttpAndLeavesHttpsToTheClient() {
        assertThat(requests.build(EVENT, endpoint("http://127.0.0.1/hook", null), NOW).version())
                .contains(HttpClient.Version.HTTP_1_1);
        assertThat(requests.build(EVENT, endpoint("https://127.0.0.1/hook", null), NOW).version()).isEmpty();
    }

    @Test
    void refusesAnEndpointWithoutAnActiveKey() {
        Endpoint expired = endpoint("http://127.0.0.1/hook", NOW.minus(Duration.ofMinutes(1)));

        assertThatThrownBy(() -> requests.build(EVENT, expired, NOW))
                .isInstanceOf(WebhookDeliveryException.class)
                .hasMessage("endpoint ep_1 has no active signing key");
    }

    @Test
    void checksTheAddressAgainAtSendTime() {
        SignedRequests strict = new SignedRequests(EndpointAddressPolicy.publicHttpsOnly(), "Test/1.0");

        assertThatThrownBy(() -> strict.build(EVENT, endpoint("http://127.0.0.1/hook", null), NOW))
                .isInstanceOf(EndpointAddressRejectedException.class);
    }

    private static Endpoint endpoint(String url, Instant keyExpiresAt) {
        EndpointSecret secret = new EndpointSecret(WebhookSecret.generate().encoded(), NOW.minusSeconds(60), keyExpiresAt);
        return new Endpoint("ep_1", TENANT, url, List.of("*"), "", Map.of(), true, List.of(secret), null, null, NOW, NOW);
    }
}
