package com.migomail.webhooks.core.internal;

/** Text helpers for error messages. */
public final class Texts {
    private static final int EXCERPT_LENGTH = 40;

    private Texts() {}

    /**
     * The text, quoted and shortened, for an error message: a bad value is shown so the developer
     * can find it, but a large one must not flood the log.
     *
     * @param text any text
     * @return {@code "text"}, cut after 40 characters
     */
    public static String quote(String text) {
        return text.length() <= EXCERPT_LENGTH
                ? '"' + text + '"'
                : '"' + text.substring(0, EXCERPT_LENGTH) + "…\"";
    }
}
