package com.migomail.webhooks.delivery.internal;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads a {@code Retry-After} header: delay seconds or an HTTP-date (RFC 9110). */
final class RetryAfter {
    private static final long MAX_SECONDS = 10L * 365 * 24 * 3600;

    private RetryAfter() {}

    /** When the server asks to be retried, or empty for a missing or unreadable value. */
    static Optional<Instant> parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String trimmed = value.trim();
        if (trimmed.chars().allMatch(Character::isDigit)) {
            long seconds = trimmed.length() > 12 ? MAX_SECONDS : Math.min(Long.parseLong(trimmed), MAX_SECONDS);
            return Optional.of(now.plusSeconds(seconds));
        }
        try {
            return Optional.of(ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
