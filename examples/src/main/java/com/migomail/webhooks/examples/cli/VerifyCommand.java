package com.migomail.webhooks.examples.cli;

import com.migomail.webhooks.core.EventCodec;
import com.migomail.webhooks.core.EventFormatException;
import com.migomail.webhooks.core.WebhookEvent;
import com.migomail.webhooks.core.WebhookReceiver;
import com.migomail.webhooks.signing.InvalidKeyFormatException;
import com.migomail.webhooks.signing.SignatureScheme;
import com.migomail.webhooks.signing.WebhookVerificationException;
import com.migomail.webhooks.signing.WebhookVerifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code verify}: checks a received request and prints its event as JSON. */
public final class VerifyCommand implements Command {
    private static final String HEADER = "--header";
    private static final String BODY_FILE = "--body-file";
    private static final String SCHEME = "--scheme";
    private static final String TOLERANCE = "--tolerance";
    private static final String NOW = "--now";
    private static final String RAW = "--raw";

    @Override
    public String name() {
        return "verify";
    }

    @Override
    public String summary() {
        return "Verify a signed request and print its event as JSON";
    }

    @Override
    public String usage() {
        return """
                Usage: java -jar migomail-webhooks.jar verify (--secret-file FILE | --secret KEY ...)
                           --header "Name: value" [--header "Name: value" ...] --body-file FILE
                           [--scheme standard|migomail|any] [--tolerance SECONDS] [--now UNIX_SECONDS] [--raw]

                Verifies a received request. Valid: exit 0 and the event as JSON on standard output.
                Refused: exit 1 and the reason on standard error. Usage error: exit 2.

                  --secret-file FILE    a file with the keys, one per line: whsec_<base64>, a raw secret,
                                        or a whpk_ public key; any of them is accepted
                  --secret KEY          a key on the command line (seen by ps and kept in shell history:
                                        for test keys); repeatable
                Without either, the keys are read from MIGOMAIL_WEBHOOK_SECRET (separated by spaces).
                  --header "N: v"       a header as received, e.g. "webhook-id: evt_...";
                                        repeat for each header
                  --body-file FILE      the raw body exactly as received; - reads standard input
                  --scheme SCHEME       standard (default): webhook-id, webhook-timestamp, webhook-signature
                                        migomail: X-Migomail-Signature only (body only, no replay protection)
                                        any: standard if a webhook-* header is present, else migomail
                  --tolerance SECONDS   how far webhook-timestamp may be from now (default 300)
                  --now UNIX_SECONDS    check the timestamp against this time instead of the clock
                  --raw                 check only the signature and print "valid" (for bodies that
                                        are not events)
                """;
    }

    @Override
    public Set<String> valueOptions() {
        return Set.of(SecretOptions.SECRET, SecretOptions.SECRET_FILE, HEADER, BODY_FILE, SCHEME, TOLERANCE, NOW);
    }

    @Override
    public Set<String> flagOptions() {
        return Set.of(RAW);
    }

    @Override
    public int run(Arguments args, Terminal terminal) throws UsageException {
        WebhookVerifier verifier = verifier(args, terminal);
        Map<String, List<String>> headers = headers(args.all(HEADER));
        byte[] body = BodyFile.read(args.required(BODY_FILE), terminal.in());
        try {
            if (args.flag(RAW)) {
                verifier.verify(headers, body);
                terminal.out().println("valid");
            } else {
                WebhookEvent event = WebhookReceiver.create(verifier).receive(headers, body);
                terminal.out().println(EventCodec.writeString(event));
            }
            return ExitCode.OK;
        } catch (WebhookVerificationException e) {
            terminal.err().println("refused: " + e.reason() + ": " + e.getMessage());
        } catch (EventFormatException e) {
            terminal.err().println("refused: the signature is valid, but the body is not an event: " + e.getMessage()
                    + " (use --raw to check only the signature)");
        }
        return ExitCode.REFUSED;
    }

    /** The verifier of the keys (--secret, --secret-file, the environment), --scheme, --tolerance and --now (options a command may not declare). */
    static WebhookVerifier verifier(Arguments args, Terminal terminal) throws UsageException {
        WebhookVerifier.Builder builder = WebhookVerifier.builder();
        for (SecretOptions.GivenKey key : SecretOptions.keys(args, terminal)) {
            try {
                builder.key(key.value());
            } catch (InvalidKeyFormatException e) {
                throw new UsageException(key.source() + ": " + e.getMessage());
            }
        }
        schemes(builder, args.optional(SCHEME).orElse("standard"));
        Optional<String> tolerance = args.optional(TOLERANCE);
        if (tolerance.isPresent()) {
            builder.tolerance(Duration.ofSeconds(Options.unixSeconds(TOLERANCE, tolerance.get())));
        }
        Optional<String> now = args.optional(NOW);
        if (now.isPresent()) {
            builder.clock(Clock.fixed(Instant.ofEpochSecond(Options.unixSeconds(NOW, now.get())), ZoneOffset.UTC));
        }
        try {
            return builder.build();
        } catch (IllegalStateException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static void schemes(WebhookVerifier.Builder builder, String scheme) throws UsageException {
        switch (scheme) {
            case "standard" -> builder.schemes(SignatureScheme.STANDARD_WEBHOOKS);
            case "migomail" -> builder.schemes(SignatureScheme.MIGOMAIL);
            case "any" -> builder.schemes(SignatureScheme.STANDARD_WEBHOOKS, SignatureScheme.MIGOMAIL);
            default -> throw new UsageException(SCHEME + " must be standard, migomail or any, not '" + scheme + "'");
        }
    }

    private static Map<String, List<String>> headers(List<String> given) throws UsageException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String header : given) {
            int colon = header.indexOf(':');
            if (colon <= 0 || header.substring(0, colon).isBlank()) {
                throw new UsageException(HEADER + " must be \"Name: value\", not '" + header + "'");
            }
            headers.computeIfAbsent(header.substring(0, colon).trim(), name -> new ArrayList<>())
                    .add(header.substring(colon + 1).trim());
        }
        return headers;
    }
}
