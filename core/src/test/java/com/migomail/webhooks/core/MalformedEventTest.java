package com.migomail.webhooks.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.migomail.webhooks.WebhookException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A table of malformed inputs: each gives an EventFormatException naming the field and the problem. */
class MalformedEventTest {
    private static final String TS = "\"timestamp\":\"2025-01-15T14:22:31Z\"";
    private static final String ID = "\"id\":\"" + Events.ID + "\"";
    private static final String SUB = "\"subscriber\":{\"email\":\"a@x\"}";

    static Stream<Arguments> malformedInputs() {
        return Stream.of(
                row("", "", "expected a JSON object, got an empty document"),
                row("   ", "", "expected a JSON object, got an empty document"),
                row("[]", "", "expected a JSON object, got an array"),
                row("\"email.sent\"", "", "expected a JSON object, got a string"),
                row("null", "", "expected a JSON object, got null"),
                row("hello", "", "not valid JSON at line 1, column 1: Unrecognized token 'hello': was expecting "
                        + "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')"),
                row("{\"event\":\"email.sent\",", "", "not valid JSON at line 1, column 23: Unexpected end-of-input "
                        + "within/between Object entries"),
                row("{\"event\":\"email.sent\"}{}", "", "unexpected content after the event object"),
                row("{" + TS + "," + ID + ",\"data\":{}}", "event", "required field is missing"),
                row("{\"event\":7," + TS + "," + ID + ",\"data\":{}}", "event", "expected a string, got a number"),
                row("{\"event\":\"\"," + TS + "," + ID + ",\"data\":{}}", "event", "must not be empty"),
                row("{\"event\":\"x.y\"," + ID + ",\"data\":{}}", "timestamp", "required field is missing"),
                row("{\"event\":\"x.y\",\"timestamp\":1736950951," + ID + ",\"data\":{}}",
                        "timestamp", "expected a string, got a number"),
                row("{\"event\":\"x.y\",\"timestamp\":\"2025-01-15T14:22:31.250Z\"," + ID + ",\"data\":{}}",
                        "timestamp", "\"2025-01-15T14:22:31.250Z\" is not a UTC time in whole seconds like "
                                + "2025-01-15T14:22:31Z"),
                row("{\"event\":\"x.y\",\"timestamp\":\"2025-01-15T15:22:31+01:00\"," + ID + ",\"data\":{}}",
                        "timestamp", "\"2025-01-15T15:22:31+01:00\" is not a UTC time in whole seconds like "
                                + "2025-01-15T14:22:31Z"),
                row("{\"event\":\"x.y\",\"timestamp\":\"2025-02-30T14:22:31Z\"," + ID + ",\"data\":{}}",
                        "timestamp", "\"2025-02-30T14:22:31Z\" is not a valid date and time"),
                row("{\"event\":\"x.y\"," + TS + ",\"data\":{}}", "id", "required field is missing"),
                row("{\"event\":\"x.y\"," + TS + ",\"id\":\"msg_01jhn8wygrfgz8ybavd8e9w3t2\",\"data\":{}}", "id",
                        "\"msg_01jhn8wygrfgz8ybavd8e9w3t2\" is not a TypeID like evt_01j8x4k7q3c9v2m5n8p0r6s1td "
                                + "(evt_ and 26 lowercase Crockford base32 characters, the first 0-7)"),
                row("{\"event\":\"x.y\"," + TS + ",\"id\":\"evt_01JHN8WYGRFGZ8YBAVD8E9W3T2\",\"data\":{}}", "id",
                        "\"evt_01JHN8WYGRFGZ8YBAVD8E9W3T2\" is not a TypeID like evt_01j8x4k7q3c9v2m5n8p0r6s1td "
                                + "(evt_ and 26 lowercase Crockford base32 characters, the first 0-7)"),
                row("{\"event\":\"x.y\"," + TS + "," + ID + "}", "data", "required field is missing"),
                row("{\"event\":\"x.y\"," + TS + "," + ID + ",\"id\":\"x\",\"data\":{}}", "id", "duplicate field"),
                row("{\"event\":\"email.sent\"," + TS + "," + ID + ",\"data\":[]}", "data",
                        "expected an object, got an array"),
                row("{\"event\":\"email.sent\"," + TS + "," + ID + ",\"data\":{" + SUB + "}}", "data.message_id",
                        "required field is missing"),
                row("{\"event\":\"email.sent\"," + TS + "," + ID + ",\"data\":{\"message_id\":null," + SUB + "}}",
                        "data.message_id", "required field is null"),
                row("{\"event\":\"email.sent\"," + TS + "," + ID + ",\"data\":{\"message_id\":1," + SUB + "}}",
                        "data.message_id", "expected a string, got a number"),
                row("{\"event\":\"email.sent\"," + TS + "," + ID + ",\"data\":{\"message_id\":\"m\"}}",
                        "data.subscriber", "required field is missing"),
                row("{\"event\":\"email.sent\"," + TS + "," + ID + ",\"data\":{\"message_id\":\"m\",\"subscriber\":\"a@x\"}}",
                        "data.subscriber", "expected an object, got a string"),
                row("{\"event\":\"email.sent\"," + TS + "," + ID + ",\"data\":{\"message_id\":\"m\",\"subscriber\":{}}}",
                        "data.subscriber.email", "required field is missing"),
                row("{\"event\":\"email.sent\"," + TS + "," + ID + ",\"data\":{\"message_id\":\"m\","
                        + "\"subscriber\":{\"email\":[\"a@x\"]}}}", "data.subscriber.email", "expected a string, got an array"),
                row("{\"event\":\"email.sent\"," + TS + "," + ID + ",\"data\":{\"message_id\":\"m\",\"message_id\":\"n\"," + SUB
                        + "}}", "data.message_id", "duplicate field"),
                row(clicked("\"url\":\"u\",\"link_position\":\"2\""), "data.link_position", "expected an integer, got a string"),
                row(clicked("\"url\":\"u\",\"link_position\":2.0"), "data.link_position", "expected an integer, got a number"),
                row(clicked("\"url\":\"u\",\"link_position\":0"), "data.link_position", "must be at least 1, got 0"),
                row(clicked("\"url\":\"u\",\"link_position\":3000000000"), "data.link_position",
                        "\"3000000000\" is out of range, at most 2147483647"),
                row(clicked("\"link_position\":1"), "data.url", "required field is missing"),
                row(email("email.bounced", "\"bounce_type\":\"medium\",\"bounce_code\":\"5.1.1\""), "data.bounce_type",
                        "\"medium\" is not one of hard, soft"),
                row(email("email.bounced", "\"bounce_type\":\"HARD\",\"bounce_code\":\"5.1.1\""), "data.bounce_type",
                        "\"HARD\" is not one of hard, soft"),
                row(email("email.unsubscribed", "\"method\":\"email\""), "data.method",
                        "\"email\" is not one of link, list_unsubscribe"),
                row(data("subscriber.created", "\"subscriber\":{\"email\":\"a@x\"},\"source\":\"api\""), "data",
                        "subscriber.id cannot be null in subscriber.created"),
                row(data("subscriber.created", "\"subscriber\":{\"email\":\"a@x\",\"id\":\"s\",\"properties\":[]},"
                        + "\"source\":\"api\""), "data.subscriber.properties", "expected an object, got an array"),
                row(data("subscriber.created", "\"subscriber\":{\"email\":\"a@x\",\"id\":\"s\"},\"source\":\"csv\""),
                        "data.source", "\"csv\" is not one of api, form, import"),
                row(data("subscriber.updated", SUB + ",\"changes\":{\"name\":{\"from\":\"a\"}}"), "data.changes.name.to",
                        "required field is missing"),
                row(data("subscriber.updated", SUB + ",\"changes\":{\"name\":\"b\"}"), "data.changes.name",
                        "expected an object, got a string"),
                row(data("subscriber.updated", SUB + ",\"changes\":{\"a\":{\"from\":1,\"to\":2},\"a\":{\"from\":1,\"to\":3}}"),
                        "data.changes.a", "duplicate field"),
                row(data("automation.completed", "\"automation_id\":\"a\"," + SUB + ",\"steps_completed\":-1"),
                        "data.steps_completed", "must be at least 0, got -1"),
                row(data("automation.triggered", "\"automation_id\":\"a\"," + SUB), "data.trigger", "required field is missing"),
                row(data("campaign.sent", "\"campaign_id\":\"c\",\"recipients\":true"), "data.recipients",
                        "expected an integer, got a boolean"),
                row(data("campaign.sent", "\"campaign_id\":\"c\",\"recipients\":1,\"failed\":-3"), "data.failed",
                        "must be at least 0, got -3"),
                row(data("campaign.sent", "\"campaign_id\":\"c\",\"recipients\":99999999999999999999"), "data.recipients",
                        "\"99999999999999999999\" is out of range, at most 9223372036854775807"),
                row(data("campaign.paused", "\"campaign_id\":\"c\",\"reason\":null"), "data.reason", "required field is null"),
                row(data("list.archived", "\"a\":{\"b\":1,\"b\":2}"), "data.a.b", "duplicate field"));
    }

