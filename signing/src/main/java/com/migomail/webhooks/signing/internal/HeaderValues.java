package com.migomail.webhooks.signing.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads request headers the way servlet containers, Spring and the JDK hand them over. */
public final class HeaderValues {
    private HeaderValues() {}

    /**
     * Every value of the header, looked up case-insensitively across all keys that match; null
     * keys (the JDK's status line), null lists and null values are skipped.
     *
     * @param headers request headers, name to values; names are compared after trimming
     * @param name the header name, in any case
     * @return the values in map and list order, a new mutable list; empty when the header is absent
     */
    public static List<String> all(Map<String, List<String>> headers, String name) {
        List<String> values = new ArrayList<>(2);
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey() != null && header.getKey().trim().equalsIgnoreCase(name) && header.getValue() != null) {
                for (String value : header.getValue()) {
                    if (value != null) {
                        values.add(value);
                    }
                }
            }
        }
        return values;
    }

    /**
     * The value without leading and trailing HTTP optional whitespace (spaces and tabs only).
     * {@link String#trim()} would also drop control characters, so a signature with a stray control
     * character at its end would be read as if it had none.
     *
     * @param value a header value
     * @return {@code value} without leading and trailing spaces and tabs
     */
    public static String trimOws(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && isOws(value.charAt(start))) {
            start++;
        }
        while (end > start && isOws(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(start, end);
    }

    private static boolean isOws(char c) {
        return c == ' ' || c == '\t';
    }

    /**
     * Whether the header is present at all, even with an empty value.
     *
     * @param headers request headers, read as {@link #all} reads them
     * @param name the header name, in any case
     * @return whether {@code headers} holds at least one non-null value for {@code name}
     */
    public static boolean present(Map<String, List<String>> headers, String name) {
        return !all(headers, name).isEmpty();
    }
}
