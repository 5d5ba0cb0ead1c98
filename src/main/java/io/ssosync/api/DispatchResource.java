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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import io.ssosync.http.Problem;

/** Pausing and resuming the calls to Clerk for every replica; events are still taken in meanwhile. */
@Tag(name = "operations")
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

    @Operation(summary = "Whether calls to Clerk are paused")
    @APIResponse(responseCode = "200", description = "the pause state", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "example", value = "{\"paused\": false, \"changedBy\": null, \"reason\": null, \"changedAt\": null}")))
    @GET
    public State state() {
        return pause.state();
    }

    @Operation(summary = "Pause calls to Clerk on every replica", description = "Role operator; what is in flight finishes.")
    @APIResponse(responseCode = "200", description = "the pause state now")
    @POST
    @Path("/pause")
    @RolesAllowed(Roles.OPERATOR)
    public State pause(@QueryParam("reason") String reason) {
        return pause.set(true, actors.current(), QueryValues.optional(reason));
    }

    @Operation(summary = "Resume calls to Clerk on every replica", description = "Role operator.")
    @APIResponse(responseCode = "200", description = "the pause state now")
    @POST
    @Path("/resume")
    @RolesAllowed(Roles.OPERATOR)
    public State resume(@QueryParam("reason") String reason) {
        return pause.set(false, actors.current(), QueryValues.optional(reason));
    }
}
