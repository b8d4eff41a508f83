package com.migomail.webhooks.core;

import com.migomail.webhooks.core.internal.Crockford;
import com.migomail.webhooks.core.internal.Texts;
import com.migomail.webhooks.core.internal.UuidV7;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A TypeID (github.com/jetify-com/typeid): a prefix, {@code _}, and 26 lowercase Crockford base32
 * characters of a UUID, e.g. {@code evt_01j8x4k7q3c9v2m5n8p0r6s1td}.
 *
 * <p>Generated ids carry a UUIDv7, so their text sorts by creation time; ids generated in the same
 * millisecond in this JVM still sort in creation order. {@link #parse} accepts any UUID, as the
 * TypeID spec does. The prefix is 1 to 63 characters of {@code a-z} and {@code _}, starting and
 * ending with a letter (this library always uses one; the spec's empty prefix is not accepted).
 *
 * <p>Immutable and thread-safe. Natural order: by prefix, then by the UUID as an unsigned 128-bit
 * number, which for ids of one prefix is the order of their text and, for UUIDv7, of their time.
 *
 * @param prefix the type prefix, e.g. {@code evt}
 * @param uuid the UUID, normally a UUIDv7
 */
public record TypeId(String prefix, UUID uuid) implements Comparable<TypeId> {
    private static final int MAX_PREFIX_LENGTH = 63;

    /**
     * Validates.
     *
     * @param prefix the type prefix, e.g. {@code evt}
     * @param uuid the UUID, normally a UUIDv7
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the prefix is not a valid TypeID prefix
     */
    public TypeId {
        Objects.requireNonNull(prefix, "prefix cannot be null");
        Objects.requireNonNull(uuid, "uuid cannot be null");
        if (!isValidPrefix(prefix)) {
            throw new IllegalArgumentException("prefix must be 1 to 63 characters of a-z and _, "
                    + "starting and ending with a letter: \"" + prefix + "\"");
        }
    }

    /**
     * A new id with the current time of the system UTC clock.
     *
     * @param prefix the type prefix
     * @return a new id with a UUIDv7
     * @throws IllegalArgumentException if the prefix is invalid
     */
    public static TypeId generate(String prefix) {
        return generate(prefix, Clock.systemUTC());
    }

    /**
     * A new id whose UUIDv7 carries the clock's time in milliseconds.
     *
     * @param prefix the type prefix
     * @param clock the time source
     * @return a new id with a UUIDv7
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the prefix is invalid or the time is before 1970
     */
    public static TypeId generate(String prefix, Clock clock) {
        Objects.requireNonNull(clock, "clock cannot be null");
        return new TypeId(prefix, UuidV7.generate(clock.millis()));
    }

    /**
     * Parses {@code prefix_suffix}; the prefix is everything before the last {@code _}.
     *
     * @param text the id
     * @return the id
     * @throws NullPointerException if {@code text} is null
     * @throws IllegalArgumentException if the text is not a TypeID, with the reason
     */
    public static TypeId parse(String text) {
        Objects.requireNonNull(text, "text cannot be null");
        int separator = text.lastIndexOf('_');
        if (separator < 0) {
            throw new IllegalArgumentException("TypeID has no prefix_ separator: " + quote(text));
        }
        String prefix = text.substring(0, separator);
        if (!isValidPrefix(prefix)) {
            throw new IllegalArgumentException("TypeID prefix must be 1 to 63 characters of a-z and _, "
                    + "starting and ending with a letter: " + quote(text));
        }
        String suffix = text.substring(separator + 1);
        if (!Crockford.isValid(suffix)) {
            throw new IllegalArgumentException("TypeID suffix must be 26 lowercase Crockford base32 "
                    + "characters, the first 0-7: " + quote(text));
        }
        return new TypeId(prefix, Crockford.decode(suffix));
    }

    /**
     * Parses an id that must have a given prefix.
     *
     * @param text the id
     * @param expectedPrefix the prefix it must have, e.g. {@code evt}
     * @return the id
     * @throws IllegalArgumentException if the text is not a TypeID or has another prefix
     */
    public static TypeId parse(String text, String expectedPrefix) {
        TypeId id = parse(text);
        if (!id.prefix.equals(expectedPrefix)) {
            throw new IllegalArgumentException(
                    "TypeID must have prefix " + expectedPrefix + ", got " + quote(text));
        }
        return id;
    }

    /**
     * Whether the text is a valid TypeID (any prefix, any UUID).
     *
     * @param text the candidate, may be null
     * @return true when {@link #parse(String)} accepts it
     */
    public static boolean isValid(String text) {
        if (text == null) {
            return false;
        }
        int separator = text.lastIndexOf('_');
        return separator > 0 && isValidPrefix(text, separator) && Crockford.isValidAt(text, separator + 1);
    }

    /**
     * Whether the text is a valid TypeID with that prefix. Checked in place: it runs on every
     * event read.
     *
     * @param text the candidate, may be null
     * @param expectedPrefix the prefix it must have
     * @return true when {@link #parse(String, String)} accepts it
     */
    public static boolean isValid(String text, String expectedPrefix) {
        int separator = expectedPrefix.length();
        return text != null
                && text.length() == separator + 1 + Crockford.LENGTH
                && text.startsWith(expectedPrefix)
                && text.charAt(separator) == '_'
                && isValidPrefix(expectedPrefix, separator)
                && Crockford.isValidAt(text, separator + 1);
    }

    /**
     * The 26-character suffix.
     *
     * @return the encoded UUID
     */
    public String suffix() {
        return Crockford.encode(uuid);
    }

    /**
     * The creation time carried by the UUIDv7, in milliseconds.
     *
     * @return the time
     * @throws IllegalStateException if the UUID is not version 7 and carries no time
     */
    public Instant timestamp() {
        if (uuid.version() != 7) {
            throw new IllegalStateException("TypeID " + this + " holds a version " + uuid.version()
                    + " UUID, which carries no time");
        }
        return Instant.ofEpochMilli(uuid.getMostSignificantBits() >>> 16);
    }

    /**
     * Compares by prefix, then by the UUID as an unsigned 128-bit number (for one prefix, the order
     * of the text).
     *
     * @param other the other id
     * @return negative, zero or positive
     */
    @Override
    public int compareTo(TypeId other) {
        int byPrefix = prefix.compareTo(other.prefix);
        if (byPrefix != 0) {
            return byPrefix;
        }
        int byHigh = Long.compareUnsigned(uuid.getMostSignificantBits(), other.uuid.getMostSignificantBits());
        return byHigh != 0
                ? byHigh
                : Long.compareUnsigned(uuid.getLeastSignificantBits(), other.uuid.getLeastSignificantBits());
    }

    /**
     * The id's text.
     *
     * @return {@code prefix_suffix}
     */
    @Override
    public String toString() {
        return prefix + '_' + suffix();
    }

    private static boolean isValidPrefix(String prefix) {
        return isValidPrefix(prefix, prefix.length());
    }

    // Whether text[0, length) is a valid prefix.
    private static boolean isValidPrefix(String prefix, int length) {
        if (length == 0 || length > MAX_PREFIX_LENGTH
                || !isLetter(prefix.charAt(0)) || !isLetter(prefix.charAt(length - 1))) {
            return false;
        }
        for (int i = 1; i < length - 1; i++) {
            char c = prefix.charAt(i);
            if (!isLetter(c) && c != '_') {
                return false;
            }
        }
        return true;
    }

    private static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static String quote(String text) {
        return Texts.quote(text);
    }
}
