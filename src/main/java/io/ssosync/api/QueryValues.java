package io.ssosync.api;

import java.util.Arrays;
import java.util.Locale;

/** Optional query parameters as every resource reads them: blank is absent, an enum by name in any case. */
final class QueryValues {

    private QueryValues() {
    }

    /** The value, or null when it is missing or blank. */
    static String optional(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** The constant named by {@code value}, null when absent; a 400 naming {@code parameter} when none is. */
    static <E extends Enum<E>> E oneOf(String parameter, String value, Class<E> type) {
        if (optional(value) == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            // The value given is not quoted back: a problem never echoes raw input.
            throw BadQuery.of(parameter, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }
}
