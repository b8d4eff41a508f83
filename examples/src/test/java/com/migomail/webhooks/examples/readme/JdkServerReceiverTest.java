package com.migomail.webhooks.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import com.migomail.webhooks.core.EmailSent;
import com.migomail.webhooks.core.EventCodec;
import com.migomail.webhooks.core.Subscriber;
import com.migomail.webhooks.core.WebhookEvent;
import com.migomail.webhooks.core.WebhookReceiver;
import com.migomail.webhooks.signing.SigningKey;
import com.migomail.webhooks.signing.WebhookSigner;
import com.migomail.webhooks.signing.WebhookVerifier;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The README's JDK server receiver, on loopback: it answers, and never reads more than an event can be. */
class JdkServerReceiverTest {
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        WebhookReceiver receiver = WebhookReceiver.create(WebhookVerifier.builder().key(SECRET).build());
        server = JdkServerReceiver.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), receiver);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void acceptsASignedEvent() throws Exception {
        WebhookEvent event = WebhookEvent.of(EmailSent.builder("msg_1", Subscriber.of("zoe@example.com")).build());

        assertThat(post(event.id(), EventCodec.write(event)).statusCode()).isEqualTo(204);
    }

    @Test
    void refusesABodyLargerThanAnyEventWithoutReadingIt() throws Exception {
        // Just over the 1 MiB limit: the receiver reads 1 MiB + 1 byte and refuses, and the JDK server
        // drains the unread rest (it drains up to 64 KiB on close). A far larger body would be cut off
        // with the connection, which can reset it before the client has read the 413.
        byte[] body = new byte[(1 << 20) + (16 << 10)];
        body[0] = '{';

        assertThat(post("evt_01j8x4k7q3c9v2m5n8p0r6s1td", body).statusCode()).isEqualTo(413);
    }

    @Test
    void refusesABodyNotSignedWithTheKey() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(url()).header("webhook-id", "evt_1")
                .header("webhook-timestamp", Long.toString(Instant.now().getEpochSecond()))
                .header("webhook-signature", "v1,AAAA").POST(HttpRequest.BodyPublishers.ofString("{}")).build();

        assertThat(client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(401);
    }

    private HttpResponse<Void> post(String id, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url()).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        WebhookSigner.create().sign(id, Instant.now().getEpochSecond(), body, List.of(SigningKey.parse(SECRET)))
                .asMap().forEach(request::header);
        return client.send(request.build(), HttpResponse.BodyHandlers.discarding());
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/migomail");
    }
}
