package com.migomail.webhooks.transport.apache;

import static com.migomail.webhooks.transport.apache.Requests.ip;
import static com.migomail.webhooks.transport.apache.Requests.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.migomail.webhooks.delivery.WebhookRequest;
import com.migomail.webhooks.delivery.WebhookResponse;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the transport reads of an answer, and how a slow, endless or missing answer ends. */
class ResponseReadingTest {

    private final ApacheHttpTransport transport = ApacheHttpTransport.create();
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicBoolean writerStopped = new AtomicBoolean();

    @AfterEach
    void close() {
        released.countDown();
        transport.close();
    }

    @Test
    void readsTheStatusRetryAfterAndBody() throws Exception {
        try (Receiver receiver = Receiver.http().on("/hook", exchange -> {
            exchange.getResponseHeaders().add("Retry-After", "120");
            Receiver.answer(503, "busy, ünïcode").handle(exchange);
        }).start()) {
            assertThat(send(receiver, Duration.ofSeconds(10))).isEqualTo(new WebhookResponse(503, "120", "busy, ünïcode"));
        }
    }

    @Test
    void anAnswerWithoutABodyHasAnEmptyExcerpt() throws Exception {
        try (Receiver receiver = Receiver.http().on("/hook", Receiver.answer(204, "")).start()) {
            assertThat(send(receiver, Duration.ofSeconds(10))).isEqualTo(new WebhookResponse(204, null, ""));
        }
    }

    @Test
    void readsTheFirst4KiBOfAnEndlessBodyAndThenClosesTheConnection() throws Exception {
        try (Receiver receiver = Receiver.http().on("/hook", writeForever(200, 1024, Duration.ZERO)).start()) {
            long start = System.nanoTime();

            WebhookResponse response = send(receiver, Duration.ofSeconds(30));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.bodyExcerpt()).isEqualTo("x".repeat(WebhookResponse.MAX_EXCERPT_BYTES));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
            await().atMost(Duration.ofSeconds(10)).untilTrue(writerStopped);
        }
    }

    @Test
    void aSuccessWhoseBodyTricklesCompletesNormallyAtTheDeadlineWithWhatArrived() throws Exception {
        try (Receiver receiver = Receiver.http().on("/hook", writeForever(200, 1, Duration.ofMillis(50))).start()) {
            long start = System.nanoTime();

            WebhookResponse response = send(receiver, Duration.ofMillis(1500));

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(1400), Duration.ofSeconds(5));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.bodyExcerpt()).matches("x+").hasSizeLessThan(WebhookResponse.MAX_EXCERPT_BYTES);
            await().atMost(Duration.ofSeconds(10)).untilTrue(writerStopped);
        }
    }

    @Test
    void failsWithATimeoutWhenNoStatusArrivesInTime() throws Exception {
        try (Receiver receiver = Receiver.http().on("/hook", exchange -> awaitRelease()).start()) {
            long start = System.nanoTime();

            assertThatThrownBy(() -> send(receiver, Duration.ofMillis(800)))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isExactlyInstanceOf(TimeoutException.class).hasMessage(null);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(700), Duration.ofSeconds(5));
        }
    }

    @Test
    void cancellingTheFutureAbortsTheExchange() throws Exception {
        CountDownLatch answering = new CountDownLatch(1);
        try (Receiver receiver = Receiver.http().on("/hook", exchange -> {
            answering.countDown();
            writeForever(200, 1, Duration.ofMillis(20)).handle(exchange);
        }).start()) {
            CompletableFuture<WebhookResponse> future = transport.send(request(receiver, Duration.ofSeconds(60)));
            assertThat(answering.await(20, TimeUnit.SECONDS)).isTrue();

            assertThat(future.cancel(true)).isTrue();

            await().atMost(Duration.ofSeconds(10)).untilTrue(writerStopped);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 302, 303, 307, 308})
    void doesNotFollowARedirect(int status) throws Exception {
        try (Receiver receiver = Receiver.http()
                .on("/hook", exchange -> {
                    exchange.getResponseHeaders().add("Location", "/elsewhere");
                    Receiver.answer(status, "").handle(exchange);
                })
                .on("/elsewhere", Receiver.answer(200, "followed")).start()) {
            assertThat(send(receiver, Duration.ofSeconds(10))).isEqualTo(new WebhookResponse(status, null, ""));
            assertThat(receiver.received()).extracting(Receiver.Received::uri).containsExactly("/hook");
        }
    }

    private WebhookResponse send(Receiver receiver, Duration timeout) throws Exception {
        return transport.send(request(receiver, timeout)).get(30, TimeUnit.SECONDS);
    }

    private static WebhookRequest request(Receiver receiver, Duration timeout) {
        return post("http://hooks.example.test:" + receiver.port() + "/hook", List.of(ip("127.0.0.1")), timeout);
    }

    /** Sends the status, then chunks of x until the client goes away (then notes that it stopped). */
    private HttpHandler writeForever(int status, int chunk, Duration pause) {
        return exchange -> {
            byte[] bytes = "x".repeat(chunk).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            // The status too: a client that went away before it was written stopped the writer as well.
            try (OutputStream out = exchange.getResponseBody()) {
                exchange.sendResponseHeaders(status, 0);
                while (released.getCount() > 0) {
                    out.write(bytes);
                    out.flush();
                    if (!pause.isZero() && released.await(pause.toMillis(), TimeUnit.MILLISECONDS)) {
                        return;
                    }
                }
            } catch (IOException closedByClient) {
                writerStopped.set(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    private void awaitRelease() {
        try {
            released.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
