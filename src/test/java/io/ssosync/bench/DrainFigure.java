package io.ssosync.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.ssosync.testing.TestDatabase;
import io.ssosync.testing.clerksim.ClerkSimulator;

/**
 * 1,000 distinct new connections drained into a Clerk at its development limit (100 requests per 10 s) by one
 * replica or by several sharing the key. The ideal is the requests Clerk counted, at the limit: 1,000 creates take
 * 100 s. Timed from the first publish to the last connection SYNCED; Clerk's 429s are counted.
 */
final class DrainFigure {

    private static final int CHANGES = 1_000;
    private static final int LIMIT = 100;
    private static final Duration WINDOW = Duration.ofSeconds(10);
    private static final Duration TIMEOUT = Duration.ofSeconds(400);

    private final BenchStack stack;
    private final int replicas;

    DrainFigure(BenchStack stack, int replicas) {
        this.stack = stack;
        this.replicas = replicas;
    }

    void run(int runs, BenchTable table) {
        List<Double> ratios = new ArrayList<>();
        List<Double> ideals = new ArrayList<>();
        long throttled = 0;
        for (int run = 1; run <= runs; run++) {
            Result result = once(run);
            System.out.printf(Locale.ROOT, "bench drain x%d run %d: %.1f s for %d requests (ideal %.1f s, %.3f x),"
                    + " %d x 429%n", replicas, run, result.seconds, result.requests, result.idealSeconds(),
                    result.ratio(), result.throttled);
            ratios.add(result.ratio());
            ideals.add(result.idealSeconds());
            throttled += result.throttled;
        }
        String who = replicas == 1 ? "one replica" : replicas + " replicas sharing the key";
        table.add(new BenchRow("drain of 1,000 changes at 100 per 10 s, " + who + " (× ideal)", ratios, "%.3f ×",
                String.format(Locale.ROOT, "ideal %.0f s (requests ÷ limit)", Stats.median(ideals)),
                "≤ 1.05 × ideal", ratio -> ratio <= 1.05));
        table.add(new BenchRow("429s, total of those " + runs + " drains, " + who, List.of((double) throttled), "%.0f",
                "—", "0", count -> count == 0));
    }

    private Result once(int run) {
        BenchStack.freshDatabase();
        String topic = stack.freshTopic("drain", 6);
        String name = "drain" + replicas + "r" + run;
        try (ClerkSimulator clerk = ClerkSimulator.builder().rateLimit(LIMIT, WINDOW).start()) {
            List<Service> services = new ArrayList<>();
            try {
                for (int r = 0; r < replicas; r++) {
                    services.add(Service.startReady(name + "-" + r, stack.environment(topic, clerk, LIMIT)));
                }
                stack.awaitConsumers(topic, replicas);
                // The warm-up's list calls are left out of the count, but Clerk's window and the shared bucket
                // both hold them, so the drain meets the same limit on both sides.
                clerk.clearRequestLog();
                long started = System.nanoTime();
                try (BenchPublisher publisher = new BenchPublisher(stack.bootstrapServers(), topic)) {
                    for (int i = 0; i < CHANGES; i++) {
                        publisher.send(BenchEvents.connection(name, i, 1), System.currentTimeMillis());
                    }
                    publisher.flush();
                }
                BenchStack.await(CHANGES + " connections SYNCED", TIMEOUT, () -> {
                    services.forEach(service -> {
                        if (!service.app().isAlive()) {
                            throw new IllegalStateException("a replica stopped:\n" + service.app().output());
                        }
                    });
                    return TestDatabase.count("select count(*) from connection_state where status = 'SYNCED'")
                            == CHANGES;
                });
                double seconds = (System.nanoTime() - started) / 1e9;
                return new Result(seconds, clerk.requests().size(), clerk.count429());
            } finally {
                services.forEach(Service::close);
            }
        }
    }

    private record Result(double seconds, long requests, long throttled) {

        double idealSeconds() {
            return (double) requests / LIMIT * WINDOW.toSeconds();
        }

        double ratio() {
            return seconds / idealSeconds();
        }
    }
}
