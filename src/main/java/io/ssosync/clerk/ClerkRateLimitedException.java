package io.ssosync.clerk;

/** Clerk answered 429: it is up, so this does not open the circuit breaker. */
public class ClerkRateLimitedException extends ClerkCallFailedException {

    public ClerkRateLimitedException(ClerkResponse response) {
        super(response);
    }
}
