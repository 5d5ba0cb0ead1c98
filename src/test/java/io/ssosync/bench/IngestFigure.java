package io.ssosync.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

import org.apache.kafka.clients.producer.RecordMetadata;

import io.ssosync.testing.TestDatabase;
import io.ssosync.testing.clerksim.ClerkSimulator;

/**
 * Events per second from Kafka into the outbox, with dispatch paused so that no call to Clerk competes, recorded by
 * {@link #CONSUMERS} consumers. One topic is filled before the service starts, in three stretches of N events: N new
 * connections right after the start (the JVM still compiling its hot paths), N other new connections (each an inbox
 * row, a state row and a create command), then those N again at the next version with the same content (an inbox row
 * and a new desired version, no command). Each stretch is told apart by its records' offsets; the stretches overlap
 * in time, so each batch's time and CPU are shared among them by their events in it ({@link #measured}). The CPU the
 * service and PostgreSQL spent is charged so to each stretch's events: on two shared cores the sum bounds the rate.
 * The baseline ({@link BareIngestBaseline}) reads the same topic in the same run. The service's resident memory is
 * read at the end.
 */
final class IngestFigure {

    private static final Duration TIMEOUT = Duration.ofSeconds(600);
    /**
     * SSO_SYNC_INGEST_CONSUMERS, as a backfill would set it on two cores: one consumer's thread and its database
     * backend take turns on each batch, and a second consumer (the topic has three partitions) records its own
     * batches in between. README "Performance" gives one consumer's figures beside them.
     */
    private static final String CONSUMERS = "2";
    private static final String TARGET = "≥ 5,000 ev/s and ≥ 0.5 × baseline";

    private final BenchStack stack;
    private final int events;

    IngestFigure(BenchStack stack, int events) {
        this.stack = stack;
        this.events = events;
    }

    /** One stretch's records: per partition, the offsets from (inclusive) and to (exclusive). */
    private record Stretch(String name, Map<Integer, long[]> offsets) {

        String where() {
            return offsets.entrySet().stream().map(p -> "(kafka_partition = " + p.getKey() + " and kafka_offset >= "
                    + p.getValue()[0] + " and kafka_offset < " + p.getValue()[1] + ")")
                    .collect(Collectors.joining(" or ", "(", ")"));
        }
    }

    /** What one stretch gave: its rate and the CPU per event of each side. */
    private record Measured(double eventsPerSecond, double serviceCpuMillis, double postgresCpuMillis) {

        double cpuMillis() {
            return serviceCpuMillis + postgresCpuMillis;
        }
    }

