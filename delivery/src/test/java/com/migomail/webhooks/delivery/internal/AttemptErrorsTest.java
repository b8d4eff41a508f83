package com.migomail.webhooks.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AttemptErrorsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void connectionFailuresGetFixedTexts() {
        assertThat(describe(withCause(new ConnectException(), new ClosedChannelException())))
                .isEqualTo("could not connect: connection refused or host unreachable");
        assertThat(describe(new NoRouteToHostException("No route to host: 10.0.0.7")))
                .isEqualTo("could not connect: connection refused or host unreachable");
        assertThat(describe(new HttpConnectTimeoutException("HTTP connect timed out"))).isEqualTo("connect timed out");
        assertThat(describe(withCause(new ConnectException(), new UnresolvedAddressException())))
                .isEqualTo("host did not resolve when connecting");
    }

    @Test
    void aTimeoutNamesTheAttemptTimeoutAndTheSendersOwnDiagnosisStaysAsWritten() {
        assertThat(describe(new TimeoutException())).isEqualTo("no response within PT10S");
        AttemptFailure diagnosed = new AttemptFailure("address check timed out: host x did not resolve within PT5S",
                new TimeoutException());
        assertThat(describe(diagnosed)).isEqualTo("address check timed out: host x did not resolve within PT5S");
        assertThat(AttemptErrors.className(diagnosed)).isEqualTo("java.util.concurrent.TimeoutException");
        assertThat(AttemptErrors.className(new IOException())).isEqualTo("java.io.IOException");
    }

    @Test
    void otherMessagesKeepTheirWordsButLoseTheirAddresses() {
        assertThat(describe(new IOException("HTTP/1.1 header parser received no bytes")))
                .isEqualTo("HTTP/1.1 header parser received no bytes");
        assertThat(describe(new SSLHandshakeException("No subject alternative names matching IP address 10.0.0.7 found")))
                .isEqualTo("TLS failed: No subject alternative names matching IP address <address> found");
        assertThat(describe(new IOException())).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "reset by 10.0.0.7                            | reset by <address>",
        "reset by 10.0.0.7:6379.                      | reset by <address>.",
        "Connect to x [x/192.168.1.20] failed         | Connect to x [x/<address>] failed",
        "peer 0:0:0:0:0:0:0:1 closed                  | peer <address> closed",
        "peer fd00::7%eth0 closed                     | peer <address> closed",
        "peer [::1]:8443 closed                       | peer <address> closed",
        "peer ::ffff:10.0.0.7 closed                  | peer <address> closed",
        "peer 0:0:0:0:0:ffff:10.0.0.7 closed          | peer <address> closed",
        "see Foo::bar and ::                          | see Foo::bar and <address>",
        "at 14:22:31, version 1.2.3, code 5.1.1       | at 14:22:31, version 1.2.3, code 5.1.1",
    })
    void scrubsAddressLiteralsAndTheirPorts(String message, String scrubbed) {
        assertThat(AttemptErrors.scrub(message)).isEqualTo(scrubbed);
    }

    private static String describe(Throwable error) {
        return AttemptErrors.describe(error, TIMEOUT);
    }

    private static Throwable withCause(Throwable error, Throwable cause) {
        error.initCause(cause);
        return error;
    }
}
