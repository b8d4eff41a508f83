package com.migomail.webhooks.core.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The wire timestamp {@code yyyy-MM-ddTHH:mm:ssZ}: RFC 3339, UTC, whole seconds. Hand-rolled
 * because it is on every event's read and write path, and strict so that what is read is written
 * back byte for byte.
 */
public final class Timestamps {
    private static final String PATTERN = "0000-00-00T00:00:00Z";

    private Timestamps() {}

    /**
     * Formats a whole-second instant of years 0000–9999.
     *
     * @param instant the time
     * @return e.g. {@code 2025-01-15T14:22:31Z}
     */
    public static String format(Instant instant) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        char[] out = PATTERN.toCharArray();
        put(out, 0, t.getYear(), 4);
        put(out, 5, t.getMonthValue(), 2);
        put(out, 8, t.getDayOfMonth(), 2);
        put(out, 11, t.getHour(), 2);
        put(out, 14, t.getMinute(), 2);
        put(out, 17, t.getSecond(), 2);
        return new String(out);
    }

    private static void put(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /**
     * Parses the wire format.
     *
     * @param text the candidate
     * @return the instant
     * @throws IllegalArgumentException if the text does not have the exact format or is no real
     *     date and time (e.g. February 30)
     */
    public static Instant parse(String text) {
        if (!hasShape(text)) {
            throw new IllegalArgumentException(Texts.quote(text)
                    + " is not a UTC time in whole seconds like 2025-01-15T14:22:31Z");
        }
        try {
            LocalDateTime t = LocalDateTime.of(number(text, 0, 4), number(text, 5, 2), number(text, 8, 2),
                    number(text, 11, 2), number(text, 14, 2), number(text, 17, 2));
            return t.toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(Texts.quote(text) + " is not a valid date and time", e);
        }
    }

    private static boolean hasShape(String text) {
        if (text.length() != PATTERN.length()) {
            return false;
        }
        for (int i = 0; i < PATTERN.length(); i++) {
            char expected = PATTERN.charAt(i);
            char actual = text.charAt(i);
            boolean ok = expected == '0' ? actual >= '0' && actual <= '9' : actual == expected;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static int number(String text, int at, int width) {
        int value = 0;
        for (int i = at; i < at + width; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }
}
