package com.migomail.webhooks.delivery.internal;

import com.migomail.webhooks.core.AutomationCompleted;
import com.migomail.webhooks.core.AutomationTriggered;
import com.migomail.webhooks.core.EmailEventData;
import com.migomail.webhooks.core.EventData;
import com.migomail.webhooks.core.Subscriber;
import com.migomail.webhooks.core.SubscriberCreated;
import com.migomail.webhooks.core.SubscriberUpdated;
import com.migomail.webhooks.store.ErasureStore;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys of the subscriber index: HMAC-SHA256 of the lower-cased address under a secret key,
 * base64url without padding (43 characters). The index so finds a subscriber's events for erasure
 * without holding the address, and without letting anyone who lacks the key test a guessed address
 * against it. The key is the host's, or else the one the store keeps, read once on first use.
 */
final class SubscriberIndex {
    private static final String ALGORITHM = "HmacSHA256";

    private final Supplier<byte[]> keySource;
    private volatile Mac prototype;

    /**
     * @param hostKey the key the host configured, or {@code null} to use the store's
     * @param store the store whose {@link ErasureStore#subscriberIndexKey()} is used without a host key
     */
    SubscriberIndex(byte[] hostKey, ErasureStore store) {
        this.keySource = hostKey != null ? hostKey::clone : store::subscriberIndexKey;
    }

    /** The index key of the subscriber the event data names, or empty for the two types without one. */
    Optional<String> keyOf(EventData data) {
        return subscriberOf(data).map(subscriber -> keyOf(subscriber.email()));
    }

    /** The wire types whose data names a subscriber: the 12 but campaign.sent and campaign.paused. */
    static final java.util.Set<String> SUBSCRIBER_TYPES = java.util.Arrays.stream(com.migomail.webhooks.core.EventType.values())
            .filter(type -> type != com.migomail.webhooks.core.EventType.CAMPAIGN_SENT
                    && type != com.migomail.webhooks.core.EventType.CAMPAIGN_PAUSED)
            .map(com.migomail.webhooks.core.EventType::wireName)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    /**
     * The index key of a stored body: its subscriber's key, or the key of the empty address (which
     * no address erases) for a body that names none or cannot be read, so that it counts as indexed.
     */
    String keyOfBody(String body) {
        try {
            return keyOf(com.migomail.webhooks.core.EventCodec.read(body).data()).orElseGet(() -> keyOf(""));
        } catch (com.migomail.webhooks.core.EventFormatException e) {
            return keyOf("");
        }
    }

    /** The index key of an address, in any letter case. */
    String keyOf(String email) {
        Mac mac = mac();
        byte[] digest = mac.doFinal(email.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    /** The subscriber of the 10 types whose data has one. */
    static Optional<Subscriber> subscriberOf(EventData data) {
        if (data instanceof EmailEventData email) {
            return Optional.of(email.subscriber());
        } else if (data instanceof SubscriberCreated created) {
            return Optional.of(created.subscriber());
        } else if (data instanceof SubscriberUpdated updated) {
            return Optional.of(updated.subscriber());
        } else if (data instanceof AutomationTriggered triggered) {
            return Optional.of(triggered.subscriber());
        } else if (data instanceof AutomationCompleted completed) {
            return Optional.of(completed.subscriber());
        }
        return Optional.empty();
    }

    /** A fresh Mac per use, cloned from one keyed prototype (Mac is not thread-safe). */
    private Mac mac() {
        Mac current = prototype;
        if (current == null) {
            synchronized (this) {
                current = prototype;
                if (current == null) {
                    current = newMac(keySource.get());
                    prototype = current;
                }
            }
        }
        try {
            return (Mac) current.clone();
        } catch (CloneNotSupportedException e) {
            return newMac(keySource.get());
        }
    }

    private static Mac newMac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
