package io.ssosync.metrics;

import java.time.Duration;

/** What the Clerk gateway reports of each try and of the shared quota. */
public interface ClerkMetrics {

    /**
     * One try of a call: {@code latency} is null when nothing was sent (no quota token in time, breaker open),
     * else how long Clerk took to answer or to fail.
     */
    void call(String operation, String outcome, Duration latency);

    /** A token of the shared quota was taken by this replica. */
    void tokenTaken();

    /** Clerk answered 429: every replica pauses this long. */
    void paused(Duration retryAfter);
}
