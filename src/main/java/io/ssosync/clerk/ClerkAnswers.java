package io.ssosync.clerk;

import java.io.IOException;
import java.time.Clock;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ssosync.clerk.ClerkOutcome.Unavailable.Cause;

/**
 * Classifies Clerk's raw answers. An answer that is not what Clerk documents is never taken at its
 * word: a create without a connection id is in doubt, a list page without {@code data} or
 * {@code total_count} is garbled and stops the lookup.
 */
final class ClerkAnswers {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ClerkAnswers() {
    }

    static ClerkOutcome classify(ClerkRequest request, RawAnswer raw, long durationMs, Clock clock) {
        JsonNode body = parse(raw.body());
        Exchange exchange = exchange(raw.status(), body, durationMs);
        int status = raw.status();
        if (status >= 200 && status < 300) {
            return success(request, exchange, body);
        }
        if (status == 401) {
            return new ClerkOutcome.KeyRejected(exchange);
        }
        if (status == 429) {
            return new ClerkOutcome.Throttled(exchange, RetryAfter.parse(raw.retryAfter(), clock));
        }
        if (status == 404 && (request.method() == ClerkRequest.Method.PATCH
                || request.method() == ClerkRequest.Method.DELETE || request.readsOne())) {
            return new ClerkOutcome.NotFound(exchange);
        }
        if (status >= 400 && status < 500) {
            return new ClerkOutcome.Refused(exchange);
        }
        if (status >= 500) {
            return new ClerkOutcome.Unavailable(exchange, Cause.SERVER_ERROR, exchange.describe());
        }
        String unexpected = "Clerk answered " + status + ", which its API does not document";
        return request.method() == ClerkRequest.Method.POST ? new ClerkOutcome.InDoubt(exchange, unexpected)
                : new ClerkOutcome.Unavailable(exchange, Cause.GARBLED_ANSWER, unexpected);
    }

    private static ClerkOutcome success(ClerkRequest request, Exchange exchange, JsonNode body) {
        switch (request.method()) {
            case POST -> {
                if (body == null || !body.path("id").isTextual() || body.get("id").asText().isBlank()) {
                    return new ClerkOutcome.InDoubt(exchange, "Clerk answered " + exchange.status()
                            + " to a create without a connection id");
                }
            }
            case GET -> {
                if (request.readsOne()) {
                    if (body == null || !body.path("id").isTextual()) {
                        return new ClerkOutcome.Unavailable(exchange, Cause.GARBLED_ANSWER, "Clerk answered "
                                + exchange.status() + " to a read of a connection without the connection");
                    }
                } else if (body == null || !body.path("data").isArray() || !body.path("total_count").isNumber()) {
                    return new ClerkOutcome.Unavailable(exchange, Cause.GARBLED_ANSWER, "Clerk answered "
                            + exchange.status() + " to a list without data or total_count");
                }
            }
            default -> {
                // An update or delete Clerk confirmed by its status is done, whatever the body says.
            }
        }
        return new ClerkOutcome.Accepted(exchange, body);
    }

    private static Exchange exchange(int status, JsonNode body, long durationMs) {
        JsonNode first = body == null ? null : body.path("errors").path(0);
        if (first == null || !first.isObject()) {
            return new Exchange(status, null, null, null, durationMs);
        }
        String longMessage = first.path("long_message").asText(null);
        return new Exchange(status, first.path("code").asText(null),
                longMessage != null ? longMessage : first.path("message").asText(null),
                body.path("clerk_trace_id").asText(null), durationMs);
    }

    /** The body as JSON, or null when there is none or it is not JSON (then it is not what Clerk documents). */
    private static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }
}
