package com.migomail.webhooks.portal.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The page's files, read once from the jar ({@code com/migomail/webhooks/portal/static/}) and kept.
 * Only plain file names are served (no directories, nothing starting with a dot), so a request
 * cannot reach any other resource, and only files of a known content type: anything else in the
 * folder (or put on the class path under it) would otherwise go out as a download the browser
 * sniffs or saves.
 */
final class StaticFiles {
    private static final String ROOT = "/com/migomail/webhooks/portal/static/";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*(\\.[A-Za-z0-9]+)+");
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("txt", "text/plain; charset=utf-8"));

    /**
     * One file.
     *
     * @param contentType its Content-Type
     * @param bytes its content
     */
    record StaticFile(String contentType, HttpAnswer.Body bytes) {}

    // Only files that exist are kept, so requests for made-up names cannot grow it.
    private final Map<String, StaticFile> cache = new ConcurrentHashMap<>();

    Optional<StaticFile> file(String name) {
        if (!NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        StaticFile cached = cache.get(name);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<StaticFile> loaded = load(name);
        loaded.ifPresent(file -> cache.put(name, file));
        return loaded;
    }

    static byte[] resource(String absoluteName) {
        try (InputStream in = StaticFiles.class.getResourceAsStream(absoluteName)) {
            if (in == null) {
                throw new IllegalStateException("the portal's resource " + absoluteName + " is missing from its jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the portal's resource " + absoluteName, e);
        }
    }

    private static Optional<StaticFile> load(String name) {
        String contentType = TYPES.get(name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT));
        if (contentType == null) {
            return Optional.empty();
        }
        try (InputStream in = StaticFiles.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(new StaticFile(contentType, new HttpAnswer.Body(in.readAllBytes())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the portal's file " + name, e);
        }
    }
}
