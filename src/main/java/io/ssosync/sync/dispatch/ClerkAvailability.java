package io.ssosync.sync.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.ssosync.clerk.ClerkGateway;
import io.ssosync.clerk.ClerkOutcome;
import io.ssosync.clerk.ClerkRequest;
import io.ssosync.clerk.ClerkRequests;
import io.ssosync.sync.domain.ClerkApi;

/**
 * Whether Clerk can take calls now. Dispatch holds while Clerk rejects our secret key (no retry can
 * fix that; one cheap call now and then checks whether it is accepted again), for a while after the
 * circuit breaker opened, and while Clerk asked every replica to pause ({@code quotaPause}: the
 * Retry-After kept in the shared quota).
 */
public final class ClerkAvailability {

    private static final Logger LOG = Logger.getLogger(ClerkAvailability.class);
    private final ClerkGateway clerk;
    private final Supplier<Duration> quotaPause;
    private final ClerkApi api;
    private final Duration keyProbeInterval;
    /** As long as the breaker stays open before it lets a trial call through. */
    private final Duration breakerDelay;
    private final Clock clock;
    private volatile Instant closedUntil = Instant.MIN;
    private volatile String keyRejection;
    private final AtomicReference<Instant> nextKeyProbe;

    public ClerkAvailability(ClerkGateway clerk, Supplier<Duration> quotaPause, ClerkApi api, Duration keyProbeInterval,
            Duration breakerDelay, Clock clock) {
        this.clerk = clerk;
        this.quotaPause = quotaPause;
        this.api = api;
        this.keyProbeInterval = keyProbeInterval;
        this.breakerDelay = breakerDelay;
        this.clock = clock;
        this.nextKeyProbe = new AtomicReference<>(clock.instant());
    }

    /**
     * Learns from a call's outcome.
     *
     * @return the wait Clerk's state asks of the command (an open breaker), or null
     */
    public Duration observe(ClerkOutcome outcome) {
        if (outcome instanceof ClerkOutcome.KeyRejected rejected) {
            keyRejection = rejected.exchange().describe();
            LOG.errorf("Clerk rejected the secret key (%s); dispatch stops until a valid CLERK_SECRET_KEY is"
                    + " accepted", keyRejection);
        } else if (outcome instanceof ClerkOutcome.Unavailable unavailable
                && unavailable.cause() == ClerkOutcome.Unavailable.Cause.CIRCUIT_OPEN) {
            Instant until = clock.instant().plus(breakerDelay);
            if (until.isAfter(closedUntil)) {
                closedUntil = until;
            }
            return breakerDelay;
        }
        return null;
    }

    /** How long to hold off claiming; zero when Clerk can take calls. Probes a rejected key when due. */
    public Duration holdFor() {
        if (keyRejection != null) {
            probeKeyIfDue();
            return keyRejection == null ? Duration.ZERO : keyProbeInterval;
        }
        Duration closed = Duration.between(clock.instant(), closedUntil);
        return closed.isNegative() || closed.isZero() ? quotaPause.get() : closed;
    }

    /** Clerk's answer to our key while it rejects it. */
    public Optional<String> keyRejection() {
        return Optional.ofNullable(keyRejection);
    }

    private void probeKeyIfDue() {
        Instant due = nextKeyProbe.get();
        Instant now = clock.instant();
        if (now.isBefore(due) || !nextKeyProbe.compareAndSet(due, now.plus(keyProbeInterval))) {
            return;
        }
        ClerkOutcome answer = clerk.send(ClerkRequest.list(ClerkRequests.collection(api), 1, 0, null));
        if (answer instanceof ClerkOutcome.Accepted) {
            keyRejection = null;
            LOG.info("Clerk accepts the secret key again; dispatch resumes");
        }
    }
}
