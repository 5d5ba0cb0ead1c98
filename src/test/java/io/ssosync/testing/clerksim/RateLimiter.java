package io.ssosync.testing.clerksim;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-key rolling limit, like Clerk's: a sliding log of admission times, so a key gets at most {@code limit}
 * requests in any window, with no burst at a fixed-window boundary. A rejected request is not logged, so the
 * {@code Retry-After} it gets stays true however often the client retries early.
 */
final class RateLimiter {

    private volatile int limit;
    private final long windowNanos;
    private final Map<String, Deque<Long>> admissions = new ConcurrentHashMap<>();

    RateLimiter(int limit, Duration window) {
        if (limit < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("rate limit needs limit >= 1 and a positive window");
        }
        this.limit = limit;
        this.windowNanos = window.toNanos();
    }

    /** Empty when admitted; otherwise the whole seconds until the oldest admission leaves the window (at least 1). */
    OptionalInt acquire(String key) {
        Deque<Long> log = admissions.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (log) {
            long now = System.nanoTime();
            while (!log.isEmpty() && now - log.peekFirst() >= windowNanos) {
                log.pollFirst();
            }
            if (log.size() < limit) {
                log.addLast(now);
                return OptionalInt.empty();
            }
            long waitNanos = log.peekFirst() + windowNanos - now;
            return OptionalInt.of((int) Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L));
        }
    }

    void limit(int requests) {
        if (requests < 1) {
            throw new IllegalArgumentException("rate limit needs limit >= 1");
        }
        this.limit = requests;
    }

    void reset() {
        admissions.clear();
    }
}
