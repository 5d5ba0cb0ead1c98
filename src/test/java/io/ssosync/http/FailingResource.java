package io.ssosync.http;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** Test-only: a call that fails the way a bug would, with text in its exception that must not reach the client. */
@Path("/test-only/failure")
public class FailingResource {

    static final String SECRET_TEXT = "leaked-internal-detail-7f3a";

    @GET
    public String fail() {
        throw new IllegalStateException("boom " + SECRET_TEXT);
    }
}
