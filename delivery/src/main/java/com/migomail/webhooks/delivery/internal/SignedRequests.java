package com.migomail.webhooks.delivery.internal;

import com.migomail.webhooks.delivery.EndpointAddressPolicy;
import com.migomail.webhooks.delivery.WebhookDeliveryException;
import com.migomail.webhooks.signing.SignatureHeaders;
import com.migomail.webhooks.signing.SigningKey;
import com.migomail.webhooks.signing.WebhookSigner;
import com.migomail.webhooks.store.Endpoint;
import com.migomail.webhooks.store.EndpointSecret;
import com.migomail.webhooks.store.StoredEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds the request of one attempt: checks the endpoint's address again (DNS may have changed) and
 * signs the stored body with the endpoint's active keys. Thread-safe; parsed keys are cached.
 */
final class SignedRequests {
    private static final int KEY_CACHE_LIMIT = 10_000;

    private final EndpointAddressPolicy addressPolicy;
    private final String userAgent;
    private final WebhookSigner signer = WebhookSigner.create();
    private final Map<String, SigningKey> keyCache = new ConcurrentHashMap<>();

    SignedRequests(EndpointAddressPolicy addressPolicy, String userAgent) {
        this.addressPolicy = addressPolicy;
        this.userAgent = userAgent;
    }

    /**
     * The signed POST of the event to the endpoint, timestamped {@code at}.
     *
     * @throws com.migomail.webhooks.delivery.EndpointAddressRejectedException if the policy refuses the URL now
     * @throws WebhookDeliveryException if the endpoint has no key active at {@code at}
     */
    HttpRequest build(StoredEvent event, Endpoint endpoint, Instant at) {
        URI url = URI.create(endpoint.url());
        addressPolicy.check(url);
        byte[] body = event.body().getBytes(StandardCharsets.UTF_8);
        SignatureHeaders signature = signer.sign(event.id(), at.getEpochSecond(), body, keys(endpoint, at));
        // No HttpRequest.timeout: on JDK 17 it covers only the wait for response headers, and racing it
        // against the attempt's own deadline (AttemptExecutor's orTimeout) made the recorded error vary.
        HttpRequest.Builder builder = HttpRequest.newBuilder(url)
                .header("Content-Type", "application/json")
                .header("User-Agent", userAgent)
                .header("X-Migomail-Event", event.type())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        signature.asMap().forEach(builder::header);
        if ("http".equalsIgnoreCase(url.getScheme())) {
            // No h2c upgrade on POST: some servers reject it.
            builder.version(HttpClient.Version.HTTP_1_1);
        }
        return builder.build();
    }

    private List<SigningKey> keys(Endpoint endpoint, Instant at) {
        List<EndpointSecret> active = endpoint.activeSecrets(at);
        if (active.isEmpty()) {
            throw new WebhookDeliveryException("endpoint " + endpoint.id() + " has no active signing key");
        }
        if (keyCache.size() > KEY_CACHE_LIMIT) {
            keyCache.clear();
        }
        // A stored key was accepted when it was registered: a short raw secret taken then (or stored
        // before raw secrets needed 16 bytes) keeps signing.
        return active.stream()
                .map(secret -> keyCache.computeIfAbsent(secret.key(), SigningKey::parseAllowingShortRawSecret))
                .toList();
    }
}
