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

    /** Whether the header is present at all, even with an empty value. */
    public static boolean present(Map<String, List<String>> headers, String name) {
        return !all(headers, name).isEmpty();
    }
}
