package io.ssosync.http;

import java.util.Map;

import jakarta.ws.rs.core.Response;

/** The title of each status we answer, as RFC 9110 names it ("about:blank" problems use it as their title). */
final class Titles {

    private static final Map<Integer, String> TITLES = Map.ofEntries(
            Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(406, "Not Acceptable"),
            Map.entry(413, "Content Too Large"), Map.entry(415, "Unsupported Media Type"),
            Map.entry(422, "Unprocessable Content"), Map.entry(500, "Internal Server Error"),
            Map.entry(503, "Service Unavailable"));

    private Titles() {
    }

    static String of(int status) {
        String title = TITLES.get(status);
        if (title != null) {
            return title;
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        return known == null ? "HTTP " + status : known.getReasonPhrase();
    }
}
