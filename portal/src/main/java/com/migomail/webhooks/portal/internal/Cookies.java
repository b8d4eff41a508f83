package com.migomail.webhooks.portal.internal;

import java.util.Optional;

/** Reads one cookie out of a request's {@code Cookie} header lines (RFC 6265 {@code name=value; …}). */
public final class Cookies {
    private Cookies() {}

    /**
     * The first cookie of that name.
     *
     * @param headerLines the request's Cookie header values
     * @param name the cookie's name
     * @return its value, without surrounding quotes, or empty
     */
    public static Optional<String> find(Iterable<String> headerLines, String name) {
        for (String line : headerLines) {
            for (String pair : line.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).trim().equals(name)) {
                    String value = pair.substring(eq + 1).trim();
                    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                        value = value.substring(1, value.length() - 1);
                    }
                    return Optional.of(value);
                }
            }
        }
        return Optional.empty();
    }
}
