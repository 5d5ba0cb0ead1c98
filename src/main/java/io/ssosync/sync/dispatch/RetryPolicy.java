package io.ssosync.sync.dispatch;

import java.time.Clock;
import java.time.Duration;

import io.ssosync.sync.domain.Backoff;
import io.ssosync.sync.store.SyncCommand;

/**
 * When a command that hit a setback is tried again: after Clerk's own delay where it gave one,
 * else after an exponential backoff; and never past the maximum age, after which it is parked as DEAD
 * for an operator. Every setback counts, a command that did not converge as much as a 503.
 */
public final class RetryPolicy {

    /** What becomes of the command. */
    public sealed interface Next {
        record RetryIn(Duration delay) implements Next {
        }

        record Park(String reason) implements Next {
        }
    }

    private final Backoff backoff;
    private final Duration maxAge;
    private final Clock clock;

    public RetryPolicy(Backoff backoff, Duration maxAge, Clock clock) {
        this.backoff = backoff;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** @param delay the wait Clerk asked for (Retry-After, open breaker), or null for the backoff */
    public Next after(SyncCommand command, Duration delay, String error) {
        if (command.retryingSince().plus(maxAge).isBefore(clock.instant())) {
            return new Next.Park("parked after retrying for more than " + maxAge + ": " + error);
        }
        return new Next.RetryIn(delay != null ? delay : backoff.delayAfter(command.attempts()));
    }
}
