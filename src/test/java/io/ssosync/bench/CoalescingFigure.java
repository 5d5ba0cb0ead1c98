package io.ssosync.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.ssosync.testing.TestDatabase;
import io.ssosync.testing.clerksim.ClerkSimulator;

/**
 * Ten successive updates of one connection while Clerk throttles: the first update meets a 429 window (Retry-After
 * 5 s), which pauses dispatch; the other nine arrive meanwhile. Counted: the calls that reached Clerk for the
 * connection and were not refused with 429, up to the newest version applied. One call per update would be 10.
 */
final class CoalescingFigure {

    private static final int UPDATES = 10;
    private static final int LIMIT = 1000;
    private static final Duration THROTTLE = Duration.ofSeconds(5);
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private final BenchStack stack;

    CoalescingFigure(BenchStack stack) {
        this.stack = stack;
    }

    void run(int runs, BenchTable table) {
        List<Double> calls = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            calls.add((double) once(run));
            System.out.printf(Locale.ROOT, "bench coalescing run %d: %.0f calls for %d updates%n", run,
                    calls.get(calls.size() - 1), UPDATES);
        }
        table.add(new BenchRow("Clerk calls for 10 successive updates of one connection while throttled", calls,
                "%.0f", String.valueOf(UPDATES), "≤ 2", count -> count <= 2));
    }

    private long once(int run) {
        BenchStack.freshDatabase();
        String topic = stack.freshTopic("coalescing", 1);
        String name = "coalescing" + run;
        try (ClerkSimulator clerk = ClerkSimulator.builder().rateLimit(LIMIT).start();
                Service service = Service.startReady(name, stack.environment(topic, clerk, LIMIT));
                BenchPublisher publisher = new BenchPublisher(stack.bootstrapServers(), topic)) {
            ObjectNode v1 = BenchEvents.connection(name, 0, 1);
            String key = v1.get("connectionKey").asText();
            BenchPublisher.await(publisher.send(v1, System.currentTimeMillis()));
            awaitApplied(key, 1);

            clerk.clearRequestLog();
            clerk.faults().statusWindow(429, THROTTLE, (int) THROTTLE.toSeconds());
            for (int version = 2; version <= UPDATES + 1; version++) {
                ObjectNode next = BenchEvents.connection(name, 0, version);
                next.put("name", "Bench " + name + " v" + version);
                BenchPublisher.await(publisher.send(next, System.currentTimeMillis()));
            }
            awaitApplied(key, UPDATES + 1);
            return clerk.requests().stream().filter(request -> request.status() != 429).count();
        }
    }

    private static void awaitApplied(String key, long version) {
        BenchStack.await(key + " applied at version " + version, TIMEOUT, () -> TestDatabase.count(
                "select count(*) from connection_state where connection_key = ? and applied_version = ?", key,
                version) == 1);
    }
}
