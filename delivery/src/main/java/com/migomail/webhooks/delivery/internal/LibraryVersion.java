package com.migomail.webhooks.delivery.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The library version, from a resource Maven filters at build time. */
public final class LibraryVersion {
    private static final String VERSION = load();

    private LibraryVersion() {}

    /**
     * The library version.
     *
     * @return the version, e.g. {@code 0.1.0}, or {@code dev} when run from unfiltered sources
     */
    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = LibraryVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "dev");
            return version.startsWith("${") ? "dev" : version;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the library version", e);
        }
    }
}
