package io.ssosync.sync.domain;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with full jitter and a cap, for retries across attempts. */
public record Backoff(Duration initial, Duration max) {

    /** The delay before attempt {@code attempts + 1}, between half and all of the exponential step. */
    public Duration delayAfter(int attempts) {
        double step = initial.toMillis() * Math.pow(2, Math.max(0, attempts - 1));
        long capped = (long) Math.min(step, max.toMillis());
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }
}
