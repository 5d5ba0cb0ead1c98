package io.ssosync.api;

import io.ssosync.operator.DispatchPause;
import io.ssosync.security.Actors;
import io.ssosync.security.Roles;
import io.ssosync.sync.store.DispatchControlStore.State;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Pausing and resuming the calls to Clerk for every replica; events are still taken in meanwhile. */
@Path("/api/dispatch")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.VIEWER, Roles.AUDITOR, Roles.OPERATOR })
public class DispatchResource {

    private final DispatchPause pause;
    private final Actors actors;

    public DispatchResource(DispatchPause pause, Actors actors) {
        this.pause = pause;
        this.actors = actors;
    }

    @GET
    public State state() {
        return pause.state();
    }

    @POST
    @Path("/pause")
    @RolesAllowed(Roles.OPERATOR)
    public State pause(@QueryParam("reason") String reason) {
        return pause.set(true, actors.current(), blankToNull(reason));
    }

    @POST
    @Path("/resume")
    @RolesAllowed(Roles.OPERATOR)
    public State resume(@QueryParam("reason") String reason) {
        return pause.set(false, actors.current(), blankToNull(reason));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