    private static String data(String type, String fields) {
        return "{\"event\":\"" + type + "\"," + TS + "," + ID + ",\"data\":{" + fields + "}}";
    }

    private static String email(String type, String fields) {
        return data(type, "\"message_id\":\"m\"," + SUB + "," + fields);
    }

    private static String clicked(String fields) {
        return email("email.clicked", fields);
    }

    private static Arguments row(String json, String path, String problem) {
        return Arguments.of(json, path, problem);
    }

    @ParameterizedTest(name = "[{index}] {1}: {2}")
    @MethodSource("malformedInputs")
    void rejectsMalformedInputWithTheFieldAndProblem(String json, String path, String problem) {
        EventFormatException e = catchThrowableOfType(EventFormatException.class, () -> EventCodec.read(json));

        assertThat(e).as("read(%s)", json).isNotNull();
        assertThat(e.path()).isEqualTo(path);
        assertThat(e.getMessage()).isEqualTo(path.isEmpty() ? problem : path + ": " + problem);
        assertThat(e).isInstanceOf(WebhookException.class).isInstanceOf(RuntimeException.class);
    }

    @ParameterizedTest(name = "[{index}] {1}: {2}")
    @MethodSource("malformedInputs")
    void rejectsTheSameFromBytes(String json, String path, String problem) {
        EventFormatException e = catchThrowableOfType(EventFormatException.class,
                () -> EventCodec.read(json.getBytes(StandardCharsets.UTF_8)));

        assertThat(e).isNotNull();
        assertThat(e.path()).isEqualTo(path);
    }