    void run(int runs, BenchTable table) {
        Map<String, List<Double>> rates = new HashMap<>();
        Map<String, List<Double>> cpu = new HashMap<>();
        List<Double> bare = new ArrayList<>();
        List<Double> rss = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            String name = "ingest" + run;
            BenchStack.freshDatabase();
            BenchStack.pauseDispatch();
            String topic = stack.freshTopic("ingest", 3);
            List<Stretch> stretches = new ArrayList<>();
            try (BenchPublisher publisher = new BenchPublisher(stack.bootstrapServers(), topic)) {
                stretches.add(publish(publisher, "first", name + "-first", 1));
                stretches.add(publish(publisher, "new", name, 1));
                stretches.add(publish(publisher, "unchanged", name, 2));
            }
            bare.add(BareIngestBaseline.eventsPerSecond(stack.bootstrapServers(), topic, 3 * events));
            StringBuilder line = new StringBuilder();
            rss.add(measure(name, topic, stretches, (stretch, measured) -> {
                rates.computeIfAbsent(stretch, s -> new ArrayList<>()).add(measured.eventsPerSecond());
                cpu.computeIfAbsent(stretch, s -> new ArrayList<>()).add(measured.cpuMillis());
                line.append(String.format(Locale.ROOT, " %s %.0f ev/s (CPU per event: service %.3f ms,"
                        + " PostgreSQL %.3f ms);", stretch, measured.eventsPerSecond(), measured.serviceCpuMillis(),
                        measured.postgresCpuMillis()));
            }));
            System.out.printf(Locale.ROOT, "bench ingest run %d:%s bare %.0f ev/s, RSS %.0f MB%n", run, line,
                    bare.get(run - 1), rss.get(run - 1));
        }
        double baseline = Stats.median(bare);
        String baselineText = String.format(Locale.ROOT, "bare consumer + JDBC batch: %.0f ev/s (%.0f – %.0f)",
                baseline, Stats.min(bare), Stats.max(bare));
        String first = String.format(Locale.ROOT,
                "ingest of the first %,d new connections after start, events/s, %s consumers", events, CONSUMERS);
        String fresh = String.format(Locale.ROOT, "ingest of %,d new connections, events/s, %s consumers", events,
                CONSUMERS);
        String unchanged = String.format(Locale.ROOT, "ingest of %,d unchanged upserts, events/s, %s consumers",
                events, CONSUMERS);
        table.add(new BenchRow(first, rates.get("first"), "%.0f ev/s", baselineText, TARGET,
                rate -> rate >= 5000 && rate >= 0.5 * baseline));
        table.add(new BenchRow(fresh, rates.get("new"), "%.0f ev/s", baselineText, TARGET,
                rate -> rate >= 5000 && rate >= 0.5 * baseline));
        table.add(new BenchRow(unchanged, rates.get("unchanged"), "%.0f ev/s", baselineText, TARGET,
                rate -> rate >= 5000 && rate >= 0.5 * baseline));
        // Two cores at 5,000 events a second leave 0.4 ms of CPU per event, for the service and PostgreSQL together.
        String cpuTarget = "≤ 0.4 ms (2 cores ÷ 5,000 ev/s)";
        table.add(new BenchRow("CPU per new connection, service + PostgreSQL (after the first)", cpu.get("new"),
                "%.3f ms", "—", cpuTarget, ms -> ms <= 0.4));
        table.add(new BenchRow("CPU per unchanged upsert, service + PostgreSQL", cpu.get("unchanged"), "%.3f ms",
                "—", cpuTarget, ms -> ms <= 0.4));
        table.add(new BenchRow("packaged jar: RSS after the ingest run (-Xmx256m, the image's JVM options)", rss,
                "%.0f MB", "—", "≤ 300 MB", mb -> mb <= 300));
    }

    /** Connection 0..N-1 of this run at the given version (the same content at each), after what is there. */
    private Stretch publish(BenchPublisher publisher, String stretch, String run, long version) {
        List<Future<RecordMetadata>> sent = new ArrayList<>(events);
        for (int i = 0; i < events; i++) {
            sent.add(publisher.send(BenchEvents.connection(run, i, version), System.currentTimeMillis()));
        }
        publisher.flush();
        Map<Integer, long[]> offsets = new HashMap<>();
        for (Future<RecordMetadata> future : sent) {
            RecordMetadata record = BenchPublisher.await(future);
            long[] range = offsets.computeIfAbsent(record.partition(), p -> new long[] { Long.MAX_VALUE, 0 });
            range[0] = Math.min(range[0], record.offset());
            range[1] = Math.max(range[1], record.offset() + 1);
        }
        return new Stretch(stretch, offsets);
    }

    /** @return the service's resident memory once every stretch is in, in MB */
    private double measure(String name, String topic, List<Stretch> stretches,
            BiConsumer<String, Measured> results) {
        int total = stretches.size() * events;
        try (ClerkSimulator clerk = ClerkSimulator.start()) {
            Map<String, String> env = stack.environment(topic, clerk, ClerkSimulator.DEFAULT_RATE_LIMIT);
            // Every new connection waits as a command while dispatch is paused: no back-pressure for this figure.
            env.put("SSO_SYNC_INGEST_MAX_OUTBOX", String.valueOf(10 * total));
            env.put("SSO_SYNC_INGEST_CONSUMERS", CONSUMERS);
            try (Service service = Service.startReady(name, env);
                    CpuSampler cpu = new CpuSampler(service.app().pid())) {
                // Counting a growing inbox is PostgreSQL work charged to the figure: once a second is a few ms of it.
                BenchStack.await(total + " events in the inbox", TIMEOUT, Duration.ofSeconds(1), () -> {
                    if (!service.app().isAlive()) {
                        throw new IllegalStateException(name + " stopped:\n" + service.app().output());
                    }
                    return TestDatabase.count("select count(*) from inbox_event") >= total;
                });
                // Past the last stretch's last transaction, so that its CPU is sampled too.
                BenchStack.sleep(Duration.ofMillis(300));
                measured(stretches, cpu).forEach(results);
                return service.rssMegabytes();
            }
        }
    }

    /**
     * The stretches overlap in time: each consumer takes its partitions in turns and the consumers record side by
     * side, so one partition's records of the next stretch are recorded while another's of this one are still to
     * come, and timing a stretch from its first event to its last would charge it with the others' work (and their
     * CPU twice). So the run's time is cut at the start of every batch (the events recorded by one transaction share
     * its {@code received_at}), each slice up to the next start charged to the batch that starts it, and each
     * batch's time and CPU are shared among the stretches by their events in it: the slices cover the run once.
     */
    private Map<String, Measured> measured(List<Stretch> stretches, CpuSampler cpu) {
        StringBuilder which = new StringBuilder("case");
        for (Stretch stretch : stretches) {
            which.append(" when ").append(stretch.where()).append(" then '").append(stretch.name()).append("'");
        }
        which.append(" end");
        List<Map<String, Object>> rows = TestDatabase.rows("select (extract(epoch from received_at) * 1000)::bigint"
                + " as at, " + which + " as stretch, count(*) as events from inbox_event group by 1, 2 order by 1");
        List<Long> starts = rows.stream().map(row -> ((Number) row.get("at")).longValue()).distinct().toList();
        Map<String, double[]> charged = new LinkedHashMap<>();
        stretches.forEach(stretch -> charged.put(stretch.name(), new double[3]));
        for (int i = 0; i < starts.size(); i++) {
            long from = starts.get(i);
            // The last batch ends with its commit, which no row tells: it is taken to last as long as the one before.
            long to = i + 1 < starts.size() ? starts.get(i + 1)
                    : from + (i > 0 ? from - starts.get(i - 1) : 0);
            List<Map<String, Object>> batch = rows.stream()
                    .filter(row -> ((Number) row.get("at")).longValue() == from).toList();
            double inBatch = batch.stream().mapToLong(row -> ((Number) row.get("events")).longValue()).sum();
            double service = cpu.serviceMillis(from, to);
            double postgres = cpu.postgresMillis(from, to);
            for (Map<String, Object> row : batch) {
                double share = ((Number) row.get("events")).longValue() / inBatch;
                double[] sums = charged.get((String) row.get("stretch"));
                sums[0] += share * (to - from);
                sums[1] += share * service;
                sums[2] += share * postgres;
            }
        }
        Map<String, Measured> measured = new LinkedHashMap<>();
        charged.forEach((stretch, sums) -> measured.put(stretch,
                new Measured(events / (sums[0] / 1000.0), sums[1] / events, sums[2] / events)));
        return measured;
    }
}
