package io.ssosync.clerk;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One call to Clerk, described before it is sent so that it can be audited whatever happens to it. */
public record ClerkRequest(Method method, String collection, String id, ObjectNode body, int limit, int offset) {

    public enum Method {
        GET, POST, PATCH, DELETE
    }

    public static ClerkRequest create(String collection, ObjectNode body) {
        return new ClerkRequest(Method.POST, collection, null, body, 0, 0);
    }

    public static ClerkRequest update(String collection, String id, ObjectNode body) {
        return new ClerkRequest(Method.PATCH, collection, id, body, 0, 0);
    }

    public static ClerkRequest delete(String collection, String id) {
        return new ClerkRequest(Method.DELETE, collection, id, null, 0, 0);
    }

    public static ClerkRequest list(String collection, int limit, int offset) {
        return new ClerkRequest(Method.GET, collection, null, null, limit, offset);
    }

    /** The path below the API's base URL, as the audit trail shows it. */
    public String path() {
        String path = "/" + collection + (id == null ? "" : "/" + id);
        return method == Method.GET ? path + "?limit=" + limit + "&offset=" + offset : path;
    }
}
