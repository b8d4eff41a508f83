package com.migomail.webhooks.transport.apache;

import static com.migomail.webhooks.transport.apache.Requests.ip;
import static com.migomail.webhooks.transport.apache.Requests.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.migomail.webhooks.delivery.WebhookResponse;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.StandardConstants;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TLS names the URL's host, not the checked address it connects to: the server name sent (SNI) and
 * the name the certificate must carry are the host name.
 */
class TlsHostnameTest {
    private static KeyStore forLocalhost;
    private static KeyStore forExampleTest;
    private static KeyStore forTheAddressOnly;

    private final List<String> serverNamesSeen = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void certificates() throws Exception {
        forLocalhost = TestCertificates.load("localhost");
        forExampleTest = TestCertificates.load("example-test");
        forTheAddressOnly = TestCertificates.load("address-only");
    }

    @Test
    void aCertificateForTheHostNameIsAcceptedAndTheHostNameIsTheServerName() throws Exception {
        try (Receiver server = serving(forExampleTest)) {
            WebhookResponse response = send(forExampleTest, "https://example.test:" + server.port() + "/hook");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(serverNamesSeen).containsExactly("example.test");
        }
    }

    @Test
    void aTrustedCertificateForAnotherNameFailsHostnameVerification() throws Exception {
        try (Receiver server = serving(forLocalhost)) {
            // The same certificate is fine for its own name, so trust is not what fails below.
            assertThat(send(forLocalhost, "https://localhost:" + server.port() + "/hook").statusCode()).isEqualTo(200);

            assertThatThrownBy(() -> send(forLocalhost, "https://example.test:" + server.port() + "/hook"))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining("example.test");
            assertThat(server.received()).hasSize(1);
        }
    }

    @Test
    void aCertificateForTheConnectedAddressIsNotACertificateForTheHostName() throws Exception {
        try (Receiver server = serving(forTheAddressOnly)) {
            assertThatThrownBy(() -> send(forTheAddressOnly, "https://example.test:" + server.port() + "/hook"))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(SSLHandshakeException.class);
            assertThat(server.received()).isEmpty();
        }
    }

    private WebhookResponse send(KeyStore trusted, String url) throws Exception {
        try (ApacheHttpTransport transport = ApacheHttpTransport.builder()
                .sslContext(TestCertificates.trusting(trusted)).build()) {
            return transport.send(post(url, List.of(ip("127.0.0.1")), Duration.ofSeconds(10))).get(20, TimeUnit.SECONDS);
        }
    }

    private Receiver serving(KeyStore certificate) throws Exception {
        SSLContext context = TestCertificates.serving(certificate);
        return Receiver.https(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters parameters = context.getDefaultSSLParameters();
                parameters.setSNIMatchers(List.of(new SNIMatcher(StandardConstants.SNI_HOST_NAME) {
                    @Override
                    public boolean matches(SNIServerName name) {
                        serverNamesSeen.add(new SNIHostName(name.getEncoded()).getAsciiName());
                        return true;
                    }
                }));
                params.setSSLParameters(parameters);
            }
        }).on("/hook", Receiver.answer(200, "ok")).start();
    }
}
