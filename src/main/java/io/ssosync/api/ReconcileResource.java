package io.ssosync.api;

import java.util.Locale;

import io.ssosync.http.Problem;
import io.ssosync.http.ProblemException;
import io.ssosync.reconcile.ReconcileResult;
import io.ssosync.reconcile.ReconcileUnavailableException;
import io.ssosync.reconcile.Reconciliation;
import io.ssosync.security.Actors;
import io.ssosync.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
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

/** What we want against what Clerk holds: the plan of differences, and their repair. */
@Tag(name = "operations")
@Path("/api/reconcile")
@Produces(MediaType.APPLICATION_JSON)
public class ReconcileResource {

    private final Reconciliation reconciliation;
    private final Actors actors;

    public ReconcileResource(Reconciliation reconciliation, Actors actors) {
        this.reconciliation = reconciliation;
        this.actors = actors;
    }

    /**
     * Reads Clerk's list and answers {@code missing}, {@code drifted} and {@code orphans}; {@code mode=apply}
     * also queues their repair. Orphans are adopted only with {@code adoptOrphans=true}, and never deleted.
     */
    @Operation(summary = "Compare what we want with Clerk's list, and repair it", description = "mode=plan only reports; mode=apply repairs through the outbox (role operator).")
    @APIResponse(responseCode = "200", description = "the findings", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "example", value = "{\"runId\": \"r_1\", \"mode\": \"plan\", \"missing\": [], \"drifted\": [], \"orphans\": [], \"adopted\": [], \"queued\": 0}")))
    @APIResponse(responseCode = "503", description = "Clerk's list could not be read", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @POST
    @RolesAllowed(Roles.OPERATOR)
    public ReconcileResult reconcile(@QueryParam("mode") @DefaultValue("plan") String mode,
            @QueryParam("adoptOrphans") @DefaultValue("false") String adoptOrphans,
            @QueryParam("reason") String reason) {
        Reconciliation.Mode run = mode(mode);
        boolean adopt = flag(adoptOrphans);
        if (adopt && run == Reconciliation.Mode.PLAN) {
            throw BadQuery.of("adoptOrphans", "only applies to mode=apply");
        }
        try {
            return reconciliation.run(run, adopt, actors.current(), QueryValues.optional(reason));
        } catch (ReconcileUnavailableException e) {
            throw new ProblemException(Problem.of(503, "Clerk's list could not be read: " + e.getMessage()));
        }
    }

    /** The last run's result, scheduled or asked for, without asking Clerk again. */
    @Operation(summary = "The last reconcile's findings")
    @APIResponse(responseCode = "200", description = "the last run's answer")
    @APIResponse(responseCode = "404", description = "no reconcile has run yet", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @GET
    @Path("/last")
    @RolesAllowed({ Roles.VIEWER, Roles.AUDITOR, Roles.OPERATOR })
    public ReconcileResult last() {
        return reconciliation.last()
                .orElseThrow(() -> new ProblemException(Problem.of(404, "no reconcile has run yet")));
    }

    private static Reconciliation.Mode mode(String value) {
        try {
            return Reconciliation.Mode.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw BadQuery.of("mode", "must be plan or apply");
        }
    }

    private static boolean flag(String value) {
        if ("true".equalsIgnoreCase(value.trim())) {
            return true;
        }
        if ("false".equalsIgnoreCase(value.trim())) {
            return false;
        }
        throw BadQuery.of("adoptOrphans", "must be true or false");
    }
}
