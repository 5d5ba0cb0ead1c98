package io.ssosync.http;

import java.util.concurrent.CompletionException;

import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/** The status a request failed in Vert.x should answer with. */
final class FailureStatus {

    private FailureStatus() {
    }

    /**
     * @param failure what the request was failed with, if anything
     * @param failedWith the status it was failed with, -1 when none
     * @param alreadySet the status on the response (an authentication challenge sets 401 before failing)
     */
    static int of(Throwable failure, int failedWith, int alreadySet) {
        Throwable cause = unwrapped(failure);
        // A completion failure is a sign-in through the OIDC provider that quarkus-oidc refused (state, nonce,
        // signature...): the person's, not the server's, and its message may quote the token's claims.
        if (cause instanceof AuthenticationFailedException || cause instanceof UnauthorizedException
                || cause instanceof AuthenticationCompletionException) {
            return 401;
        }
        if (cause instanceof ForbiddenException) {
            return 403;
        }
        if (failedWith >= 400) {
            return failedWith;
        }
        return cause == null && alreadySet >= 400 ? alreadySet : 500;
    }

    static Throwable unwrapped(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
