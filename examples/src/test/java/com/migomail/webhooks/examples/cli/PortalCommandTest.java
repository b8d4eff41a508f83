package com.migomail.webhooks.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code portal} command end to end, in-process: its history is made over real HTTP on
 * 127.0.0.1 into a real H2 file, and its portal is read over real HTTP with the printed links.
 */
class PortalCommandTest {
    private static final Pattern LINK = Pattern.compile("\\n  (acme|globex)\\s+(http://127\\.0\\.0\\.1:\\d+/login\\?token=\\S+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private static final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private static PipedOutputStream stdin;
    private static CompletableFuture<Integer> exit;

    @BeforeAll
    static void startThePortalDemo() throws IOException {
        PipedInputStream in = new PipedInputStream();
        stdin = new PipedOutputStream(in);
        Terminal terminal = new Terminal(in, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        exit = CompletableFuture.supplyAsync(() -> Main.run(new String[] {"portal"}, terminal));
        await().atMost(Duration.ofSeconds(90)).until(() -> links().size() == 2 || exit.isDone());
    }

    @AfterAll
    static void stop() throws IOException {
        if (!exit.isDone()) {
            stdin.write("q\n".getBytes(StandardCharsets.US_ASCII));
            stdin.flush();
        }
    }

    @Test
    void printsAMagicLinkForEachTenant() {
        assertThat(err()).isEmpty();
        assertThat(links().subList(0, 2)).extracting(link -> link[0]).containsExactly("acme", "globex");
        assertThat(output()).contains("Each link works once, for an hour. Press Enter for new links; type q and Enter to stop.");
    }

    @Test
    void eachLinkOpensThePortalOnItsOwnTenantOnly() throws Exception {
        String acme = sessionCookie(links().get(0)[1]);
        String globex = sessionCookie(links().get(1)[1]);

        assertThat(get(acme, "api/v1/session").path("tenant").asText()).isEqualTo("acme");
        assertThat(descriptions(get(acme, "api/v1/endpoints"))).containsExactly("Order service",
                "CRM sync (answers 500 twice per event)", "Legacy reports (always answers 500)");
        assertThat(descriptions(get(globex, "api/v1/endpoints"))).containsExactly("CRM",
                "Warehouse (answers 500 once per event)");
    }

    @Test
    void theHistorySpansTheWeekWithSucceededRetriedAndFailedAttempts() throws Exception {
        String acme = sessionCookie(newLinks().get(0)[1]);

        JsonNode week = get(acme, "api/v1/stats?range=7d");
        List<JsonNode> buckets = StreamSupport.stream(week.path("buckets").spliterator(), false).toList();
        assertThat(buckets.stream().mapToLong(b -> b.path("succeeded").asLong()).sum()).isPositive();
        assertThat(buckets.stream().mapToLong(b -> b.path("retried").asLong()).sum()).isPositive();
        assertThat(buckets.stream().mapToLong(b -> b.path("failed").asLong()).sum()).isPositive();
        // Rounds 6 days, 4 days, 2 days, 20 h, 9 h, 3 h and 40 min ago: several hours of the week have attempts.
        assertThat(buckets.stream().filter(b -> b.path("succeeded").asLong() > 0).count()).isGreaterThanOrEqualTo(5);
        assertThat(get(acme, "api/v1/events?limit=100").path("items").size()).isGreaterThan(12);
    }

    @Test
    void stopsWithStatusZeroOnQ() throws Exception {
        // Last by name order is not guaranteed: this test stops only a second run of its own.
        ByteArrayOutputStream secondOut = new ByteArrayOutputStream();
        PipedInputStream in = new PipedInputStream();
        PipedOutputStream keys = new PipedOutputStream(in);
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> Main.run(new String[] {"portal"},
                new Terminal(in, new PrintStream(secondOut, true, StandardCharsets.UTF_8), System.err)));
        await().atMost(Duration.ofSeconds(90)).until(() -> secondOut.toString(StandardCharsets.UTF_8).contains("Press Enter") || second.isDone());

        keys.write("q\n".getBytes(StandardCharsets.US_ASCII));
        keys.flush();

        assertThat(second.get(30, java.util.concurrent.TimeUnit.SECONDS)).isZero();
        assertThat(secondOut.toString(StandardCharsets.UTF_8)).endsWith("Stopped.\n");
    }

    @Test
    void refusesABadPort() {
        assertThat(Cli.run("portal", "--port", "http")).isEqualTo(new Cli.Result(2, "",
                "error: --port must be a number from 0 to 65535: 'http'\n" + new PortalCommand().usage()));
    }

    private static List<String[]> newLinks() throws IOException {
        int before = links().size();
        stdin.write("\n".getBytes(StandardCharsets.US_ASCII));
        stdin.flush();
        await().atMost(Duration.ofSeconds(10)).until(() -> links().size() >= before + 2);
        List<String[]> all = links();
        return all.subList(all.size() - 2, all.size());
    }

    private static List<String[]> links() {
        Matcher matcher = LINK.matcher(output());
        List<String[]> links = new java.util.ArrayList<>();
        while (matcher.find()) {
            links.add(new String[] {matcher.group(1), matcher.group(2)});
        }
        return links;
    }

    private static String sessionCookie(String link) throws Exception {
        HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(URI.create(link)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(200);
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private static JsonNode get(String cookie, String path) throws Exception {
        URI base = URI.create(links().get(0)[1]).resolve("/");
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base.resolve(path)).header("Cookie", cookie).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static List<String> descriptions(JsonNode endpoints) {
        return StreamSupport.stream(endpoints.path("items").spliterator(), false)
                .map(endpoint -> endpoint.path("description").asText()).toList();
    }

    private static String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
