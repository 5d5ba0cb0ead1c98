package io.ssosync.clerk;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Clerk's answer to one call. For an error, {@code errorCode} and {@code errorMessage} come from the
 * first entry of Clerk's error envelope.
 */
public record ClerkResponse(int status, JsonNode body, String errorCode, String errorMessage, String traceId,
        Long retryAfterSeconds) {

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** The connection id in a success body. */
    public String connectionId() {
        return body == null || body.get("id") == null ? null : body.get("id").asText();
    }
}
