package com.migomail.webhooks.store;

import java.util.Objects;

/**
 * One customer account of the host, named by the host's own id: 1 to {@value #MAX_LENGTH}
 * characters of {@code [A-Za-z0-9._:-]}. Every endpoint belongs to exactly one tenant and every
 * event is published for exactly one; an event reaches only its tenant's endpoints, and every
 * listing, replay and deletion is scoped to one tenant.
 *
 * <p>Immutable; equal when the values are equal (case-sensitive). {@link #toString()} is the value,
 * so a tenant id prints as the host's own id.
 *
 * @param value the host's id of the account
 */
public record TenantId(String value) implements Comparable<TenantId> {

    /** The longest tenant id, in characters. */
    public static final int MAX_LENGTH = 64;

    /**
     * Validates the value.
     *
     * @param value the host's id of the account: 1 to {@value #MAX_LENGTH} characters of
     *     {@code [A-Za-z0-9._:-]}
     * @throws NullPointerException if {@code value} is null
     * @throws IllegalArgumentException if {@code value} is empty, too long or holds another
     *     character; the message says which and where
     */
    public TenantId {
        Objects.requireNonNull(value, "tenant id cannot be null");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("tenant id cannot be empty (1 to " + MAX_LENGTH
                    + " characters of [A-Za-z0-9._:-])");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("tenant id is " + value.length() + " characters long, at most "
                    + MAX_LENGTH + " are allowed: \"" + value.substring(0, 16) + "…\"");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!isAllowed(c)) {
                throw new IllegalArgumentException("tenant id \"" + printable(value) + "\" has "
                        + describe(c) + " at index " + i + "; only [A-Za-z0-9._:-] are allowed");
            }
        }
    }

    /**
     * The tenant with that id.
     *
     * @param value the host's id of the account: 1 to {@value #MAX_LENGTH} characters of
     *     {@code [A-Za-z0-9._:-]}
     * @return the tenant id
     * @throws NullPointerException if {@code value} is null
     * @throws IllegalArgumentException if {@code value} is not a valid tenant id
     */
    public static TenantId of(String value) {
        return new TenantId(value);
    }

    /**
     * Orders by value, in UTF-16 code unit order (for the allowed characters, ASCII order).
     *
     * @param other the tenant to compare with
     * @return negative, zero or positive as this id sorts before, equal to or after {@code other}
     */
    @Override
    public int compareTo(TenantId other) {
        return value.compareTo(other.value);
    }

    /**
     * The value.
     *
     * @return the host's id of the account, as given
     */
    @Override
    public String toString() {
        return value;
    }

    private static boolean isAllowed(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == ':' || c == '-';
    }

    private static String describe(char c) {
        return c < 0x20 || c == 0x7f || c > 0x7e
                ? String.format("the character U+%04X", (int) c)
                : "'" + c + "'";
    }

    /** The value with control characters escaped, so a bad id cannot forge lines in a log. */
    private static String printable(String value) {
        StringBuilder out = new StringBuilder();
        value.chars().forEach(c -> out.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return out.toString();
    }
}
