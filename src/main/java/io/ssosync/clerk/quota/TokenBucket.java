package io.ssosync.clerk.quota;

import java.time.Duration;

/**
 * Token bucket sized so that no window of Clerk's length ever holds more calls than the limit minus a
 * safety margin: a burst of {@code capacity} plus a window's worth of refill stays within it.
 */
public record TokenBucket(double capacity, double tokensPerSecond) {

    /** Share of Clerk's limit left unused, against clock skew and network jitter between us and Clerk. */
    static final double SAFETY_MARGIN = 0.03;
    static final double BURST_SHARE = 0.02;

    /** A bucket for Clerk's "{@code limit} requests per {@code window}". */
    public static TokenBucket forLimit(int limit, Duration window) {
        double budget = Math.floor(limit * (1 - SAFETY_MARGIN));
        double capacity = Math.max(1, Math.floor(limit * BURST_SHARE));
        double perSecond = (budget - capacity) / (window.toMillis() / 1000.0);
        return new TokenBucket(capacity, perSecond);
    }

    /** Tokens held after {@code elapsedSeconds} of refill. */
    public double refill(double tokens, double elapsedSeconds) {
        return Math.min(capacity, tokens + Math.max(0, elapsedSeconds) * tokensPerSecond);
    }

    /** How long until a whole token is there. */
    public Duration untilNextToken(double tokens) {
        return tokens >= 1 ? Duration.ZERO
                : Duration.ofNanos((long) Math.ceil((1 - tokens) / tokensPerSecond * 1_000_000_000L));
    }
}
