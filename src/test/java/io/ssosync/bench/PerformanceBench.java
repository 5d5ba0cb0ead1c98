package io.ssosync.bench;

import org.junit.jupiter.api.Test;

/**
 * Issue 10's benchmark (README "Performance"): {@code ./mvnw -Pbench verify}. Runs every figure on the real parts
 * (embedded Kafka, the machine's PostgreSQL, the Clerk simulator, the packaged jar), several times each, and prints
 * the table of medians and spreads beside their baselines and targets, also written to
 * {@code target/bench/performance.md}. A missed target is reported in the table, not as a failure: the figures
 * depend on the machine; only a run that could not measure (a stuck stage, a service that died) fails.
 */
class PerformanceBench {

    @Test
    void measureEveryFigure() {
        BenchSettings settings = BenchSettings.fromSystemProperties();
        BenchStack stack = new BenchStack();
        BenchTable table = new BenchTable();
        if (settings.runs("latency") || settings.runs("start")) {
            new LatencyFigure(stack, settings.latencySeconds()).run(settings.runs(), table);
        }
        if (settings.runs("coalescing")) {
            new CoalescingFigure(stack).run(settings.runs(), table);
        }
        if (settings.runs("ingest")) {
            new IngestFigure(stack, settings.ingestEvents()).run(settings.runs(), table);
        }
        if (settings.runs("drain")) {
            new DrainFigure(stack, 1).run(settings.drainRuns(), table);
        }
        if (settings.runs("drain-replicas")) {
            new DrainFigure(stack, 3).run(settings.drainRuns(), table);
        }
        table.printAndWrite(Machine.describe());
    }
}
