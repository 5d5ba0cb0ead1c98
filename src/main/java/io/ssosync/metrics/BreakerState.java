package io.ssosync.metrics;

/** The state of the circuit breaker in front of Clerk, as the gauge and readiness show it. */
public interface BreakerState {

    /** closed, open or half_open. */
    String state();

    default boolean open() {
        return "open".equals(state());
    }
}
