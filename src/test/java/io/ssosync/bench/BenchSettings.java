package io.ssosync.bench;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the bench runs, from system properties (README "Performance"): {@code bench.runs} (3) runs of each short
 * figure, {@code bench.drain-runs} (2) of each drain (over 100 s each), {@code bench.only} (comma-separated
 * figure names: latency (with the start to ready), coalescing, ingest, drain,
 * drain-replicas; all when unset),
 * {@code bench.ingest-events} (50000) and {@code bench.latency-seconds} (30).
 */
record BenchSettings(int runs, int drainRuns, Set<String> only, int ingestEvents, int latencySeconds) {

    static BenchSettings fromSystemProperties() {
        String only = System.getProperty("bench.only", "").trim();
        return new BenchSettings(Integer.getInteger("bench.runs", 3), Integer.getInteger("bench.drain-runs", 2),
                only.isEmpty() ? Set.of() : Arrays.stream(only.split(",")).map(String::trim).collect(Collectors.toSet()),
                Integer.getInteger("bench.ingest-events", 50_000), Integer.getInteger("bench.latency-seconds", 30));
    }

    boolean runs(String figure) {
        return only.isEmpty() || only.contains(figure);
    }
}
