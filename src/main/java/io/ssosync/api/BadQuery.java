package io.ssosync.api;

import java.util.Map;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** A 400 whose reason names the query parameter at fault. */
final class BadQuery {

    private BadQuery() {
    }

    static WebApplicationException of(String parameter, String problem) {
        return new WebApplicationException(Response.status(400).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("parameter", parameter, "reason", parameter + " " + problem)).build());
    }

    /** The page size asked for, between 1 and {@code max}. */
    static int limit(int limit, int max) {
        if (limit < 1 || limit > max) {
            throw of("limit", "must be between 1 and " + max + ", was " + limit);
        }
        return limit;
    }
}
