package io.ssosync.clerk;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads a {@code Retry-After} header in either of the forms HTTP allows: delay-seconds or an HTTP-date. */
final class RetryAfter {

    /** What to wait when Clerk says 429 without a usable {@code Retry-After}. */
    static final Duration DEFAULT = Duration.ofSeconds(1);

    private RetryAfter() {
    }

    static Duration parse(String header, Clock clock) {
        if (header == null || header.isBlank()) {
            return DEFAULT;
        }
        String value = header.trim();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? DEFAULT : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Duration left = Duration.between(clock.instant(),
                        ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return left.isNegative() ? Duration.ZERO : left;
            } catch (DateTimeParseException notADate) {
                return DEFAULT;
            }
        }
    }
}
