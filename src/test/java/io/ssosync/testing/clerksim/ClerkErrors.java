package io.ssosync.testing.clerksim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.UUID;

/**
 * Builds Clerk's error envelope {@code {"errors":[...],"meta":{},"clerk_trace_id":"..."}} and the errors the
 * simulator answers with. Codes are the ones Clerk documents (see shared NOTES.md); messages name the offending
 * parameter so that a failing test tells what was wrong.
 */
final class ClerkErrors {

    private ClerkErrors() {
    }

    static ObjectNode envelope(List<ClerkError> errors) {
        ObjectNode body = Json.object();
        ArrayNode array = body.putArray("errors");
        for (ClerkError error : errors) {
            ObjectNode node = array.addObject();
            node.put("message", error.message());
            node.put("long_message", error.longMessage());
            node.put("code", error.code());
            ObjectNode meta = node.putObject("meta");
            if (error.paramName() != null) {
                meta.put("param_name", error.paramName());
            }
        }
        body.putObject("meta");
        body.put("clerk_trace_id", UUID.randomUUID().toString().replace("-", ""));
        return body;
    }

    static ClerkError missing(String param) {
        return ClerkError.forParam("form_param_missing", param, param + " is missing",
                param + " is missing. It is required for this request.");
    }

    static ClerkError unknown(String param) {
        return ClerkError.forParam("form_param_unknown", param, param + " is unknown",
                param + " is not a valid parameter for this request.");
    }

    static ClerkError formatInvalid(String param, String detail) {
        return ClerkError.forParam("form_param_format_invalid", param, param + " is invalid", detail);
    }

    static ClerkApiException unprocessable(ClerkError error) {
        return new ClerkApiException(422, error);
    }

    static ClerkApiException invalid(String param, String detail) {
        return unprocessable(formatInvalid(param, detail));
    }

    static ClerkApiException domainTaken(String domain) {
        return unprocessable(ClerkError.forParam("form_identifier_exists", "domains",
                "domain " + domain + " is already in use",
                "The domain " + domain + " is already used by another SSO connection of this instance."));
    }

    static ClerkApiException notFound() {
        return new ClerkApiException(404, ClerkError.of("resource_not_found", "not found", "Resource not found"));
    }

    static ClerkApiException authenticationMissing() {
        return new ClerkApiException(401, ClerkError.of("authentication_invalid", "Invalid authentication",
                "Unable to authenticate the request: no Authorization: Bearer <secret key> header was sent."));
    }

    static ClerkApiException keyInvalid() {
        return new ClerkApiException(401, ClerkError.of("clerk_key_invalid", "Secret Key is invalid",
                "The provided Clerk Secret Key is invalid. Make sure that your Clerk Secret Key is correct."));
    }

    static ClerkApiException tooManyRequests(int retryAfterSeconds) {
        return new ClerkApiException(429, List.of(ClerkError.of("too_many_requests", "Too many requests",
                "Too many requests, retry after " + retryAfterSeconds + " seconds.")), retryAfterSeconds);
    }

    /** The error body for an injected fault: the code a real Clerk uses for that status where one is known. */
    static ClerkApiException injected(int status, Integer retryAfterSeconds) {
        ClerkError error = switch (status) {
            case 401 -> ClerkError.of("authentication_invalid", "Invalid authentication", "Injected 401.");
            case 403 -> ClerkError.of("authorization_invalid", "Unauthorized request", "Injected 403.");
            case 404 -> ClerkError.of("resource_not_found", "not found", "Injected 404.");
            case 409 -> ClerkError.of("resource_locked", "Resource locked", "Injected 409.");
            case 429 -> ClerkError.of("too_many_requests", "Too many requests", "Injected 429.");
            case 500 -> ClerkError.of("internal_clerk_error", "Oops, an unexpected error occurred",
                    "There was an internal error on our servers. We've been notified and are working on fixing it.");
            default -> ClerkError.of(status >= 500 ? "service_unavailable" : "simulated_error",
                    "Injected " + status, "Injected " + status + " by the Clerk simulator.");
        };
        return new ClerkApiException(status, List.of(error), retryAfterSeconds);
    }
}
