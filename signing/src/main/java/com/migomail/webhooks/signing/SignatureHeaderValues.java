package com.migomail.webhooks.signing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The values of the four signature headers, gathered in one pass over the request's header map
 * (names matched as {@code HeaderValues.all} does: trimmed, case-insensitive; null names, lists
 * and values skipped), so that a verification scans the map once instead of once per lookup.
 */
final class SignatureHeaderValues {
    private List<String> id = List.of();
    private List<String> timestamp = List.of();
    private List<String> signature = List.of();
    private List<String> migomail = List.of();

    private SignatureHeaderValues() {}

    static SignatureHeaderValues of(Map<String, List<String>> headers) {
        SignatureHeaderValues found = new SignatureHeaderValues();
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            String name = header.getKey();
            List<String> values = header.getValue();
            if (name != null && values != null) {
                found.collect(name, values);
            }
        }
        return found;
    }

    private void collect(String name, List<String> values) {
        int start = 0;
        int end = name.length();
        while (start < end && name.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && name.charAt(end - 1) <= ' ') {
            end--;
        }
        if (matches(name, start, end, WebhookHeaders.WEBHOOK_ID)) {
            id = addAll(id, values);
        } else if (matches(name, start, end, WebhookHeaders.WEBHOOK_TIMESTAMP)) {
            timestamp = addAll(timestamp, values);
        } else if (matches(name, start, end, WebhookHeaders.WEBHOOK_SIGNATURE)) {
            signature = addAll(signature, values);
        } else if (matches(name, start, end, WebhookHeaders.MIGOMAIL_SIGNATURE)) {
            migomail = addAll(migomail, values);
        }
    }

    /** The same test as {@code name.trim().equalsIgnoreCase(wanted)}, without the substring. */
    private static boolean matches(String name, int start, int end, String wanted) {
        return end - start == wanted.length() && name.regionMatches(true, start, wanted, 0, wanted.length());
    }

    private static List<String> addAll(List<String> into, List<String> values) {
        List<String> result = into;
        for (String value : values) {
            if (value != null) {
                if (result.isEmpty()) {
                    result = new ArrayList<>(2);
                }
                result.add(value);
            }
        }
        return result;
    }

    List<String> id() {
        return id;
    }

    List<String> timestamp() {
        return timestamp;
    }

    List<String> signature() {
        return signature;
    }

    List<String> migomail() {
        return migomail;
    }

    /** Whether any {@code webhook-*} header is present, even with an empty value. */
    boolean hasAnyStandard() {
        return !id.isEmpty() || !timestamp.isEmpty() || !signature.isEmpty();
    }
}
