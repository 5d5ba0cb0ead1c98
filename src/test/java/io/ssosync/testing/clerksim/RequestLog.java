package io.ssosync.testing.clerksim;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Every answered API request, newest last. Bounded so that a simulator left running standalone cannot grow
 * without end; the counters keep counting past the bound.
 */
final class RequestLog {

    private static final int CAPACITY = 10_000;

    private final Deque<RecordedRequest> entries = new ArrayDeque<>();
    private long tooManyRequests;

    synchronized void add(RecordedRequest request) {
        if (entries.size() == CAPACITY) {
            entries.pollFirst();
        }
        entries.addLast(request);
        if (request.status() == 429) {
            tooManyRequests++;
        }
    }

    synchronized List<RecordedRequest> snapshot() {
        return List.copyOf(entries);
    }

    synchronized long count429() {
        return tooManyRequests;
    }

    synchronized void clear() {
        entries.clear();
        tooManyRequests = 0;
    }
}
