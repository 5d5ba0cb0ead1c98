package io.ssosync.http;

import java.util.LinkedHashMap;
import java.util.Map;

import io.vertx.core.json.JsonObject;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem document, the one shape of every error answer. {@code detail} is written by us for the
 * client: it never carries an exception's message, a secret or the raw input.
 */
public record Problem(int status, String detail, Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        extensions = Map.copyOf(extensions);
    }

    public static Problem of(int status, String detail) {
        return new Problem(status, detail, Map.of());
    }

    /** With members beside the standard ones, e.g. the query parameter at fault. */
    public Problem with(String member, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extensions);
        more.put(member, value);
        return new Problem(status, detail, more);
    }

    public String title() {
        return Titles.of(status);
    }

    public Map<String, Object> members() {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("type", "about:blank");
        members.put("title", title());
        members.put("status", status);
        members.put("detail", detail);
        members.putAll(extensions);
        return members;
    }

    public Response response() {
        return Response.status(status).type(MEDIA_TYPE).entity(members()).build();
    }

    public String json() {
        return new JsonObject(members()).encode();
    }
}
