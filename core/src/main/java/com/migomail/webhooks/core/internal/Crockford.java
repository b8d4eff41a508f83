package com.migomail.webhooks.core.internal;

import java.util.Arrays;
import java.util.UUID;

/**
 * The TypeID suffix: a UUID's 128 bits, big-endian, in 26 lowercase Crockford base32 characters.
 * 26 characters hold 130 bits, so the first character only carries 3 bits and is {@code 0}–{@code 7}.
 */
public final class Crockford {
    /** Length of an encoded UUID. */
    public static final int LENGTH = 26;

    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private static final byte[] VALUES = new byte[128];

    static {
        Arrays.fill(VALUES, (byte) -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            VALUES[ALPHABET[i]] = (byte) i;
        }
    }

    private Crockford() {}

    /**
     * Encodes a UUID.
     *
     * @param uuid the UUID
     * @return 26 lowercase characters
     */
    public static String encode(UUID uuid) {
        long msb = uuid.getMostSignificantBits();
        long lsb = uuid.getLeastSignificantBits();
        char[] out = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            out[i] = ALPHABET[fiveBitsAt(msb, lsb, 125 - 5 * i)];
        }
        return new String(out);
    }

    // The 5 bits whose lowest bit is bit `shift` of the 128-bit number msb:lsb (bits past 127 are 0).
    private static int fiveBitsAt(long msb, long lsb, int shift) {
        if (shift >= 64) {
            return (int) (msb >>> (shift - 64)) & 31;
        }
        if (shift + 5 <= 64) {
            return (int) (lsb >>> shift) & 31;
        }
        return (int) ((msb << (64 - shift)) | (lsb >>> shift)) & 31;
    }

    /**
     * Whether the text is a valid suffix: 26 characters of the lowercase alphabet, the first 0–7.
     *
     * @param text the candidate, may be null
     * @return true when {@link #decode} accepts it
     */
    public static boolean isValid(CharSequence text) {
        return text != null && text.length() == LENGTH && isValidAt(text, 0);
    }

    /**
     * Whether the text holds a valid suffix from {@code start} to its end, without copying it.
     *
     * @param text the text
     * @param start where the suffix starts
     * @return true when the rest of the text is a valid suffix
     */
    public static boolean isValidAt(CharSequence text, int start) {
        if (text.length() - start != LENGTH || text.charAt(start) > '7') {
            return false;
        }
        for (int i = start; i < text.length(); i++) {
            if (value(text.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Decodes a suffix.
     *
     * @param text 26 characters
     * @return the UUID
     * @throws IllegalArgumentException if the text is not a valid suffix
     */
    public static UUID decode(CharSequence text) {
        if (!isValid(text)) {
            throw new IllegalArgumentException("not 26 lowercase Crockford base32 characters starting with 0-7");
        }
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < LENGTH; i++) {
            msb = (msb << 5) | (lsb >>> 59);
            lsb = (lsb << 5) | value(text.charAt(i));
        }
        return new UUID(msb, lsb);
    }

    private static int value(char c) {
        return c < 128 ? VALUES[c] : -1;
    }
}
