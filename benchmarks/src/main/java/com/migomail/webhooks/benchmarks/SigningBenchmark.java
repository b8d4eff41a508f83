package com.migomail.webhooks.benchmarks;

import com.migomail.webhooks.signing.SignatureHeaders;
import com.migomail.webhooks.signing.WebhookSecret;
import com.migomail.webhooks.signing.WebhookSigner;
import com.migomail.webhooks.signing.WebhookVerifier;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Signing and verifying a 1 KiB body, ours side by side with the limit and the peer libraries, all
 * with the same secret, id, timestamp and body.
 *
 * <ul>
 *   <li>The limit: a bare {@code Mac.doFinal} over the prepared bytes with a {@code Mac} prepared once
 *       per benchmark thread. {@code limitOneMac} is one HMAC over {@code id.timestamp.body} (what a
 *       Standard Webhooks signature or verification costs at least); {@code limitTwoMacs} adds the
 *       HMAC of the body alone, because our {@code sign} emits both {@code WIRE.md} schemes
 *       ({@code X-Migomail-Signature} and {@code webhook-signature}) in one call.</li>
 *   <li>Peers: {@code com.standardwebhooks:standardwebhooks} and {@code com.svix:svix}
 *       {@code Webhook.sign} / {@code Webhook.verify}, which take the body as a String.</li>
 * </ul>
 *
 * Verification timestamps are refreshed every iteration because the peers check them against the
 * system clock (5 minutes tolerance), as ours does by default.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SigningBenchmark {

    private WebhookSigner signer;
    private List<WebhookSecret> keys;
    private WebhookVerifier verifier;
    private com.standardwebhooks.Webhook standardWebhooks;
    private com.svix.Webhook svix;

    private long timestamp;
    private byte[] signedContent;
    private Map<String, List<String>> headers;

    /** A {@code Mac} per benchmark thread: {@code Mac} is not thread-safe. */
    @State(Scope.Thread)
    public static class ThreadMac {
        Mac mac;

        /** Prepares the thread's Mac once. */
        @Setup
        public void setUp() {
            mac = SigningInputs.newMac();
        }
    }

    /** Builds every signer and verifier once, as an application does. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        WebhookSecret secret = WebhookSecret.parse(SigningInputs.SECRET);
        keys = List.of(secret);
        signer = WebhookSigner.create();
        verifier = WebhookVerifier.builder().key(secret).build();
        standardWebhooks = new com.standardwebhooks.Webhook(SigningInputs.SECRET);
        svix = new com.svix.Webhook(SigningInputs.SECRET);
        refreshTimestamp();
        checkAllAgree();
    }

    /** A current timestamp and the headers signed for it. */
    @Setup(Level.Iteration)
    public void refreshTimestamp() {
        timestamp = System.currentTimeMillis() / 1000;
        signedContent = SigningInputs.signedContent(timestamp);
        headers = Map.of(
                "webhook-id", List.of(SigningInputs.ID),
                "webhook-timestamp", List.of(Long.toString(timestamp)),
                "webhook-signature", List.of(SigningInputs.standardSignature(timestamp)));
    }

    /** Everyone must produce and accept the same signature, or the comparison means nothing. */
    private void checkAllAgree() throws Exception {
        String expected = SigningInputs.standardSignature(timestamp);
        SignatureHeaders ours = oursSign();
        String bodyHex = java.util.HexFormat.of().formatHex(SigningInputs.newMac().doFinal(SigningInputs.BODY_BYTES));
        if (!("sha256=" + bodyHex).equals(ours.migomailSignature())
                || !expected.equals(ours.webhookSignature())
                || !expected.equals(standardWebhooks.sign(SigningInputs.ID, timestamp, SigningInputs.BODY))
                || !expected.equals(svix.sign(SigningInputs.ID, timestamp, SigningInputs.BODY))) {
            throw new IllegalStateException("signatures differ for the same input");
        }
        oursVerify();
        standardWebhooksVerify();
        svixVerify();
    }

    /** The limit of one Standard Webhooks signature: one HMAC over {@code id.timestamp.body}. */
    @Benchmark
    public byte[] limitOneMac(ThreadMac state) {
        return state.mac.doFinal(signedContent);
    }

    /** The limit of signing both WIRE.md schemes: HMAC of the body, then of {@code id.timestamp.body}. */
    @Benchmark
    public byte[] limitTwoMacs(ThreadMac state) {
        state.mac.update(SigningInputs.BODY_BYTES);
        byte[] body = state.mac.doFinal();
        byte[] content = state.mac.doFinal(signedContent);
        body[0] ^= content[0]; // keep both results alive
        return body;
    }

    /** Ours: both schemes' headers for one key. */
    @Benchmark
    public SignatureHeaders oursSign() {
        return signer.sign(SigningInputs.ID, timestamp, SigningInputs.BODY_BYTES, keys);
    }

    /** standardwebhooks 1.2.0: the {@code webhook-signature} value. */
    @Benchmark
    public String standardWebhooksSign() throws Exception {
        return standardWebhooks.sign(SigningInputs.ID, timestamp, SigningInputs.BODY);
    }

    /** svix 1.99.1: the {@code webhook-signature} value. */
    @Benchmark
    public String svixSign() throws Exception {
        return svix.sign(SigningInputs.ID, timestamp, SigningInputs.BODY);
    }

    /** Ours: verify the {@code webhook-*} headers (the default scheme). */
    @Benchmark
    public void oursVerify() {
        verifier.verify(headers, SigningInputs.BODY_BYTES);
    }

    /** standardwebhooks 1.2.0: verify the same headers. */
    @Benchmark
    public void standardWebhooksVerify() throws Exception {
        standardWebhooks.verify(SigningInputs.BODY, headers);
    }

    /** svix 1.99.1: verify the same headers. */
    @Benchmark
    public void svixVerify() throws Exception {
        svix.verify(SigningInputs.BODY, headers);
    }
}
