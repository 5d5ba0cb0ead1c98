package io.ssosync.metrics;

import java.util.List;
import java.util.Map;

/**
 * What the gauges read from the shared database at one refresh: open and parked commands by status, the age of
 * the oldest open one (zero when none), the status events not yet relayed to Kafka, the dispatch pause, and the
 * newest reconcile run's drift (null before the first run).
 */
public record OutboxSnapshot(Map<String, Long> commandsByStatus, double oldestPendingSeconds,
        long unpublishedStatusEvents, boolean dispatchPaused, Drift drift) {

    /** The statuses counted: those of work still to do or waiting for an operator. DONE and SUPERSEDED only grow. */
    public static final List<String> COUNTED_STATUSES = List.of("PENDING", "IN_FLIGHT", "FAILED", "DEAD");

    public record Drift(int missing, int drifted, int orphans) {
    }
}
