package io.ssosync.sync.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.ssosync.clerk.ClerkOutcome;
import io.ssosync.clerk.Exchange;
import io.ssosync.sync.domain.ClerkApi;
import io.ssosync.testing.MutableClock;

/** When dispatch holds off, and how it finds out that Clerk takes calls again. */
class ClerkAvailabilityTest {

    private final FakeClerk clerk = new FakeClerk();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));
    private final AtomicReference<Duration> quotaPause = new AtomicReference<>(Duration.ZERO);
    private static final Duration BREAKER_DELAY = Duration.ofSeconds(5);
    private final ClerkAvailability availability = new ClerkAvailability(clerk, quotaPause::get, ClerkApi.ENTERPRISE,
            Duration.ofSeconds(15), BREAKER_DELAY, clock);

    @Test
    void aRejectedKeyHoldsDispatchUntilAProbeIsAccepted() {
        availability.observe(new ClerkOutcome.KeyRejected(new Exchange(401, "clerk_key_invalid", "invalid", null, 3L)));
        clerk.then(new ClerkOutcome.KeyRejected(new Exchange(401, "clerk_key_invalid", "invalid", null, 3L)));

        assertEquals(Duration.ofSeconds(15), availability.holdFor());
        assertEquals(Duration.ofSeconds(15), availability.holdFor(), "no second probe before the interval");
        assertEquals(1, clerk.calls().size());
        assertTrue(availability.keyRejection().orElseThrow().contains("clerk_key_invalid"));

        clock.advance(Duration.ofSeconds(15));
        assertEquals(Duration.ZERO, availability.holdFor());
        assertEquals("GET /enterprise_connections?limit=1&offset=0", clerk.calls().get(1));
        assertTrue(availability.keyRejection().isEmpty());
    }

    @Test
    void anOpenBreakerHoldsDispatchForItsDelay() {
        Duration delay = availability.observe(new ClerkOutcome.Unavailable(Exchange.notSent(),
                ClerkOutcome.Unavailable.Cause.CIRCUIT_OPEN, "open"));

        assertEquals(BREAKER_DELAY, delay);
        assertEquals(BREAKER_DELAY, availability.holdFor());
        clock.advance(BREAKER_DELAY);
        assertEquals(Duration.ZERO, availability.holdFor());
    }

    @Test
    void clerksRetryAfterHoldsDispatchThroughTheSharedQuota() {
        quotaPause.set(Duration.ofSeconds(3));

        assertEquals(Duration.ofSeconds(3), availability.holdFor());
        assertEquals(0, clerk.calls().size());
    }
}
