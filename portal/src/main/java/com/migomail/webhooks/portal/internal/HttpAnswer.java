package com.migomail.webhooks.portal.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One response, as the adapters write it: status, headers (in order, some repeated) and body.
 *
 * @param status the HTTP status
 * @param headers the header lines, name and value
 * @param body the body's bytes (empty for none)
 */
public record HttpAnswer(int status, List<Map.Entry<String, String>> headers, Body body) {

    /**
     * Copies.
     *
     * @param status the HTTP status
     * @param headers the header lines
     * @param body the body
     */
    public HttpAnswer {
        Objects.requireNonNull(headers, "headers cannot be null");
        Objects.requireNonNull(body, "body cannot be null");
        headers = List.copyOf(headers);
    }

    /**
     * An answer with a body of that content type.
     *
     * @param status the status
     * @param contentType the Content-Type
     * @param bytes the body
     * @return the answer
     */
    static HttpAnswer of(int status, String contentType, byte[] bytes) {
        return new HttpAnswer(status, List.of(Map.entry("Content-Type", contentType)), new Body(bytes));
    }

    /**
     * A UTF-8 text answer.
     *
     * @param status the status
     * @param contentType the Content-Type
     * @param text the body
     * @return the answer
     */
    static HttpAnswer text(int status, String contentType, String text) {
        return of(status, contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * An answer without a body.
     *
     * @param status the status
     * @return the answer
     */
    static HttpAnswer empty(int status) {
        return new HttpAnswer(status, List.of(), new Body(new byte[0]));
    }

    /**
     * This answer with one more header line.
     *
     * @param name the header's name
     * @param value its value
     * @return a new answer
     */
    HttpAnswer withHeader(String name, String value) {
        List<Map.Entry<String, String>> more = new ArrayList<>(headers);
        more.add(Map.entry(name, value));
        return new HttpAnswer(status, more, body);
    }

    /**
     * This answer without its body (for HEAD).
     *
     * @return a new answer
     */
    HttpAnswer withoutBody() {
        return new HttpAnswer(status, headers, new Body(new byte[0]));
    }

    /**
     * The first value of a header, for tests and the adapters.
     *
     * @param name the header's name, any letter case
     * @return its value or null
     */
    public String header(String name) {
        return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    /**
     * The headers grouped by name, in order.
     *
     * @return name to values
     */
    public Map<String, List<String>> headerMap() {
        Map<String, List<String>> map = new LinkedHashMap<>();
        headers.forEach(h -> map.computeIfAbsent(h.getKey(), k -> new ArrayList<>()).add(h.getValue()));
        return map;
    }

    /** A body's bytes, copied in and out (a byte[] is never a record component). */
    public static final class Body {
        private final byte[] bytes;

        Body(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        /** @return a copy of the bytes */
        public byte[] bytes() {
            return bytes.clone();
        }

        /** @return the number of bytes */
        public int length() {
            return bytes.length;
        }

        /**
         * Writes the bytes.
         *
         * @param out where to
         * @throws java.io.IOException if the stream fails
         */
        public void writeTo(java.io.OutputStream out) throws java.io.IOException {
            out.write(bytes);
        }
    }
}
