package io.ssosync.clerk;

/**
 * A call whose outcome is unknown or temporary: a 429, a 5xx, a time-out or a broken connection. It
 * counts towards the circuit breaker; the command it belongs to is retried later.
 */
public class ClerkCallFailedException extends RuntimeException {

    private final ClerkResponse response;

    public ClerkCallFailedException(ClerkResponse response) {
        super("Clerk answered " + response.status() + (response.errorCode() == null ? "" : " " + response.errorCode()));
        this.response = response;
    }

    /** Clerk's answer. */
    public ClerkResponse response() {
        return response;
    }
}
