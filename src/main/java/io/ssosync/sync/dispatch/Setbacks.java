package io.ssosync.sync.dispatch;

import java.time.Duration;

import io.ssosync.clerk.ClerkOutcome;
import io.ssosync.clerk.ClerkRequest;
import io.ssosync.sync.store.SyncCommand;

/**
 * What a call that did not get what it asked for means for its command: a refusal fails it for good;
 * anything else (throttled, key rejected, Clerk unavailable, an answer in doubt) is tried again later
 * under the retry policy, or parked once the command is past its maximum age.
 */
public final class Setbacks {

    private final AttemptRecorder recorder;
    private final RetryPolicy retries;
    private final ClerkAvailability availability;

    public Setbacks(AttemptRecorder recorder, RetryPolicy retries, ClerkAvailability availability) {
        this.recorder = recorder;
        this.retries = retries;
        this.availability = availability;
    }

    /**
     * @param ofCreate whether the call was the create itself: then an outcome that proves Clerk made
     *                 nothing (refused, throttled, key rejected, never sent) settles the doubt; a refused
     *                 lookup leaves it in place
     */
    public void handle(SyncCommand claim, ClerkRequest request, ClerkOutcome outcome, boolean ofCreate) {
        boolean settlesCreate = ofCreate && madeNothing(outcome);
        if (outcome instanceof ClerkOutcome.Refused || outcome instanceof ClerkOutcome.NotFound) {
            recorder.refused(claim, request, outcome.exchange(), settlesCreate);
            return;
        }
        Duration delay = availability.observe(outcome);
        String error = describe(outcome);
        if (outcome instanceof ClerkOutcome.Throttled throttled) {
            delay = throttled.retryAfter().isZero() ? Duration.ofSeconds(1) : throttled.retryAfter();
        }
        recorder.setback(claim, request, outcome.exchange(), error, retries.after(claim, delay, error),
                settlesCreate);
    }

    private static boolean madeNothing(ClerkOutcome outcome) {
        return outcome instanceof ClerkOutcome.Refused || outcome instanceof ClerkOutcome.Throttled
                || outcome instanceof ClerkOutcome.KeyRejected || !outcome.exchange().sent();
    }

    /** A command that took its steps without reaching its target: retried like any other setback. */
    public void notConverged(SyncCommand claim, int steps) {
        String error = "did not converge in " + steps + " steps";
        recorder.setback(claim, null, null, error, retries.after(claim, null, error), false);
    }

    private static String describe(ClerkOutcome outcome) {
        if (outcome instanceof ClerkOutcome.Unavailable unavailable) {
            return unavailable.detail();
        }
        if (outcome instanceof ClerkOutcome.InDoubt inDoubt) {
            return inDoubt.reason() + "; it is looked up before any new create";
        }
        if (outcome instanceof ClerkOutcome.Throttled throttled) {
            return throttled.exchange().sent() ? throttled.exchange().describe()
                    : "waiting for Clerk's request quota";
        }
        return outcome.exchange().describe();
    }
}