    @Test
    void chainsTheParserErrorAsTheCauseButThrowsNoJacksonType() {
        EventFormatException e = catchThrowableOfType(EventFormatException.class, () -> EventCodec.read("{\"a\":}"));

        assertThat(e.getClass().getName()).startsWith("com.migomail.");
        assertThat(e.getCause()).isNotNull();
    }

    @Test
    void rejectsBytesThatAreNotUtf8() {
        byte[] latin1 = "{\"event\":\"x.y\",\"note\":\"gr\u00fc\u00df\"}".getBytes(StandardCharsets.ISO_8859_1);

        EventFormatException e = catchThrowableOfType(EventFormatException.class, () -> EventCodec.read(latin1));

        assertThat(e.path()).isEqualTo("note");
        assertThat(e.getMessage()).isEqualTo("note: not valid JSON at line 1, column 27: Invalid UTF-8 start byte 0xfc");
    }

    @ParameterizedTest
    @MethodSource("utf16AndUtf32")
    void rejectsUtf16AndUtf32(Charset charset, int zeroAt) {
        byte[] json = GoldenFilesTest.golden("email.sent").getBytes(charset);

        EventFormatException e = catchThrowableOfType(EventFormatException.class, () -> EventCodec.read(json));

        assertThat(e).as("read(%s bytes)", charset).isNotNull();
        assertThat(e.path()).isEmpty();
        assertThat(e.getMessage()).isEqualTo("not UTF-8: a zero byte at offset " + zeroAt + " (UTF-16 or UTF-32?)");
    }

    static Stream<Arguments> utf16AndUtf32() {
        return Stream.of(Arguments.of(StandardCharsets.UTF_16BE, 0), Arguments.of(StandardCharsets.UTF_16LE, 1),
                Arguments.of(Charset.forName("UTF-32BE"), 0), Arguments.of(Charset.forName("UTF-32LE"), 1));
    }

    @ParameterizedTest
    @MethodSource("byteOrderMarks")
    void rejectsAByteOrderMarkAsTheTextOverloadDoes(byte[] mark) {
        byte[] golden = GoldenFilesTest.golden("email.sent").getBytes(StandardCharsets.UTF_8);
        byte[] json = new byte[mark.length + golden.length];
        System.arraycopy(mark, 0, json, 0, mark.length);
        System.arraycopy(golden, 0, json, mark.length, golden.length);

        EventFormatException e = catchThrowableOfType(EventFormatException.class, () -> EventCodec.read(json));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).isEqualTo("not valid JSON: it starts with a byte order mark, and the body is UTF-8"
                + " JSON without one");
        assertThat(catchThrowableOfType(EventFormatException.class,
                () -> EventCodec.read("\uFEFF" + GoldenFilesTest.golden("email.sent")))).isNotNull();
    }

    static Stream<byte[]> byteOrderMarks() {
        return Stream.of(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, new byte[] {(byte) 0xFE, (byte) 0xFF},
                new byte[] {(byte) 0xFF, (byte) 0xFE});
    }
}
