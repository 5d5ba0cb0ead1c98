package io.ssosync.clerk.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

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
}
