package com.migomail.webhooks.signing.internal;

import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 under one key, safe to share across threads.
 *
 * <p>{@link Mac} is not thread-safe and {@link Mac#getInstance} is a provider lookup, so the key is
 * initialised once into a prototype that is cloned per use. A provider whose {@code Mac} cannot be
 * cloned gets one initialised instance per thread instead.
 */
public final class HmacSha256 {
    /** Length of an HMAC-SHA256 in bytes. */
    public static final int LENGTH = 32;
    private static final String ALGORITHM = "HmacSHA256";

    private final Mac prototype;
    private final ThreadLocal<Mac> perThread;

    private HmacSha256(Mac prototype, ThreadLocal<Mac> perThread) {
        this.prototype = prototype;
        this.perThread = perThread;
    }

    /**
     * An HMAC under that key (copied).
     *
     * @param key the HMAC key; copied, so later changes to the array do not matter
     * @return a thread-safe HMAC-SHA256 under {@code key}
     * @throws IllegalArgumentException if the key is null or empty
     * @throws IllegalStateException if the JDK's HmacSHA256 is missing or refuses the key
     */
    public static HmacSha256 withKey(byte[] key) {
        SecretKeySpec spec = new SecretKeySpec(key, ALGORITHM);
        Mac prototype = newMac(spec);
        try {
            prototype.clone();
            return new HmacSha256(prototype, null);
        } catch (CloneNotSupportedException notCloneable) {
            return new HmacSha256(null, ThreadLocal.withInitial(() -> newMac(spec)));
        }
    }

    /**
     * A ready {@code Mac} for the calling thread's immediate use: update it, then {@code doFinal}
     * once. Never hand it to another thread or keep it.
     *
     * @return a {@code Mac} initialised with this key
     */
    public Mac acquire() {
        if (perThread != null) {
            return perThread.get();
        }
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException impossible) {
            throw new IllegalStateException("HmacSHA256 stopped supporting clone()", impossible);
        }
    }

    /**
     * The HMAC of the concatenated parts.
     *
     * @param parts the message, in pieces hashed as if concatenated; none is modified
     * @return the HMAC, {@value #LENGTH} bytes
     */
    public byte[] compute(byte[]... parts) {
        Mac mac = acquire();
        for (byte[] part : parts) {
            mac.update(part);
        }
        return mac.doFinal();
    }

    private static Mac newMac(SecretKeySpec spec) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(spec);
            return mac;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no HmacSHA256, which every JDK must provide", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 refused the key", e);
        }
    }
}
