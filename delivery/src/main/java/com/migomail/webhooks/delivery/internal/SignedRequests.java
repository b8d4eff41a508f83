package com.migomail.webhooks.delivery.internal;

import com.migomail.webhooks.delivery.WebhookDeliveryException;
import com.migomail.webhooks.delivery.WebhookRequest;
import com.migomail.webhooks.signing.SignatureHeaders;
import com.migomail.webhooks.signing.SigningKey;
import com.migomail.webhooks.signing.WebhookSigner;
import com.migomail.webhooks.store.Endpoint;
import com.migomail.webhooks.store.EndpointSecret;
import com.migomail.webhooks.store.StoredEvent;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Builds the request of one attempt: signs the stored body with the endpoint's active keys, for the
 * addresses the policy has just checked. Thread-safe; parsed keys are cached.
 */
final class SignedRequests {
    private static final int KEY_CACHE_LIMIT = 10_000;

    private final String userAgent;
    private final WebhookSigner signer = WebhookSigner.create();
    private final Map<String, SigningKey> keyCache = new ConcurrentHashMap<>();
    /** Parsed endpoint URLs: every attempt needs its endpoint's, for the address check and the request. */
    private final Map<String, URI> uriCache = new ConcurrentHashMap<>();

    SignedRequests(String userAgent) {
        this.userAgent = userAgent;
    }

    /**
     * The signed POST of the event to the endpoint, timestamped {@code at}.
     *
     * @param addresses what the policy allowed for the endpoint's host just before
     * @param timeout what is left of the attempt's deadline
     * @param extraHeaders the tracer's headers, checked already; none of them is one of the sender's own
     * @throws WebhookDeliveryException if the endpoint has no key active at {@code at}
     */
    WebhookRequest build(StoredEvent event, Endpoint endpoint, Instant at, List<InetAddress> addresses,
            Duration timeout, Map<String, String> extraHeaders) {
        byte[] body = event.body().getBytes(StandardCharsets.UTF_8);
        SignatureHeaders signature = signer.sign(event.id(), at.getEpochSecond(), body, keys(endpoint, at));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", userAgent);
        headers.put("X-Migomail-Event", event.type());
        headers.putAll(signature.asMap());
        extraHeaders.forEach(headers::putIfAbsent);
        return new WebhookRequest(uri(endpoint.url()), headers, event.body(), addresses, timeout);
    }

    /**
     * The URL parsed, as {@link URI#create} parses it.
     *
     * @throws IllegalArgumentException if it is not a URI
     */
    URI uri(String url) {
        return cached(uriCache, url, URI::create);
    }

    private List<SigningKey> keys(Endpoint endpoint, Instant at) {
        List<EndpointSecret> active = endpoint.activeSecrets(at);
        if (active.isEmpty()) {
            throw new WebhookDeliveryException("endpoint " + endpoint.id() + " has no active signing key");
        }
        // A stored key was accepted when it was registered: a short raw secret taken then (or stored
        // before raw secrets needed 16 bytes) keeps signing.
        return active.stream()
                .map(secret -> cached(keyCache, secret.key(), SigningKey::parseAllowingShortRawSecret))
                .toList();
    }

    /** What {@code parse} makes of the text, kept in {@code cache}, which starts over when full. */
    private static <T> T cached(Map<String, T> cache, String text, Function<String, T> parse) {
        if (cache.size() > KEY_CACHE_LIMIT) {
            cache.clear();
        }
        return cache.computeIfAbsent(text, parse);
    }
}
