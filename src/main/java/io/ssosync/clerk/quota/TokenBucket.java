package io.ssosync.clerk.quota;

import java.time.Duration;

/**
 * Token bucket for Clerk's "{@code limit} requests per {@code window}", counted over any sliding window.
 *
 * <p>A bucket of {@code capacity} refilled at {@code r} per second grants at most {@code capacity + r*T}
 * tokens in any span of length {@code T}, both ends included. With {@code r = (limit + 1 - capacity) /
 * (window + SPREAD)} that is below {@code limit + 1}, so at most {@code limit} grants, for every span
 * shorter than {@code window + SPREAD}: calls stay within Clerk's window even when they reach Clerk up to
 * {@code SPREAD} closer together than they were granted (scheduling, network jitter). The {@code + 1}
 * matters for tiny limits: with a limit of 1 the single token is the whole burst, and the refill must
 * still bring the next one after a little more than a window.
 */
public record TokenBucket(double capacity, double tokensPerSecond) {

    /** How much closer together than they were granted calls may reach Clerk and still fit its window. */
    static final Duration SPREAD = Duration.ofMillis(300);
    /** Share of the limit that may go at once after a quiet spell; at least one call. */
    static final double BURST_SHARE = 0.02;

    /** A bucket for Clerk's "{@code limit} requests per {@code window}"; {@code limit} is at least 1. */
    public static TokenBucket forLimit(int limit, Duration window) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        double capacity = Math.max(1, Math.floor(limit * BURST_SHARE));
        double perSecond = (limit + 1 - capacity) / (window.plus(SPREAD).toNanos() / 1e9);
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
