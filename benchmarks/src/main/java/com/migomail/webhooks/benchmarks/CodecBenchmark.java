package com.migomail.webhooks.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.migomail.webhooks.core.EventCodec;
import com.migomail.webhooks.core.EventType;
import com.migomail.webhooks.core.WebhookEvent;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Writing and reading each event type with {@link EventCodec} against the baseline: plain Jackson
 * reading the same JSON into a tree and writing that tree back ({@code ObjectMapper.readTree} /
 * {@code writeValueAsBytes}). The tree is the least work Jackson does for a JSON document that is
 * still whole; the codec additionally validates and builds typed records. Both sides see the same
 * bytes: the codec's own output for the sample event.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CodecBenchmark {

    /** The event type, by {@link EventType} constant name. */
    @Param({"EMAIL_SENT", "EMAIL_OPENED", "EMAIL_CLICKED", "EMAIL_BOUNCED", "EMAIL_SPAM_REPORTED",
        "EMAIL_UNSUBSCRIBED", "SUBSCRIBER_CREATED", "SUBSCRIBER_UPDATED", "AUTOMATION_TRIGGERED",
        "AUTOMATION_COMPLETED", "CAMPAIGN_SENT", "CAMPAIGN_PAUSED"})
    public String type;

    private final ObjectMapper mapper = new ObjectMapper();
    private WebhookEvent event;
    private byte[] json;
    private JsonNode tree;

    /** Builds the sample event and its JSON, and checks that both sides read the same document. */
    @Setup
    public void setUp() throws IOException {
        event = SampleEvents.event(EventType.valueOf(type));
        json = EventCodec.write(event);
        tree = mapper.readTree(json);
        if (!tree.equals(mapper.readTree(SampleEvents.json(EventType.valueOf(type))))) {
            throw new IllegalStateException("codec output differs from the sample JSON of " + type + ": "
                    + new String(json, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** Ours: event to wire bytes. */
    @Benchmark
    public byte[] oursWrite() {
        return EventCodec.write(event);
    }

    /** Ours: wire bytes to a typed event. */
    @Benchmark
    public WebhookEvent oursRead() {
        return EventCodec.read(json);
    }

    /** Baseline: a Jackson tree of the same JSON to bytes. */
    @Benchmark
    public byte[] jacksonTreeWrite() throws IOException {
        return mapper.writeValueAsBytes(tree);
    }

    /** Baseline: the same bytes to a Jackson tree. */
    @Benchmark
    public JsonNode jacksonTreeRead() throws IOException {
        return mapper.readTree(json);
    }
}
