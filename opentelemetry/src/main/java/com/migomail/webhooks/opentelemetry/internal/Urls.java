package com.migomail.webhooks.opentelemetry.internal;

import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What the span records of an endpoint URL: never its user info, nor the values of its query. */
final class Urls {
    private Urls() {}

    /**
     * The URL without user info or fragment, each query value replaced by {@code REDACTED} (a
     * parameter without {@code =}, which may be a token itself, replaced whole).
     */
    static String redacted(URI url) {
        StringBuilder text = new StringBuilder().append(url.getScheme()).append("://").append(url.getRawAuthority()
                .substring(url.getRawUserInfo() == null ? 0 : url.getRawUserInfo().length() + 1));
        if (url.getRawPath() != null) {
            text.append(url.getRawPath());
        }
        if (url.getRawQuery() != null) {
            text.append('?').append(Arrays.stream(url.getRawQuery().split("&", -1))
                    .map(parameter -> parameter.indexOf('=') < 0 ? "REDACTED"
                            : parameter.substring(0, parameter.indexOf('=')) + "=REDACTED")
                    .collect(Collectors.joining("&")));
        }
        return text.toString();
    }

    static String host(URI url) {
        String host = url.getHost();
        // server.address holds an IPv6 literal without its brackets.
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** The explicit port, else the scheme's default. */
    static int port(URI url) {
        if (url.getPort() != -1) {
            return url.getPort();
        }
        return "http".equals(url.getScheme().toLowerCase(Locale.ROOT)) ? 80 : 443;
    }
}
