package io.ssosync.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ssosync.testing.TestDatabase;
import io.ssosync.testing.clerksim.ClerkSimulator;
import io.ssosync.testing.clerksim.RecordedRequest;

/**
 * From a record's publish time to Clerk receiving its create, at 20 new connections a second (below a production
 * quota of 1,000 per 10 s), from the first event after the service reported ready. The same start gives the
 * packaged jar's start to ready, on an empty topic and a migrated database.
 */
final class LatencyFigure {

    private static final int LIMIT = 1000;
    private static final int EVENTS_PER_SECOND = 20;
    /**
     * One worker makes one call at a time, so a replica sends at most workers ÷ Clerk's latency calls a second: the
     * default 4 keep up with 20 a second only while Clerk answers within 200 ms, which the simulator (checking every
     * request and answer against Clerk's OpenAPI spec) does not on a busy machine, nor Clerk itself always. 8 keep
     * up to 400 ms. README "Performance" explains it beside the figure.
     */
    private static final String WORKERS = "8";
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Latency is also shown per stretch of this length after the first publish: the JVM warms up as it runs. */
    private static final Duration WINDOW = Duration.ofSeconds(10);

    private final BenchStack stack;
    private final int seconds;

    LatencyFigure(BenchStack stack, int seconds) {
        this.stack = stack;
        this.seconds = seconds;
    }

    void run(int runs, BenchTable table) {
        List<Double> p50 = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        List<Double> ready = new ArrayList<>();
        // Every run starts a new service, cold; the bench's own parts (its broker, the simulator, the publisher) run
        // in this JVM, which is cold only before the first. A short run that is not counted warms them, so that the
        // first counted run measures the service's cold start, not the bench's: in a table before it, the first run's
        // simulator answered at p50 58 ms against 16 ms in the second.
        Result warmUp = once(0, 10);
        System.out.printf(Locale.ROOT, "bench latency warm-up of the bench's own parts, not counted: p50 %.0f ms,"
                + " p99 %.0f ms%n", warmUp.p50(), warmUp.p99());
        for (int run = 1; run <= runs; run++) {
            Result result = once(run, seconds);
            System.out.printf(Locale.ROOT, "bench latency run %d: ready after %.2f s; p50 %.0f ms, p99 %.0f ms,"
                    + " max %.0f ms; warm-up %s%n", run, result.readySeconds, result.p50(), result.p99(),
                    Stats.max(result.latencies), result.warmUp);
            p50.add(result.p50());
            p99.add(result.p99());
            ready.add(result.readySeconds);
            if (run == runs) {
                table.note(String.format(Locale.ROOT, "Last start: Quarkus reported itself started after %.2f s;"
                        + " then the warm-up check: %s", result.startedInSeconds, result.warmUp));
                table.note("Latency of the last run by when its events were published after the first: "
                        + result.windows);
                table.note("Where the last run's latency went: " + result.stages);
            }
        }
        String events = String.format(Locale.ROOT, "%d events/s for %d s, %s workers", EVENTS_PER_SECOND, seconds,
                WORKERS);
        table.add(new BenchRow("event-to-Clerk-call latency p50, " + events, p50, "%.0f ms", "—", "≤ 50 ms",
                ms -> ms <= 50));
        table.add(new BenchRow("event-to-Clerk-call latency p99, " + events, p99, "%.0f ms", "—", "≤ 250 ms",
                ms -> ms <= 250));
        table.add(new BenchRow("packaged jar: start to ready (empty topic, migrated database)", ready, "%.2f s",
                "—", "≤ 3 s", s -> s <= 3));
    }

