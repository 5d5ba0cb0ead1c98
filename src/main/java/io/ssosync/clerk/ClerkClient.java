package io.ssosync.clerk;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

import io.ssosync.clerk.ClerkOutcome.Unavailable.Cause;
import io.ssosync.clerk.quota.ClerkQuota;
import io.ssosync.metrics.ClerkMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;

/**
 * The gateway to Clerk: takes a token of the shared quota for every try, sends through the one
 * fault-tolerant entry point, and classifies the answer. Only idempotent calls retry a broken
 * connection on the spot, each retry with a token of its own; Clerk has no idempotency key, so a POST
 * is never resent blindly (dispatch looks the connection up first). A 429 pauses every replica.
 */
@ApplicationScoped
public class ClerkClient implements ClerkGateway {

    private static final Logger LOG = Logger.getLogger(ClerkClient.class);
    private static final int RETRIES_OF_IDEMPOTENT_CALLS = 2;
    private static final Duration RETRY_DELAY = Duration.ofMillis(200);
    /** Well inside a command's lease, so that no other replica takes the command over while it waits. */
    private static final Duration MAX_TOKEN_WAIT = Duration.ofSeconds(10);

    private final ClerkHttp http;
    private final ClerkQuota quota;
    private final ClerkMetrics metrics;
    private final Clock clock;

    public ClerkClient(ClerkHttp http, ClerkQuota quota, ClerkMetrics metrics) {
        this.http = http;
        this.quota = quota;
        this.metrics = metrics;
        this.clock = Clock.systemUTC();
    }

    @Override
    public ClerkOutcome send(ClerkRequest request) {
        int tries = request.method().idempotent() ? 1 + RETRIES_OF_IDEMPOTENT_CALLS : 1;
        for (int attempt = 1; ; attempt++) {
            ClerkOutcome outcome = sendOnce(request);
            if (attempt >= tries || !(outcome instanceof ClerkOutcome.Unavailable unavailable)
                    || unavailable.cause() != Cause.CONNECTION) {
                return outcome;
            }
            LOG.debugf("%s %s: %s; retrying", request.method(), request.path(), unavailable.detail());
            if (!pause(RETRY_DELAY.plusMillis(ThreadLocalRandom.current().nextLong(RETRY_DELAY.toMillis())))) {
                return outcome;
            }
        }
    }

    private ClerkOutcome sendOnce(ClerkRequest request) {
        Duration wait = takeToken();
        if (!wait.isZero()) {
            ClerkOutcome outcome = new ClerkOutcome.Throttled(Exchange.notSent(), wait);
            metrics.call(ClerkCallNames.operation(request), ClerkCallNames.outcome(outcome), null);
            return outcome;
        }
        metrics.tokenTaken();
        long started = System.nanoTime();
        ClerkOutcome outcome;
        try {
            outcome = ClerkAnswers.classify(request, http.exchange(request), elapsed(started), clock);
        } catch (ClerkServerError e) {
            outcome = ClerkAnswers.classify(request, e.answer(), elapsed(started), clock);
        } catch (CircuitBreakerOpenException e) {
            outcome = new ClerkOutcome.Unavailable(Exchange.notSent(), Cause.CIRCUIT_OPEN,
                    "Clerk circuit breaker is open: Clerk failed repeatedly");
        } catch (TimeoutException e) {
            outcome = new ClerkOutcome.Unavailable(Exchange.unanswered(elapsed(started)), Cause.TIMEOUT,
                    "no answer from Clerk in time");
        } catch (ProcessingException e) {
            outcome = new ClerkOutcome.Unavailable(Exchange.unanswered(elapsed(started)), Cause.CONNECTION,
                    "connection to Clerk failed: " + rootMessage(e));
        }
        metrics.call(ClerkCallNames.operation(request), ClerkCallNames.outcome(outcome),
                outcome.exchange().sent() ? Duration.ofNanos(System.nanoTime() - started) : null);
        if (outcome instanceof ClerkOutcome.Throttled throttled) {
            quota.pause(throttled.retryAfter());
            metrics.paused(throttled.retryAfter());
        }
        return outcome;
    }

    /** Zero once a token is taken; else how long until one may be there. */
    private Duration takeToken() {
        try {
            return quota.acquire(MAX_TOKEN_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Duration.ofSeconds(1);
        }
    }

    private static boolean pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : " " + root.getMessage());
    }

    private static long elapsed(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
    }
}
