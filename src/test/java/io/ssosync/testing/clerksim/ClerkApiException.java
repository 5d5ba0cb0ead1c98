package io.ssosync.testing.clerksim;

import java.util.List;

/** Aborts request handling with an HTTP status and Clerk's error envelope. */
final class ClerkApiException extends RuntimeException {

    private final int status;
    private final List<ClerkError> errors;
    private final Integer retryAfterSeconds;

    ClerkApiException(int status, List<ClerkError> errors, Integer retryAfterSeconds) {
        super(status + " " + errors.get(0).code() + ": " + errors.get(0).longMessage(), null, false, false);
        this.status = status;
        this.errors = List.copyOf(errors);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    ClerkApiException(int status, ClerkError error) {
        this(status, List.of(error), null);
    }

    ApiResponse toResponse() {
        return new ApiResponse(status, ClerkErrors.envelope(errors), retryAfterSeconds);
    }
}
