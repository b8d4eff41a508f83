package com.migomail.webhooks.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a command's keys come from: {@code --secret} (visible in {@code ps} and shell history, so
 * for throwaway keys), {@code --secret-file} and, when neither is given, the environment variable
 * {@value #ENVIRONMENT_VARIABLE}.
 */
final class SecretOptions {
    /** The option that takes a key on the command line. */
    static final String SECRET = "--secret";
    /** The option that names a file holding keys, one per line. */
    static final String SECRET_FILE = "--secret-file";
    /** The environment variable read when neither option is given: keys separated by spaces. */
    static final String ENVIRONMENT_VARIABLE = "MIGOMAIL_WEBHOOK_SECRET";
    /** A key file is a few lines; anything larger is not one. */
    private static final int MAX_FILE_BYTES = 64 * 1024;

    private SecretOptions() {}

    /** A key as given, with where it came from for error messages. */
    record GivenKey(String value, String source) {}

    /**
     * The keys of the command line, else of the environment.
     *
     * @throws UsageException if no key is given anywhere, or a key file cannot be read or holds none
     */
    static List<GivenKey> keys(Arguments args, Terminal terminal) throws UsageException {
        List<GivenKey> keys = new ArrayList<>();
        args.all(SECRET).forEach(value -> keys.add(new GivenKey(value, SECRET)));
        for (String file : args.all(SECRET_FILE)) {
            keys.addAll(fromFile(file));
        }
        if (!keys.isEmpty()) {
            return keys;
        }
        String variable = terminal.environment().get(ENVIRONMENT_VARIABLE);
        if (variable == null) {
            throw new UsageException("missing " + SECRET + ", " + SECRET_FILE + " or the environment variable "
                    + ENVIRONMENT_VARIABLE);
        }
        for (String value : variable.split(" ", -1)) {
            if (!value.isEmpty()) {
                keys.add(new GivenKey(value, ENVIRONMENT_VARIABLE));
            }
        }
        if (keys.isEmpty()) {
            throw new UsageException(ENVIRONMENT_VARIABLE + " is set but holds no key");
        }
        return keys;
    }

    /** The non-empty lines of the file, without their line terminators (nothing else is trimmed). */
    private static List<GivenKey> fromFile(String file) throws UsageException {
        List<GivenKey> keys = new ArrayList<>();
        String[] lines = read(file).split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].isEmpty()) {
                keys.add(new GivenKey(lines[i], SECRET_FILE + " " + file + " line " + (i + 1)));
            }
        }
        if (keys.isEmpty()) {
            throw new UsageException(SECRET_FILE + " " + file + " holds no key");
        }
        return keys;
    }

    private static String read(String file) throws UsageException {
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
            if (bytes.length > MAX_FILE_BYTES) {
                throw new UsageException(SECRET_FILE + " " + file + " is larger than " + MAX_FILE_BYTES
                        + " bytes: not a key file");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException | InvalidPathException e) {
            throw new UsageException("cannot read " + SECRET_FILE + " " + file + ": " + BodyFile.describe(e));
        }
    }
}
