package com.migomail.webhooks.core.internal;

/** Checks the JSON number grammar (RFC 8259 section 6) without a regex, as it runs on every number read. */
public final class JsonNumbers {
    private JsonNumbers() {}

    /**
     * Whether the text is a JSON number: {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}.
     *
     * @param text the candidate
     * @return true when it is one
     */
    public static boolean isValid(String text) {
        int i = text.startsWith("-") ? 1 : 0;
        if (i < text.length() && text.charAt(i) == '0') {
            i++;
        } else {
            int start = i;
            i = digits(text, i);
            if (i == start) {
                return false;
            }
        }
        if (i < text.length() && text.charAt(i) == '.') {
            int start = ++i;
            i = digits(text, i);
            if (i == start) {
                return false;
            }
        }
        if (i < text.length() && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                i++;
            }
            int start = i;
            i = digits(text, i);
            if (i == start) {
                return false;
            }
        }
        return i == text.length();
    }

    private static int digits(String text, int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        return i;
    }
}
