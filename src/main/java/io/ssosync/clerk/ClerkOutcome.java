package io.ssosync.clerk;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Clerk's answer to one call, classified once, here: nothing outside this package looks at an HTTP
 * status. Every outcome carries the {@link Exchange} the audit trail records.
 */
public sealed interface ClerkOutcome {

    Exchange exchange();

    /** Clerk did what was asked. {@code body} is its answer: a connection, a list page, or null. */
    record Accepted(Exchange exchange, JsonNode body) implements ClerkOutcome {

        /** The connection id in a create's answer (classification guarantees one). */
        public String connectionId() {
            return body.get("id").asText();
        }
    }

    /** Clerk refused the request for good (400, 402, 403, 409, 410, 422...): retrying cannot help. */
    record Refused(Exchange exchange) implements ClerkOutcome {
    }

    /** The connection an update or delete names is not in Clerk. */
    record NotFound(Exchange exchange) implements ClerkOutcome {
    }

    /** Over the quota: Clerk's 429, or no token of our own bucket in time. Nothing was done. */
    record Throttled(Exchange exchange, Duration retryAfter) implements ClerkOutcome {
    }

    /** Clerk does not accept the secret key (401): nothing goes through until it does. */
    record KeyRejected(Exchange exchange) implements ClerkOutcome {
    }

    /** Clerk could not be reached or failed (5xx, time-out, broken connection, open breaker, garbled list). */
    record Unavailable(Exchange exchange, Cause cause, String detail) implements ClerkOutcome {

        public enum Cause {
            SERVER_ERROR, TIMEOUT, CONNECTION, CIRCUIT_OPEN, GARBLED_ANSWER
        }
    }

    /** A create Clerk answered with success but without a usable connection: it may exist. Look before creating. */
    record InDoubt(Exchange exchange, String reason) implements ClerkOutcome {
    }
}
