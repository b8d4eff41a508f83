package com.migomail.webhooks.examples.cli;

import com.migomail.webhooks.core.WebhookReceiver;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code listen}: a receiver on 127.0.0.1 for developers. Verifies every request, prints each
 * accepted event as it arrives and each refused request with the reason, until stopped (Ctrl-C).
 */
public final class ListenCommand implements Command {
    private static final String PORT = "--port";
    private static final String SCHEME = "--scheme";
    private static final String TOLERANCE = "--tolerance";

    private final CompletionStage<?> stop;

    /** The command as the jar runs it: it listens until the process is stopped. */
    public ListenCommand() {
        this(new CompletableFuture<>());
    }

    /** A command that stops listening, and returns, when {@code stop} completes. */
    ListenCommand(CompletionStage<?> stop) {
        this.stop = Objects.requireNonNull(stop, "stop cannot be null");
    }

    @Override
    public String name() {
        return "listen";
    }

    @Override
    public String summary() {
        return "Receive webhooks on 127.0.0.1, verify them and print each event as it arrives";
    }

    @Override
    public String usage() {
        return """
                Usage: java -jar migomail-webhooks.jar listen --port PORT (--secret-file FILE | --secret KEY ...)
                           [--scheme standard|migomail|any] [--tolerance SECONDS]

                Listens on http://127.0.0.1:PORT/ (any path) until stopped with Ctrl-C. Every POST is
                verified: a valid event is answered 200 and printed as JSON on standard output; a
                request with a bad or missing signature is answered 401, a body that is not an event 400,
                and the reason is printed on standard error.

                  --port PORT           the port, 1 to 65535 (0 picks a free one)
                  --secret-file FILE    a file with the keys, one per line: whsec_<base64>, a raw secret,
                                        or a whpk_ public key; any of them is accepted
                  --secret KEY          a key on the command line (seen by ps and kept in shell history:
                                        for test keys); repeatable
                Without either, the keys are read from MIGOMAIL_WEBHOOK_SECRET (separated by spaces).
                  --scheme SCHEME       standard (default): webhook-id, webhook-timestamp, webhook-signature
                                        migomail: X-Migomail-Signature only (body only, no replay protection)
                                        any: standard if a webhook-* header is present, else migomail
                  --tolerance SECONDS   how far webhook-timestamp may be from now (default 300)
                """;
    }

    @Override
    public Set<String> valueOptions() {
        return Set.of(PORT, SecretOptions.SECRET, SecretOptions.SECRET_FILE, SCHEME, TOLERANCE);
    }

    @Override
    public int run(Arguments args, Terminal terminal) throws UsageException {
        int port = port(args.required(PORT));
        WebhookReceiver receiver = WebhookReceiver.create(VerifyCommand.verifier(args, terminal));
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            terminal.err().println("error: cannot listen on 127.0.0.1:" + port + ": " + e.getMessage());
            return ExitCode.REFUSED;
        }
        server.createContext("/", new ListenHandler(receiver, terminal));
        server.start();
        terminal.out().printf("Listening on http://127.0.0.1:%d/ (any path). Press Ctrl-C to stop.%n",
                server.getAddress().getPort());
        try {
            stop.toCompletableFuture().join();
        } finally {
            server.stop(0);
        }
        return ExitCode.OK;
    }

    private static int port(String value) throws UsageException {
        if (!value.matches("[0-9]{1,5}") || Integer.parseInt(value) > 65_535) {
            throw new UsageException(PORT + " must be a number from 0 to 65535, not '" + value + "'");
        }
        return Integer.parseInt(value);
    }
}
