package io.ssosync.api;

import java.util.Map;

import io.ssosync.operator.Resync;
import io.ssosync.security.Actors;
import io.ssosync.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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

/** Actions on every connection of one tenant. */
@Tag(name = "operations")
@Path("/api/tenants")
@Produces(MediaType.APPLICATION_JSON)
public class TenantsResource {

    private final Resync resync;
    private final Actors actors;

    public TenantsResource(Resync resync, Actors actors) {
        this.resync = resync;
        this.actors = actors;
    }

    /** Reads each of the tenant's connections from Clerk and re-applies its desired state where Clerk differs. */
    @Operation(summary = "Resync every connection of a tenant", description = "Role operator.")
    @APIResponse(responseCode = "200", description = "the commands queued", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "example", value = "{\"tenantId\": \"t_acme\", \"queued\": 3}")))
    @POST
    @Path("/{tenantId}/resync")
    @RolesAllowed(Roles.OPERATOR)
    public Map<String, Object> resync(@PathParam("tenantId") String tenantId, @QueryParam("reason") String reason) {
        int queued = resync.tenant(actors.current(), tenantId, QueryValues.optional(reason));
        return Map.of("tenantId", tenantId, "queued", queued);
    }
}
