package io.ssosync.clerk;

import java.util.Locale;

/** The operation and outcome tags of a call to Clerk, as the metrics show them. */
final class ClerkCallNames {

    private ClerkCallNames() {
    }

    static String operation(ClerkRequest request) {
        return switch (request.method()) {
            case POST -> "create";
            case PATCH -> "update";
            case DELETE -> "delete";
            case GET -> request.readsOne() ? "get" : "list";
        };
    }

    /**
     * {@code throttled} is Clerk's 429; {@code no_token} is our own quota giving no token in time, and
     * {@code circuit_open} the breaker refusing the call: neither of those two reached Clerk.
     */
    static String outcome(ClerkOutcome outcome) {
        if (outcome instanceof ClerkOutcome.Accepted) {
            return "accepted";
        }
        if (outcome instanceof ClerkOutcome.Refused) {
            return "refused";
        }
        if (outcome instanceof ClerkOutcome.NotFound) {
            return "not_found";
        }
        if (outcome instanceof ClerkOutcome.Throttled) {
            return outcome.exchange().sent() ? "throttled" : "no_token";
        }
        if (outcome instanceof ClerkOutcome.KeyRejected) {
            return "key_rejected";
        }
        if (outcome instanceof ClerkOutcome.InDoubt) {
            return "in_doubt";
        }
        return ((ClerkOutcome.Unavailable) outcome).cause().name().toLowerCase(Locale.ROOT);
    }
}
