package io.ssosync.reconcile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.ssosync.clerk.ClerkGateway;
import io.ssosync.clerk.ClerkOutcome;
import io.ssosync.clerk.ClerkRequest;
import io.ssosync.clerk.ClerkRequests;
import io.ssosync.sync.domain.ClerkApi;

/**
 * Reads every connection Clerk holds on one API, page by page. Each page is one call through the gateway,
 * so it takes a token of the quota the dispatchers share and waits out a 429 like they do; a reconcile
 * never crowds out the commands for long, and gives up rather than wait past its deadline.
 */
final class ClerkInventory {

    /** The most Clerk's list gives per page: the fewest calls for the whole inventory. */
    static final int PAGE = 500;

    /** The inventory could not be read; {@code reason} says what Clerk did. */
    static final class Unreadable extends RuntimeException {
        Unreadable(String reason) {
            super(reason);
        }
    }

    private final ClerkGateway clerk;
    private final Clock clock;
    private final Duration deadline;

    ClerkInventory(ClerkGateway clerk, Clock clock, Duration deadline) {
        this.clerk = clerk;
        this.clock = clock;
        this.deadline = deadline;
    }

    List<HeldConnection> read(ClerkApi api) {
        Instant giveUp = clock.instant().plus(deadline);
        List<HeldConnection> held = new ArrayList<>();
        for (int offset = 0; ; ) {
            ClerkOutcome outcome = clerk.send(ClerkRequest.list(ClerkRequests.collection(api), PAGE, offset, null));
            if (outcome instanceof ClerkOutcome.Throttled throttled) {
                waitOut(throttled.retryAfter(), giveUp);
                continue;
            }
            if (!(outcome instanceof ClerkOutcome.Accepted page)) {
                throw new Unreadable(describe(outcome));
            }
            JsonNode data = page.body().get("data");
            data.forEach(connection -> held.add(HeldConnection.of(api, connection)));
            offset += data.size();
            if (data.isEmpty() || offset >= page.body().get("total_count").asInt()) {
                return held;
            }
        }
    }

    private void waitOut(Duration retryAfter, Instant giveUp) {
        Duration wait = retryAfter.isNegative() || retryAfter.isZero() ? Duration.ofMillis(100) : retryAfter;
        if (clock.instant().plus(wait).isAfter(giveUp)) {
            throw new Unreadable("Clerk's quota stayed exhausted past the reconcile's deadline of " + deadline);
        }
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreadable("interrupted while waiting for Clerk's quota");
        }
    }

    private static String describe(ClerkOutcome outcome) {
        if (outcome instanceof ClerkOutcome.Unavailable unavailable) {
            return unavailable.detail();
        }
        if (outcome instanceof ClerkOutcome.KeyRejected) {
            return "Clerk rejects the secret key; check CLERK_SECRET_KEY";
        }
        return "Clerk answered the list with " + outcome.exchange().describe();
    }
}
