package com.migomail.webhooks.examples.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.migomail.webhooks.signing.SigningKey;
import com.migomail.webhooks.signing.WebhookSigner;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code listen} over real HTTP on 127.0.0.1. */
class ListenCommandTest {
    private static final String SECRET = SignCommandTest.SECRET;
    private static final Pattern LISTENING = Pattern.compile("Listening on (http://127\\.0\\.0\\.1:\\d+/) ");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final CompletableFuture<Void> stop = new CompletableFuture<>();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private CompletableFuture<Integer> listening;
    private URI url;
    private String event;

    @BeforeEach
    void listen() throws IOException {
        try (InputStream golden = getClass().getResourceAsStream("/email.opened.json")) {
            event = new String(golden.readAllBytes(), UTF_8);
        }
        listening = start("--port", "0", "--secret", SECRET);
        await().atMost(Duration.ofSeconds(10)).until(() -> LISTENING.matcher(text(out)).find());
        Matcher matcher = LISTENING.matcher(text(out));
        assertThat(matcher.find()).isTrue();
        url = URI.create(matcher.group(1) + "hooks/migomail");
    }

    @AfterEach
    void stopListening() {
        stop.complete(null);
        assertThat(listening.join()).isZero();
    }

    @Test
    void acceptsAndPrintsASignedEvent() throws Exception {
        HttpResponse<String> response = post(event, signed(event, Instant.now().getEpochSecond(), SECRET));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(text(out)).containsPattern(
                "\\d\\d:\\d\\d:\\d\\d POST /hooks/migomail -> 200 email.opened evt_01jhn8wygrfgz8ybavd8e9w3t2\n" + Pattern.quote(event) + "\n");
        assertThat(text(err)).isEmpty();
    }

    @Test
    void marksAnEventReceivedAgainAsADuplicate() throws Exception {
        List<String> headers = signed(event, Instant.now().getEpochSecond(), SECRET);
        post(event, headers);
        post(event, headers);

        assertThat(text(out)).contains("-> 200 email.opened evt_01jhn8wygrfgz8ybavd8e9w3t2 (duplicate id: a retry or replay");
    }

    @Test
    void refusesAWrongSignatureWith401AndPrintsWhy() throws Exception {
        HttpResponse<String> response = post(event, signed(event, Instant.now().getEpochSecond(), "whsec_" + "A".repeat(32)));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).startsWith("NO_MATCHING_SIGNATURE: no signature in webhook-signature matches");
        assertThat(text(err)).containsPattern(
                "\\d\\d:\\d\\d:\\d\\d POST /hooks/migomail -> 401 refused: NO_MATCHING_SIGNATURE: no signature in webhook-signature matches");
        assertThat(text(out)).doesNotContain("-> 200");
    }

    @Test
    void refusesAnOldTimestampAndMissingHeadersWith401() throws Exception {
        assertThat(post(event, signed(event, Instant.now().getEpochSecond() - 3600, SECRET)).statusCode()).isEqualTo(401);
        assertThat(post(event, List.of()).statusCode()).isEqualTo(401);

        assertThat(text(err)).contains("-> 401 refused: TIMESTAMP_TOO_OLD: ").contains("-> 401 refused: MISSING_HEADER: ");
    }

    @Test
    void refusesASignedBodyThatIsNotAnEventWith400() throws Exception {
        HttpResponse<String> response = post("[1,2]", signed("[1,2]", Instant.now().getEpochSecond(), SECRET));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(text(err)).contains("POST /hooks/migomail -> 400 refused: the signature is valid, but the body is not an event: ");
    }

    @Test
    void refusesOtherMethodsWith405() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
        assertThat(text(err)).contains("GET /hooks/migomail -> 405 refused: webhooks are sent with POST");
    }

    @Test
    void reportsAPortInUseWithoutAStackTrace() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Cli.Result result = Cli.run("listen", "--port", Integer.toString(taken.getLocalPort()), "--secret", SECRET);

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).startsWith("error: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": ")
                    .doesNotContain("\tat ");
        }
    }

    @Test
    void reportsUsageErrors() {
        assertUsageError(Cli.run("listen", "--secret", SECRET), "error: missing --port");
        assertUsageError(Cli.run("listen", "--port", "8080"), "error: missing --secret, --secret-file or the environment variable MIGOMAIL_WEBHOOK_SECRET\n");
        assertUsageError(Cli.run("listen", "--port", "70000", "--secret", SECRET),
                "error: --port must be a number from 0 to 65535, not '70000'");
        assertUsageError(Cli.run("listen", "--port", "http", "--secret", SECRET),
                "error: --port must be a number from 0 to 65535, not 'http'");
        assertUsageError(Cli.run("listen", "--port", "8080", "--secret", "whsec_!!"),
                "error: --secret: a whsec_ key must be followed by standard base64");
        assertUsageError(Cli.run("listen", "--port", "8080", "--secret", SECRET, "--scheme", "github"),
                "error: --scheme must be standard, migomail or any, not 'github'");
        assertUsageError(Cli.run("listen", "--port", "8080", "--secret", SECRET, "--now", "1"), "error: unknown option --now");
    }

    private static void assertUsageError(Cli.Result result, String message) {
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith(message).endsWith(new ListenCommand().usage()).doesNotContain("\tat ");
    }

    private CompletableFuture<Integer> start(String... args) {
        Terminal terminal = new Terminal(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, UTF_8),
                new PrintStream(err, true, UTF_8));
        return CompletableFuture.supplyAsync(() -> Main.run(new ListenCommand(stop), List.of(args), terminal));
    }

    private HttpResponse<String> post(String body, List<String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).POST(HttpRequest.BodyPublishers.ofString(body, UTF_8));
        for (String header : headers) {
            int colon = header.indexOf(':');
            request.header(header.substring(0, colon), header.substring(colon + 2));
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> signed(String body, long timestamp, String key) {
        return WebhookSigner.create().sign("evt_01jhn8wygrfgz8ybavd8e9w3t2", timestamp, body.getBytes(UTF_8),
                List.of(SigningKey.parse(key))).asMap().entrySet().stream().map(h -> h.getKey() + ": " + h.getValue()).toList();
    }

    private static String text(ByteArrayOutputStream stream) {
        return stream.toString(UTF_8);
    }
}