    private Result once(int run, int publishSeconds) {
        BenchStack.freshDatabase();
        String topic = stack.freshTopic("latency", 3);
        String name = "latency" + run;
        try (ClerkSimulator clerk = ClerkSimulator.builder().rateLimit(LIMIT).start();
                Service service = Service.startReady(name, environment(topic, clerk));
                BenchPublisher publisher = new BenchPublisher(stack.bootstrapServers(), topic)) {
            double readySeconds = service.startToReady().toNanos() / 1e9;
            String warmUp = warmUpCheck(service.readiness());
            long readyAt = System.currentTimeMillis();
            clerk.clearRequestLog();
            int events = EVENTS_PER_SECOND * publishSeconds;
            Map<String, Long> publishedAt = new HashMap<>();
            long start = System.nanoTime();
            for (int i = 0; i < events; i++) {
                long due = start + Duration.ofSeconds(1).toNanos() * i / EVENTS_PER_SECOND;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    BenchStack.sleep(Duration.ofNanos(wait));
                }
                long now = System.currentTimeMillis();
                publisher.send(BenchEvents.connection(name, i, 1), now);
                publishedAt.put(BenchEvents.domain(name, i), now);
            }
            publisher.flush();
            long firstPublished = publishedAt.get(BenchEvents.domain(name, 0));
            BenchStack.await(events + " creates in Clerk", SETTLE_TIMEOUT, () -> clerk.requests().stream()
                    .filter(r -> r.method().equals("POST")).count() >= events);
            List<Double> latencies = new ArrayList<>();
            Map<Long, List<Double>> byWindow = new TreeMap<>();
            for (RecordedRequest request : clerk.requests()) {
                // The first POST of each connection: a retried one would count its event twice.
                Long published = request.method().equals("POST") ? publishedAt.remove(domain(request)) : null;
                if (published != null) {
                    double latency = request.time().toEpochMilli() - published;
                    latencies.add(latency);
                    byWindow.computeIfAbsent((published - firstPublished) / WINDOW.toMillis(),
                            w -> new ArrayList<>()).add(latency);
                }
            }
            long firstRecorded = ((Number) TestDatabase.value(
                    "select (extract(epoch from min(received_at)) * 1000)::bigint from inbox_event")).longValue();
            Number clerkMillis = (Number) TestDatabase.value("select avg(duration_ms) from sync_history");
            System.out.printf(Locale.ROOT, "bench latency run %d: first event published %d ms after ready, recorded"
                    + " %d ms after its publish; Clerk answered in %.0f ms on average%n", run, firstPublished - readyAt,
                    firstRecorded - firstPublished, clerkMillis.doubleValue());
            String windows = byWindow.entrySet().stream().map(w -> String.format(Locale.ROOT, "%d–%d s: p50 %.0f ms,"
                    + " p99 %.0f ms", w.getKey() * WINDOW.toSeconds(), (w.getKey() + 1) * WINDOW.toSeconds(),
                    Stats.percentile(w.getValue(), 50), Stats.percentile(w.getValue(), 99)))
                    .collect(Collectors.joining("; "));
            String stages = stages();
            System.out.printf(Locale.ROOT, "bench latency run %d by publish time after the first: %s%n", run,
                    windows);
            System.out.printf(Locale.ROOT, "bench latency run %d stages: %s%n", run, stages);
            return new Result(readySeconds, latencies, warmUp, windows, stages, service.startedInSeconds());
        }
    }

    private Map<String, String> environment(String topic, ClerkSimulator clerk) {
        Map<String, String> env = stack.environment(topic, clerk, LIMIT);
        env.put("SSO_SYNC_DISPATCH_WORKERS", WORKERS);
        return env;
    }

    /**
     * The dispatch side of each create's latency, from the database: from its event recorded ({@code
     * inbox_event.received_at}, the recording transaction's start) to the call leaving (the attempt's end less its
     * duration), with Clerk's (the simulator's) answer time beside. The rest of the latency is intake's.
     */
    private static String stages() {
        String recordedToCall = "select extract(epoch from (h.at - make_interval(secs => h.duration_ms / 1000.0)"
                + " - i.received_at)) * 1000 as ms from sync_history h join sync_command c on c.id = h.command_id"
                + " join inbox_event i on i.event_id = c.source_event_id where h.operation = 'CREATE'";
        String answer = "select duration_ms as ms from sync_history where operation = 'CREATE'";
        return String.format(Locale.ROOT, "recorded to call p50 %.0f ms, p99 %.0f ms; Clerk's answer p50 %.0f ms,"
                + " p99 %.0f ms", percentile(recordedToCall, 0.5), percentile(recordedToCall, 0.99),
                percentile(answer, 0.5), percentile(answer, 0.99));
    }

    private static double percentile(String millis, double fraction) {
        return ((Number) TestDatabase.value("select percentile_cont(" + fraction + ") within group (order by ms)"
                + " from (" + millis + ") d")).doubleValue();
    }

    private static String domain(RecordedRequest request) {
        try {
            return JSON.readTree(request.requestBody()).path("domains").path(0).asText();
        } catch (Exception e) {
            return "";
        }
    }

    /** The warm-up check as readiness shows it: its steps' times and Clerk's answer. */
    private static String warmUpCheck(String readiness) {
        try {
            for (JsonNode check : JSON.readTree(readiness).path("checks")) {
                if (check.path("name").asText().equals("warm-up")) {
                    return check.path("data").toString();
                }
            }
            return "(no warm-up check)";
        } catch (Exception e) {
            return "(unreadable: " + readiness + ")";
        }
    }

    private record Result(double readySeconds, List<Double> latencies, String warmUp, String windows, String stages,
            double startedInSeconds) {

        double p50() {
            return Stats.percentile(latencies, 50);
        }

        double p99() {
            return Stats.percentile(latencies, 99);
        }
    }
}
