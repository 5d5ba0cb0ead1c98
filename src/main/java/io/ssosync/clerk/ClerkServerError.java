package io.ssosync.clerk;

/** A 5xx: thrown inside the fault-tolerant call so that the circuit breaker counts it, then classified. */
class ClerkServerError extends RuntimeException {

    private final transient RawAnswer answer;

    ClerkServerError(RawAnswer answer) {
        super("Clerk answered " + answer.status(), null, false, false);
        this.answer = answer;
    }

    RawAnswer answer() {
        return answer;
    }
}
