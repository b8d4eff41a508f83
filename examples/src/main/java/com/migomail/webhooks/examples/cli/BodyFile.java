package com.migomail.webhooks.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads {@code --body-file}: raw bytes of a file, or of standard input for {@code -}. */
final class BodyFile {
    private BodyFile() {}

    static byte[] read(String file, InputStream stdin) throws UsageException {
        try {
            return "-".equals(file) ? stdin.readAllBytes() : Files.readAllBytes(Path.of(file));
        } catch (IOException | InvalidPathException e) {
            throw new UsageException("cannot read --body-file " + file + ": " + describe(e));
        }
    }

    /** A short reason for a file that cannot be read, without a stack trace. */
    static String describe(Exception e) {
        return e instanceof NoSuchFileException ? "no such file"
                : e instanceof AccessDeniedException ? "permission denied"
                : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
    }
}
