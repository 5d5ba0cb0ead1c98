package io.ssosync.clerk.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bucket driven by a simulated clock, the way {@link ClerkQuota} drives it from the database: every
 * call refills by the time elapsed since the last one, then takes a token or names the wait.
 */
class TokenBucketTest {

    private static final Duration WINDOW = ClerkQuota.CLERK_WINDOW;
    private static final long WINDOW_NANOS = WINDOW.toNanos();
    /** How much closer together than they were granted calls may reach Clerk (README, "Within Clerk's quota"). */
    private static final Duration JITTER = Duration.ofMillis(300);

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aTinyLimitGrantsATokenThenWaitsAFiniteTime(int limit) {
        Simulation quota = new Simulation(TokenBucket.forLimit(limit, WINDOW));

        assertEquals(Duration.ZERO, quota.tryAcquire());
        Duration wait = quota.tryAcquire();

        assertTrue(wait.compareTo(Duration.ZERO) > 0 && wait.compareTo(WINDOW.multipliedBy(2)) < 0, "wait: " + wait);
        quota.advance(wait);
        assertEquals(Duration.ZERO, quota.tryAcquire(), "a token is there once the wait is over");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 50, 100, 1000, 5000})
    void greedyWorkersNeverGetMoreThanTheLimitInAnySlidingWindow(int limit) {
        List<Long> grants = new Simulation(TokenBucket.forLimit(limit, WINDOW)).greedy(4, WINDOW.multipliedBy(30),
                new Random(limit));

        // The bound holds for windows a little longer than Clerk's, to absorb jitter between us and Clerk.
        long window = WINDOW_NANOS + JITTER.toNanos() - 1;
        assertTrue(busiest(grants, window) <= limit, "busiest window: " + busiest(grants, window));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 100, 1000})
    void theLongRunRateIsCloseToTheLimit(int limit) {
        Duration run = WINDOW.multipliedBy(60);
        List<Long> grants = new Simulation(TokenBucket.forLimit(limit, WINDOW)).greedy(4, run, new Random(limit));

        double perWindow = grants.size() / (double) (run.toNanos() / WINDOW_NANOS);
        assertTrue(perWindow <= limit, "per window: " + perWindow);
        assertTrue(perWindow >= 0.94 * limit, "per window: " + perWindow);
        assertTrue(busiest(grants, WINDOW_NANOS) >= Math.floor(0.95 * limit), "a busy window uses the quota");
    }

    /** Most grants in any window of {@code windowNanos}, both ends included. */
    private static int busiest(List<Long> grants, long windowNanos) {
        int busiest = 0;
        int first = 0;
        for (int last = 0; last < grants.size(); last++) {
            while (grants.get(last) - grants.get(first) > windowNanos) {
                first++;
            }
            busiest = Math.max(busiest, last - first + 1);
        }
        return busiest;
    }

    /** One quota row and a clock that moves only when told to. */
    private static final class Simulation {

        private final TokenBucket bucket;
        private double tokens;
        private long refilledAt;
        private long now;

        Simulation(TokenBucket bucket) {
            this.bucket = bucket;
            this.tokens = bucket.capacity();
        }

        void advance(Duration by) {
            now += by.toNanos();
        }

        /** What {@link ClerkQuota#tryAcquire()} does under the row lock. */
        Duration tryAcquire() {
            double refilled = bucket.refill(tokens, (now - refilledAt) / 1e9);
            Duration wait = bucket.untilNextToken(refilled);
            tokens = wait.isZero() ? refilled - 1 : refilled;
            refilledAt = now;
            return wait;
        }

        /**
         * Workers that each ask again as soon as they were told a token is there, or after a random shorter
         * nap (a worker woken early), for as long as {@code run}.
         *
         * @return the moments tokens were granted, in order
         */
        List<Long> greedy(int workers, Duration run, Random random) {
            long[] wakeAt = new long[workers];
            List<Long> grants = new ArrayList<>();
            while (true) {
                int next = 0;
                for (int w = 1; w < workers; w++) {
                    if (wakeAt[w] < wakeAt[next]) {
                        next = w;
                    }
                }
                if (wakeAt[next] > run.toNanos()) {
                    return grants;
                }
                now = Math.max(now, wakeAt[next]);
                Duration wait = tryAcquire();
                if (wait.isZero()) {
                    grants.add(now);
                    continue;
                }
                assertTrue(wait.compareTo(Duration.ZERO) > 0 && wait.compareTo(WINDOW.multipliedBy(2)) < 0,
                        "wait: " + wait);
                long nap = random.nextInt(4) == 0 ? 1 + (long) (random.nextDouble() * wait.toNanos()) : wait.toNanos();
                wakeAt[next] = now + nap;
            }
        }
    }
}
