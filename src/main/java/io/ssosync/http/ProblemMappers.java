package io.ssosync.http;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.security.ForbiddenException;
import io.ssosync.support.jdbc.DatabaseException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/**
 * Turns every exception that leaves a resource into a problem answer. JAX-RS's own exceptions (unknown id,
 * wrong method, unacceptable media type...) keep their status but get a detail of ours: their messages may
 * quote the request.
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response ours(ProblemException e) {
        return e.problem().response();
    }

    @ServerExceptionMapper
    public Response jaxRs(WebApplicationException e, HttpServerRequest request) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return UnexpectedFailure.logged(request.method().name(), request.path(), e).response();
        }
        return Problem.of(status, StatusDetails.of(status)).response();
    }

    /** A role check of {@code @RolesAllowed} that the caller's roles do not pass. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problem.of(403, StatusDetails.of(403)).response();
    }

    @ServerExceptionMapper
    public Response databaseAway(DatabaseException e) {
        // Retrying later works: nothing was changed.
        return Problem.of(503, "the database is unavailable; retry later").response();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpServerRequest request) {
        return UnexpectedFailure.logged(request.method().name(), request.path(), e).response();
    }
}
