package io.ssosync.api;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a listing: {@code nextCursor} fetches the next one and is {@code null} on the last. Keyset
 * pages stay fast however deep a caller reads, and a row written meanwhile never shifts the rest.
 */
public record Page<T>(List<T> items, String nextCursor) {

    /**
     * The page from rows fetched with one more than {@code limit}: that extra row only says another page
     * exists, and the cursor points after the last row shown.
     */
    static <R, T> Page<T> of(List<R> rowsPlusOne, int limit, Function<R, String> position, Function<R, T> view) {
        boolean more = rowsPlusOne.size() > limit;
        List<R> shown = more ? rowsPlusOne.subList(0, limit) : rowsPlusOne;
        String next = more ? PageCursor.encode(position.apply(shown.get(shown.size() - 1))) : null;
        return new Page<>(shown.stream().map(view).toList(), next);
    }
}
