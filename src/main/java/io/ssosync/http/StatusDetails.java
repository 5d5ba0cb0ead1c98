package io.ssosync.http;

import java.util.Map;

/** What to tell a client about an error answered by the framework rather than by our code. */
final class StatusDetails {

    private static final Map<Integer, String> DETAILS = Map.of(
            400, "the request is malformed",
            401, "this call needs valid credentials: Authorization: Bearer <token>",
            403, "the credentials are valid but lack a role this call needs",
            404, "there is no resource at this path",
            405, "this resource does not take this method",
            406, "this resource answers only in the media types it produces (application/json)",
            413, "the request body is larger than this server accepts",
            415, "this resource does not take a body of this Content-Type");

    private StatusDetails() {
    }

    static String of(int status) {
        return DETAILS.getOrDefault(status, "the request failed");
    }
}
