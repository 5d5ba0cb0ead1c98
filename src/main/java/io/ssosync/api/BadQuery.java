package io.ssosync.api;

import io.ssosync.http.Problem;
import io.ssosync.http.ProblemException;

/**
 * A 400 problem naming the query parameter at fault; {@code parameter} and {@code reason} are kept as
 * extension members for the clients written against the answer before it was a problem document.
 */
final class BadQuery {

    private BadQuery() {
    }

    static ProblemException of(String parameter, String problem) {
        String reason = parameter + " " + problem;
        return new ProblemException(Problem.of(400, reason).with("parameter", parameter).with("reason", reason));
    }

    /** The page size asked for, between 1 and {@code max}. */
    static int limit(int limit, int max) {
        if (limit < 1 || limit > max) {
            throw of("limit", "must be between 1 and " + max + ", was " + limit);
        }
        return limit;
    }
}
