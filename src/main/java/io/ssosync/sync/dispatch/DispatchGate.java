package io.ssosync.sync.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Holds this instance's dispatch while Clerk cannot take calls: for a while after the circuit breaker
 * opened, and for as long as Clerk rejects our secret key (401), which no retry can fix.
 */
@ApplicationScoped
public class DispatchGate {

    private volatile Instant closedUntil = Instant.MIN;
    private volatile String keyRejection;

    public void closeFor(Duration duration) {
        Instant until = Instant.now().plus(duration);
        if (until.isAfter(closedUntil)) {
            closedUntil = until;
        }
    }

    /** How long dispatch stays closed; zero if open. */
    public Duration closedFor() {
        Duration left = Duration.between(Instant.now(), closedUntil);
        return left.isNegative() ? Duration.ZERO : left;
    }

    public void keyRejected(String clerkError) {
        keyRejection = clerkError;
    }

    public void keyAccepted() {
        keyRejection = null;
    }

    /** Clerk's answer to our key while it rejects it. */
    public Optional<String> keyRejection() {
        return Optional.ofNullable(keyRejection);
    }
}
