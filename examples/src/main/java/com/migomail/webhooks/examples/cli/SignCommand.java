package com.migomail.webhooks.examples.cli;

import com.migomail.webhooks.signing.InvalidKeyFormatException;
import com.migomail.webhooks.signing.SignatureHeaders;
import com.migomail.webhooks.signing.SigningKey;
import com.migomail.webhooks.signing.WebhookSigner;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code sign}: prints the signature headers of both schemes for a body. */
public final class SignCommand implements Command {
    private static final String ID = "--id";
    private static final String TIMESTAMP = "--timestamp";
    private static final String BODY_FILE = "--body-file";

    @Override
    public String name() {
        return "sign";
    }

    @Override
    public String summary() {
        return "Print the signature headers of a request body";
    }

    @Override
    public String usage() {
        return """
                Usage: java -jar migomail-webhooks.jar sign (--secret-file FILE | --secret KEY ...) --id ID
                           --timestamp UNIX_SECONDS --body-file FILE

                Prints the signature headers of both schemes for that body, one "Name: value" per line:
                X-Migomail-Signature, webhook-id, webhook-timestamp, webhook-signature.

                  --secret-file FILE    a file with the endpoint keys, one per line: whsec_<base64>, a raw
                                        secret, or a whsk_ Ed25519 key pair (adds a v1a signature to
                                        webhook-signature); several lines (or files) during a rotation
                  --secret KEY          a key on the command line (seen by ps and kept in shell history:
                                        for test keys); repeatable
                Without either, the keys are read from MIGOMAIL_WEBHOOK_SECRET (separated by spaces).
                  --id ID               the webhook-id: the event id
                  --timestamp SECONDS   the webhook-timestamp: Unix seconds of the attempt
                  --body-file FILE      the raw body; - reads standard input
                """;
    }

    @Override
    public Set<String> valueOptions() {
        return Set.of(SecretOptions.SECRET, SecretOptions.SECRET_FILE, ID, TIMESTAMP, BODY_FILE);
    }

    @Override
    public int run(Arguments args, Terminal terminal) throws UsageException {
        List<SigningKey> keys = keys(SecretOptions.keys(args, terminal));
        String id = args.required(ID);
        long timestamp = Options.unixSeconds(TIMESTAMP, args.required(TIMESTAMP));
        byte[] body = BodyFile.read(args.required(BODY_FILE), terminal.in());
        SignatureHeaders headers;
        try {
            headers = WebhookSigner.create().sign(id, timestamp, body, keys);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        headers.asMap().forEach((name, value) -> terminal.out().println(name + ": " + value));
        return ExitCode.OK;
    }

    private static List<SigningKey> keys(List<SecretOptions.GivenKey> given) throws UsageException {
        List<SigningKey> keys = new ArrayList<>(given.size());
        for (SecretOptions.GivenKey key : given) {
            try {
                keys.add(SigningKey.parse(key.value()));
            } catch (InvalidKeyFormatException e) {
                throw new UsageException(key.source() + ": " + e.getMessage());
            }
        }
        return keys;
    }
}
