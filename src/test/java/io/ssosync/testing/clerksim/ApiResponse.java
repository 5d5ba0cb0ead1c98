package io.ssosync.testing.clerksim;

import com.fasterxml.jackson.databind.JsonNode;

/** What the simulator answers to one Backend API request. */
record ApiResponse(int status, JsonNode body, Integer retryAfterSeconds) {

    static ApiResponse of(int status, JsonNode body) {
        return new ApiResponse(status, body, null);
    }
}
