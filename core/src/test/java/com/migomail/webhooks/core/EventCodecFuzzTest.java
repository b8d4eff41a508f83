package com.migomail.webhooks.core;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.Objects;

/**
 * Coverage-guided fuzzing of {@link EventCodec} (Jazzer): any bytes read as an event or raise
 * {@link EventFormatException}, never another exception; the text overload agrees with the bytes
 * overload on UTF-8; and what reads writes without error, reads back equal, and writes the same
 * bytes again.
 *
 * <p>The input is the JSON itself; the seeds under {@code EventCodecFuzzTestInputs/read} are the
 * golden event of each of the 12 types and a few of unknown type. Plain {@code mvn verify} replays
 * them; the {@code fuzz} profile fuzzes.
 */
class EventCodecFuzzTest {

    @FuzzTest
    void read(byte[] json) {
        WebhookEvent event = readOrNull(json);
        String text = new String(json, UTF_8);
        if (Arrays.equals(text.getBytes(UTF_8), json)) {
            WebhookEvent fromText = readOrNull(text);
            if (!Objects.equals(fromText, event)) {
                throw new AssertionError("read(String) gives " + fromText + " but read(byte[]) gives " + event);
            }
        }
        if (event == null) {
            return;
        }
        byte[] written = EventCodec.write(event);
        WebhookEvent again = EventCodec.read(written);
        if (!again.equals(event)) {
            throw new AssertionError("written and read back, " + event + " became " + again);
        }
        if (!Arrays.equals(EventCodec.write(again), written)) {
            throw new AssertionError("writing is not stable across a round trip: " + new String(written, UTF_8));
        }
    }

    /** The event, or null if the codec refuses it with the typed error; any other exception propagates. */
    private static WebhookEvent readOrNull(byte[] json) {
        try {
            return EventCodec.read(json);
        } catch (EventFormatException refused) {
            return requireMessage(refused);
        }
    }

    private static WebhookEvent readOrNull(String json) {
        try {
            return EventCodec.read(json);
        } catch (EventFormatException refused) {
            return requireMessage(refused);
        }
    }

    private static WebhookEvent requireMessage(EventFormatException refused) {
        if (refused.getMessage() == null || refused.getMessage().isEmpty() || refused.path() == null) {
            throw new AssertionError("refused without a message or path", refused);
        }
        return null;
    }
}
