package io.ssosync.sync.domain;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.RepeatedTest;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));

    @RepeatedTest(20)
    void growsExponentiallyWithJitterUpToTheCap() {
        assertBetween(backoff.delayAfter(1), 500, 1000);
        assertBetween(backoff.delayAfter(3), 2000, 4000);
        assertBetween(backoff.delayAfter(30), 30_000, 60_000);
    }

    private static void assertBetween(Duration delay, long minMillis, long maxMillis) {
        assertTrue(delay.toMillis() >= minMillis && delay.toMillis() <= maxMillis,
                delay + " not in [" + minMillis + ", " + maxMillis + "] ms");
    }
}
