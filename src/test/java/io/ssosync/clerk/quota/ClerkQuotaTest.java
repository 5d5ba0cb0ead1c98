package io.ssosync.clerk.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.ssosync.support.jdbc.Transactions;
import io.ssosync.testing.UnitDatabase;

/** The shared quota row in PostgreSQL with Clerk's smallest limits, which once left a worker waiting forever. */
class ClerkQuotaTest {

    private static final Duration MOST_A_TOKEN_TAKES = ClerkQuota.CLERK_WINDOW.plus(TokenBucket.SPREAD);

    private Transactions transactions;

    @BeforeEach
    void cleanDatabase() {
        transactions = UnitDatabase.transactions();
    }

    @Test
    void aLimitOfOneGrantsOneCallThenNamesAWaitOfAboutAWindow() throws InterruptedException {
        ClerkQuota quota = new ClerkQuota(transactions, 1, "key-one");

        assertEquals(Duration.ZERO, quota.tryAcquire());
        Duration wait = quota.acquire(Duration.ofMillis(100));

        assertTrue(wait.compareTo(ClerkQuota.CLERK_WINDOW.minusSeconds(1)) > 0
                && wait.compareTo(MOST_A_TOKEN_TAKES) <= 0, "wait: " + wait);
    }

    @Test
    void aLimitOfTwoGrantsTheNextCallAfterHalfAWindow() throws InterruptedException {
        ClerkQuota quota = new ClerkQuota(transactions, 2, "key-two");
        assertEquals(Duration.ZERO, quota.tryAcquire());

        long started = System.nanoTime();
        assertEquals(Duration.ZERO, quota.acquire(MOST_A_TOKEN_TAKES));
        Duration waited = Duration.ofNanos(System.nanoTime() - started);

        // Two calls in one window at most: the second comes a little over half a window after the first.
        assertTrue(waited.compareTo(ClerkQuota.CLERK_WINDOW.dividedBy(2)) > 0, "waited: " + waited);
        assertTrue(quota.tryAcquire().compareTo(Duration.ZERO) > 0, "no third call right after");
    }

    @Test
    void triesThatFindNoTokenLoseNoneOfTheRefill() throws Exception {
        int limit = 100;
        ClerkQuota quota = new ClerkQuota(transactions, limit, "key-busy");
        TokenBucket bucket = TokenBucket.forLimit(limit, ClerkQuota.CLERK_WINDOW);

        // Workers of several replicas waiting for the same token: try after try, most finding none. Each try once
        // lost the refill between its read of the clock and its save of the row (a sixth of the quota and more).
        int workers = 4;
        long started = System.nanoTime();
        long end = started + Duration.ofSeconds(3).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<Integer>> grants = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            grants.add(pool.submit(() -> {
                int granted = 0;
                while (System.nanoTime() < end) {
                    if (quota.tryAcquire().isZero()) {
                        granted++;
                    }
                }
                return granted;
            }));
        }
        int granted = 0;
        for (Future<Integer> worker : grants) {
            granted += worker.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - started) / 1e9;

        double refilled = bucket.capacity() + seconds * bucket.tokensPerSecond();
        assertTrue(granted >= Math.floor(refilled) - 1 && granted <= Math.ceil(refilled),
                "granted " + granted + " in " + seconds + " s, the bucket refilled " + refilled);
    }
}
