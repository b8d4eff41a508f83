package com.migomail.webhooks.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The wire format pinned byte for byte: one golden file per type, golden/<type>.json. */
class GoldenFilesTest {

    @ParameterizedTest
    @EnumSource(EventType.class)
    void writingTheSampleGivesTheGoldenFile(EventType type) {
        byte[] written = EventCodec.write(Events.event(Events.sample(type)));

        assertThat(new String(written, StandardCharsets.UTF_8)).isEqualTo(golden(type.wireName()));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void readingTheGoldenFileGivesTheSample(EventType type) {
        WebhookEvent read = EventCodec.read(golden(type.wireName()).getBytes(StandardCharsets.UTF_8));

        assertThat(read).isEqualTo(Events.event(Events.sample(type)));
        assertThat(read.knownType()).contains(type);
        assertThat(read.data()).isInstanceOf(type.dataType());
    }

    static String golden(String name) {
        try (InputStream in = GoldenFilesTest.class.getResourceAsStream("/golden/" + name + ".json")) {
            assertThat(in).as("golden/%s.json", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
