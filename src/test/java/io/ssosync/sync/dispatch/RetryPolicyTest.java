package io.ssosync.sync.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.ssosync.sync.domain.Backoff;
import io.ssosync.sync.domain.Operation;
import io.ssosync.sync.store.SyncCommand;
import io.ssosync.testing.MutableClock;

class RetryPolicyTest {

    private final Instant start = Instant.parse("2026-12-02T10:00:00Z");
    private final MutableClock clock = new MutableClock(start);
    private final RetryPolicy policy = new RetryPolicy(new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5)),
            Duration.ofHours(24), clock);

    @Test
    void clerksOwnDelayWinsOverTheBackoff() {
        assertEquals(new RetryPolicy.Next.RetryIn(Duration.ofSeconds(7)),
                policy.after(command(3), Duration.ofSeconds(7), "429"));
    }

    @Test
    void withoutADelayFromClerkTheBackoffGrowsWithTheAttempts() {
        Duration delay = ((RetryPolicy.Next.RetryIn) policy.after(command(4), null, "503")).delay();

        assertTrue(delay.compareTo(Duration.ofSeconds(4)) >= 0 && delay.compareTo(Duration.ofSeconds(8)) <= 0,
                delay.toString());
    }

    @Test
    void aCommandPastItsMaximumAgeIsParkedWithTheReason() {
        clock.advance(Duration.ofHours(24).plusSeconds(1));

        RetryPolicy.Next next = policy.after(command(30), Duration.ofSeconds(1), "did not converge in 4 steps");

        assertTrue(assertInstanceOf(RetryPolicy.Next.Park.class, next).reason()
                .endsWith("did not converge in 4 steps"));
    }

    private SyncCommand command(int attempts) {
        return new SyncCommand(1, "idp_1", "t_acme", 1, Operation.CREATE, null, Set.of(), "ev", attempts, start, 1, false,
                null);
    }
}
