package io.ssosync.clerk;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One call to Clerk, described before it is sent so that it can be audited whatever happens to it.
 * A list may be narrowed to one organization, as both list endpoints allow.
 */
public record ClerkRequest(Method method, String collection, String id, ObjectNode body, int limit, int offset,
        String organizationId) {

    public enum Method {
        GET, POST, PATCH, DELETE;

        /** Sending it twice does no more than sending it once: a broken connection may be retried on the spot. */
        public boolean idempotent() {
            return this != POST;
        }
    }

    public static ClerkRequest create(String collection, ObjectNode body) {
        return new ClerkRequest(Method.POST, collection, null, body, 0, 0, null);
    }

    public static ClerkRequest update(String collection, String id, ObjectNode body) {
        return new ClerkRequest(Method.PATCH, collection, id, body, 0, 0, null);
    }

    public static ClerkRequest delete(String collection, String id) {
        return new ClerkRequest(Method.DELETE, collection, id, null, 0, 0, null);
    }

    public static ClerkRequest list(String collection, int limit, int offset, String organizationId) {
        return new ClerkRequest(Method.GET, collection, null, null, limit, offset, organizationId);
    }

    /** Reads one connection, to compare what Clerk holds with what we want. */
    public static ClerkRequest get(String collection, String id) {
        return new ClerkRequest(Method.GET, collection, id, null, 0, 0, null);
    }

    /** A GET of one connection rather than of a list page. */
    public boolean readsOne() {
        return method == Method.GET && id != null;
    }

    /** The path below the API's base URL, as the audit trail shows it. */
    public String path() {
        String path = "/" + collection + (id == null ? "" : "/" + id);
        if (method != Method.GET || id != null) {
            return path;
        }
        return path + "?limit=" + limit + "&offset=" + offset
                + (organizationId == null ? "" : "&organization_id=" + organizationId);
    }
}
