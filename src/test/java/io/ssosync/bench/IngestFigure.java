package io.ssosync.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.ssosync.testing.TestDatabase;
import io.ssosync.testing.clerksim.ClerkSimulator;

/**
 * Events per second from Kafka into the outbox, on a topic filled before the consumer starts, with dispatch paused
 * so that no call to Clerk competes: first N new connections (each an inbox row, a state row and a create
 * command), then N upserts of the same connections at the next version with the same content (an inbox row and a
 * new desired version, no command). Timed from the first event recorded ({@code inbox_event.received_at}) to the
 * N-th. The baseline ({@link BareIngestBaseline}) reads the first topic in the same run. The service's resident
 * memory is read when the second part is done.
 */
final class IngestFigure {

    private static final Duration TIMEOUT = Duration.ofSeconds(600);

    private final BenchStack stack;
    private final int events;

    IngestFigure(BenchStack stack, int events) {
        this.stack = stack;
        this.events = events;
    }

    void run(int runs, BenchTable table) {
        List<Double> created = new ArrayList<>();
        List<Double> unchanged = new ArrayList<>();
        List<Double> bare = new ArrayList<>();
        List<Double> rss = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            String name = "ingest" + run;
            BenchStack.freshDatabase();
            BenchStack.pauseDispatch();
            String newTopic = publish(name, 1);
            bare.add(BareIngestBaseline.eventsPerSecond(stack.bootstrapServers(), newTopic, events));
            created.add(measure(name + "-new", newTopic).eventsPerSecond);
            TestDatabase.execute("truncate inbox_event");
            Measured again = measure(name + "-unchanged", publish(name, 2));
            unchanged.add(again.eventsPerSecond);
            rss.add(again.rssMegabytes);
            System.out.printf(Locale.ROOT, "bench ingest run %d: new %.0f ev/s, unchanged %.0f ev/s, bare %.0f ev/s,"
                    + " RSS %.0f MB%n", run, created.get(run - 1), unchanged.get(run - 1), bare.get(run - 1),
                    rss.get(run - 1));
        }
        double baseline = Stats.median(bare);
        String baselineText = String.format(Locale.ROOT, "bare consumer + JDBC batch: %.0f ev/s (%.0f – %.0f)",
                baseline, Stats.min(bare), Stats.max(bare));
        String target = "≥ 5,000 ev/s and ≥ 0.5 × baseline";
        table.add(new BenchRow(String.format(Locale.ROOT, "ingest of %,d new connections, events/s", events),
                created, "%.0f ev/s", baselineText, target, rate -> rate >= 5000 && rate >= 0.5 * baseline));
        table.add(new BenchRow(String.format(Locale.ROOT, "ingest of %,d unchanged upserts, events/s", events),
                unchanged, "%.0f ev/s", baselineText, target, rate -> rate >= 5000 && rate >= 0.5 * baseline));
        table.add(new BenchRow("packaged jar: RSS after the ingest run (-Xmx256m)", rss, "%.0f MB", "—", "≤ 300 MB",
                mb -> mb <= 300));
    }

    /** A fresh topic holding connection 0..N-1 of this run at the given version (the same content at each). */
    private String publish(String name, long version) {
        String topic = stack.freshTopic("ingest", 3);
        try (BenchPublisher publisher = new BenchPublisher(stack.bootstrapServers(), topic)) {
            for (int i = 0; i < events; i++) {
                publisher.send(BenchEvents.connection(name, i, version), System.currentTimeMillis());
            }
            publisher.flush();
        }
        return topic;
    }

    private Measured measure(String name, String topic) {
        try (ClerkSimulator clerk = ClerkSimulator.start()) {
            Map<String, String> env = stack.environment(topic, clerk, ClerkSimulator.DEFAULT_RATE_LIMIT);
            // Every new connection waits as a command while dispatch is paused: no back-pressure for this figure.
            env.put("SSO_SYNC_INGEST_MAX_OUTBOX", String.valueOf(10 * events));
            try (Service service = Service.startReady(name, env)) {
                BenchStack.await(events + " events in the inbox", TIMEOUT, () -> {
                    if (!service.app().isAlive()) {
                        throw new IllegalStateException(name + " stopped:\n" + service.app().output());
                    }
                    return TestDatabase.count("select count(*) from inbox_event") >= events;
                });
                long done = System.currentTimeMillis();
                long first = ((Number) TestDatabase.value(
                        "select (extract(epoch from min(received_at)) * 1000)::bigint from inbox_event")).longValue();
                return new Measured(events / ((done - first) / 1000.0), service.rssMegabytes());
            }
        }
    }

    private record Measured(double eventsPerSecond, double rssMegabytes) {
    }
}
