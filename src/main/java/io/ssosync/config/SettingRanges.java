package io.ssosync.config;

import java.time.Duration;

/**
 * Range checks whose failures name the environment variable to fix, so that a setting out of range stops
 * start-up instead of surfacing later as a worker that never wakes or a time-out that always fires.
 */
public final class SettingRanges {

    private SettingRanges() {
    }

    /** A whole number from {@code min} to {@code max}, given as text as the variable holds it. */
    public static long whole(String variable, String value, long min, long max, String meaning) {
        try {
            return within(variable, Long.parseLong(value.trim()), min, max, meaning);
        } catch (NumberFormatException e) {
            throw outOfRange(variable, value, min, max, meaning);
        }
    }

    public static long within(String variable, long value, long min, long max, String meaning) {
        if (value < min || value > max) {
            throw outOfRange(variable, String.valueOf(value), min, max, meaning);
        }
        return value;
    }

    /** A duration longer than zero and at most {@code max}. */
    public static Duration positive(String variable, Duration value, Duration max) {
        if (value.isNegative() || value.isZero() || value.compareTo(max) > 0) {
            throw new InvalidSettingException(variable + " must be a duration above zero and at most " + max
                    + " (ISO-8601, e.g. PT30S), was " + value);
        }
        return value;
    }

    /** A duration from {@code min} to {@code max}. */
    public static Duration between(String variable, Duration value, Duration min, Duration max) {
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new InvalidSettingException(variable + " must be a duration from " + min + " to " + max
                    + " (ISO-8601, e.g. PT6H), was " + value);
        }
        return value;
    }

    private static InvalidSettingException outOfRange(String variable, String value, long min, long max,
            String meaning) {
        return new InvalidSettingException(variable + " must be a whole number from " + min + " to " + max + " ("
                + meaning + "), was \"" + value + "\"");
    }
}
