package io.ssosync.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque cursor of a paged listing. It only encodes where the last page ended, so callers do not
 * come to depend on what is inside.
 */
final class PageCursor {

    private static final String PREFIX = "after:";

    private PageCursor() {
    }

    static String encode(String position) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((PREFIX + position).getBytes(StandardCharsets.UTF_8));
    }

    /** The position after which the page starts; {@code null} for the first page. */
    static String decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (decoded.startsWith(PREFIX)) {
                return decoded.substring(PREFIX.length());
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw BadQuery.of("cursor", "is not a cursor this API gave out");
    }
}
