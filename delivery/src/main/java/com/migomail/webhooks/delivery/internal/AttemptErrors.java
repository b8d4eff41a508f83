package com.migomail.webhooks.delivery.internal;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * What the attempt log records of a failed attempt. The endpoint's owner reads that log, so the
 * text must not tell them more than their URL does: exception messages of HTTP clients can name the
 * address a host resolved to and its port ({@code Connect to https://x:6379 [x/10.0.0.7] failed}),
 * which would let an endpoint whose DNS points inside the sender's network map it. Connection
 * failures get a fixed text, any other message has its address literals replaced, and the sender's
 * own diagnoses ({@link AttemptFailure}) are recorded as written. The class is always the error's own.
 */
final class AttemptErrors {
    /** Where an address literal was removed from a message. */
    static final String ADDRESS = "<address>";

    private static final String HEX = "[0-9A-Fa-f]{1,4}";
    private static final String V4 = "\\d{1,3}(?:\\.\\d{1,3}){3}";
    private static final String SCOPE = "(?:%\\w+)?";
    /** Not inside a longer word or number, before and after. */
    private static final String START = "(?<![\\w:.])";
    private static final String END = "(?![\\w:]|\\.\\d)";
    private static final Pattern ADDRESS_LITERAL = Pattern.compile(String.join("|",
            // [v6]:port, as URLs and socket addresses print it
            "\\[[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*" + SCOPE + "\\](?::\\d{1,5})?",
            // v6 in full, as InetAddress.getHostAddress prints it, with or without a v4 tail
            START + "(?:(?:" + HEX + ":){7}" + HEX + "|(?:" + HEX + ":){6}" + V4 + ")" + SCOPE + END,
            // compressed v6 (::1, fd00::7, ::ffff:10.0.0.7)
            START + "(?:" + HEX + "(?::" + HEX + ")*)?::(?:(?:" + HEX + ":)*(?:" + V4 + "|" + HEX + "))?" + SCOPE + END,
            // v4, with its port
            START + V4 + "(?::\\d{1,5})?" + END));

    private AttemptErrors() {}

    /** The error's class as the log records it: the cause of a sender's own diagnosis, else the error. */
    static String className(Throwable error) {
        return (error instanceof AttemptFailure ? error.getCause() : error).getClass().getName();
    }

    /**
     * The recorded text of an error.
     *
     * @param attemptTimeout the attempt's deadline, which a timeout without a diagnosis of its own names
     */
    static String describe(Throwable error, Duration attemptTimeout) {
        if (error instanceof AttemptFailure) {
            return error.getMessage();
        }
        if (error instanceof TimeoutException) {
            return "no response within " + attemptTimeout;
        }
        if (error instanceof HttpConnectTimeoutException
                || (error instanceof ConnectException && hasCause(error, SocketTimeoutException.class))) {
            return "connect timed out";
        }
        if (hasCause(error, UnresolvedAddressException.class) || hasCause(error, UnknownHostException.class)) {
            return "host did not resolve when connecting";
        }
        if (error instanceof ConnectException || error instanceof NoRouteToHostException) {
            return "could not connect: connection refused or host unreachable";
        }
        if (error instanceof SSLException) {
            return "TLS failed: " + scrub(error.getMessage());
        }
        return error.getMessage() == null ? null : scrub(error.getMessage());
    }

    /** The message with every IPv4 and IPv6 literal (and the port after it) replaced by {@value #ADDRESS}. */
    static String scrub(String message) {
        return message == null ? "" : ADDRESS_LITERAL.matcher(message).replaceAll(ADDRESS);
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
