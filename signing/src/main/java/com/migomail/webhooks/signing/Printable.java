package com.migomail.webhooks.signing;

/** A header value made safe to quote in a message: short, printable ASCII only. */
final class Printable {
    private static final int MAX_LENGTH = 40;

    private Printable() {}

    static String of(String value) {
        StringBuilder printable = new StringBuilder(Math.min(value.length(), MAX_LENGTH) + 3);
        for (int i = 0; i < value.length() && i < MAX_LENGTH; i++) {
            char c = value.charAt(i);
            printable.append(c >= 0x20 && c < 0x7f && c != '"' ? c : '?');
        }
        return value.length() > MAX_LENGTH ? printable.append("...").toString() : printable.toString();
    }
}
