package com.migomail.webhooks.signing.internal;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;

/**
 * Ed25519 from the JDK, with keys in their RFC 8032 byte encodings: a 32-byte seed for the private
 * key and the 32-byte little-endian point encoding (y, with x's sign in the top bit) for the public
 * key. Stateless and thread-safe: each operation gets its own {@link Signature}, whose cost is
 * small next to the Ed25519 arithmetic itself.
 */
public final class Ed25519 {
    /** Length of a seed or an encoded public key. */
    public static final int KEY_LENGTH = 32;
    /** Length of a signature. */
    public static final int SIGNATURE_LENGTH = 64;
    private static final String ALGORITHM = "Ed25519";

    private Ed25519() {}

    /**
     * A new key pair from the default {@code SecureRandom}.
     *
     * @return a fresh JDK Ed25519 key pair
     * @throws IllegalStateException if this JDK has no Ed25519
     */
    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw unavailable(e);
        }
    }

    /**
     * The private key of a 32-byte seed.
     *
     * @param seed the RFC 8032 private key, {@value #KEY_LENGTH} bytes
     * @return the JDK private key
     * @throws IllegalArgumentException if the seed does not have {@value #KEY_LENGTH} bytes or the JDK
     *     refuses it
     */
    public static PrivateKey privateKey(byte[] seed) {
        requireLength(seed, "seed");
        try {
            return keyFactory().generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 seed", e);
        }
    }

    /**
     * The public key of a 32-byte point encoding.
     *
     * @param encoded the RFC 8032 public key, {@value #KEY_LENGTH} bytes; not modified
     * @return the JDK public key
     * @throws IllegalArgumentException if it does not have {@value #KEY_LENGTH} bytes or the JDK
     *     refuses the point
     */
    public static PublicKey publicKey(byte[] encoded) {
        requireLength(encoded, "public key");
        byte[] bigEndian = new byte[KEY_LENGTH];
        for (int i = 0; i < KEY_LENGTH; i++) {
            bigEndian[i] = encoded[KEY_LENGTH - 1 - i];
        }
        boolean xOdd = (bigEndian[0] & 0x80) != 0;
        bigEndian[0] &= 0x7f;
        EdECPoint point = new EdECPoint(xOdd, new BigInteger(1, bigEndian));
        try {
            return keyFactory().generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519, point));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key", e);
        }
    }

    /**
     * The 32-byte seed of a JDK Ed25519 private key.
     *
     * @param key an Ed25519 private key from the JDK ({@link EdECPrivateKey})
     * @return the seed, a new array
     * @throws IllegalArgumentException if the key does not expose its seed
     * @throws ClassCastException if it is not an {@link EdECPrivateKey}
     */
    public static byte[] seed(PrivateKey key) {
        return ((EdECPrivateKey) key).getBytes()
                .orElseThrow(() -> new IllegalArgumentException("the private key does not expose its seed"));
    }

    /**
     * The 32-byte point encoding of a JDK Ed25519 public key; the inverse of {@link #publicKey}.
     *
     * @param key an Ed25519 public key from the JDK ({@link EdECPublicKey})
     * @return the RFC 8032 encoding, {@value #KEY_LENGTH} bytes, a new array
     * @throws ClassCastException if it is not an {@link EdECPublicKey}
     */
    public static byte[] encode(PublicKey key) {
        EdECPoint point = ((EdECPublicKey) key).getPoint();
        byte[] bigEndian = point.getY().toByteArray();
        byte[] encoded = new byte[KEY_LENGTH];
        // toByteArray is big-endian and may carry a leading sign byte or be shorter than 32 bytes.
        for (int i = 0; i < Math.min(KEY_LENGTH, bigEndian.length); i++) {
            encoded[i] = bigEndian[bigEndian.length - 1 - i];
        }
        if (point.isXOdd()) {
            encoded[KEY_LENGTH - 1] |= (byte) 0x80;
        }
        return encoded;
    }

    /**
     * The signature of the concatenated parts.
     *
     * @param key the Ed25519 private key to sign with
     * @param parts the message, in pieces signed as if concatenated; none is modified
     * @return the signature, {@value #SIGNATURE_LENGTH} bytes
     * @throws IllegalStateException if this JDK has no Ed25519 or refuses the key
     */
    public static byte[] sign(PrivateKey key, byte[]... parts) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(key);
            for (byte[] part : parts) {
                signature.update(part);
            }
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw unavailable(e);
        }
    }

    /**
     * Whether the signature is valid for the concatenated parts; {@code false}, never an exception,
     * for a signature or key the JDK cannot even parse.
     *
     * @param key the Ed25519 public key to verify with
     * @param signature the signature to check; any length other than {@value #SIGNATURE_LENGTH} fails
     * @param parts the message, in pieces verified as if concatenated; none is modified
     * @return whether the signature is valid
     */
    public static boolean verify(PublicKey key, byte[] signature, byte[]... parts) {
        if (signature.length != SIGNATURE_LENGTH) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            for (byte[] part : parts) {
                verifier.update(part);
            }
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException unverifiable) {
            return false;
        }
    }

    private static KeyFactory keyFactory() throws GeneralSecurityException {
        return KeyFactory.getInstance(ALGORITHM);
    }

    private static void requireLength(byte[] bytes, String what) {
        if (bytes.length != KEY_LENGTH) {
            throw new IllegalArgumentException("an Ed25519 " + what + " has 32 bytes, not " + bytes.length);
        }
    }

    private static IllegalStateException unavailable(GeneralSecurityException e) {
        return new IllegalStateException("Ed25519 is unavailable in this JDK (module jdk.crypto.ec missing?)", e);
    }
}
