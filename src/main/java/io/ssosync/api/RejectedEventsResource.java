package io.ssosync.api;

import java.util.List;
import java.util.Map;

import io.ssosync.http.Problem;
import io.ssosync.http.ProblemException;
import io.ssosync.ingest.EventIntake;
import io.ssosync.ingest.RejectedEventStore;
import io.ssosync.operator.EventReplays;
import io.ssosync.security.Actors;
import io.ssosync.security.Roles;
import io.ssosync.support.jdbc.Transactions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Events that broke the contract: every role lists them; an operator replays one once the registry has fixed
 * its data, and is recorded as having done so.
 */
@Tag(name = "rejected events")
@Path("/api/rejected-events")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.VIEWER, Roles.AUDITOR, Roles.OPERATOR })
public class RejectedEventsResource {

    private final RejectedEventStore rejections;
    private final EventReplays replays;
    private final Transactions transactions;
    private final Actors actors;

    public RejectedEventsResource(RejectedEventStore rejections, EventReplays replays, Transactions transactions,
            Actors actors) {
        this.rejections = rejections;
        this.replays = replays;
        this.transactions = transactions;
        this.actors = actors;
    }

    @Operation(summary = "List events that broke the contract", description = "With the reason naming the field, the redacted payload and the dead-letter copy's status.")
    @APIResponse(responseCode = "200", description = "the rejected events, newest first")
    @GET
    public List<RejectedEventView> list(@QueryParam("limit") @DefaultValue("100") int limit) {
        int size = Math.max(1, Math.min(limit, 1000));
        return transactions.inTransaction(c -> rejections.list(c, size)).stream().map(RejectedEventView::of).toList();
    }

    @Operation(summary = "Get one rejected event")
    @APIResponse(responseCode = "200", description = "the rejected event")
    @APIResponse(responseCode = "404", description = "no rejected event has this id", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @GET
    @Path("/{id}")
    public RejectedEventView get(@PathParam("id") long id) {
        return transactions.inTransaction(c -> rejections.find(c, id)).map(RejectedEventView::of)
                .orElseThrow(() -> new ProblemException(Problem.of(404, "no rejected event has this id")));
    }

    /**
     * Runs the stored event through intake again, or the corrected CloudEvents envelope in the body.
     * 200 with the outcome if it was accepted now; 422 with the reason if it is still invalid; recorded with the
     * caller either way.
     */
    @Operation(summary = "Replay a rejected event", description = "The stored event, or the corrected envelope sent as the body, through intake again; role operator.")
    @APIResponse(responseCode = "200", description = "the event was accepted now", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "example", value = "{\"id\": 7, \"outcome\": \"CHANGED\"}")))
    @APIResponse(responseCode = "404", description = "no rejected event has this id", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "422", description = "the event is still invalid: reason names the field", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @POST
    @Path("/{id}/replay")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.OPERATOR)
    public Response replay(@PathParam("id") long id, @QueryParam("reason") String reason, byte[] correctedEnvelope) {
        EventIntake.Result result = replays.replay(actors.current(), id,
                QueryValues.optional(reason), correctedEnvelope)
                .orElseThrow(() -> new ProblemException(Problem.of(404, "no rejected event has this id")));
        if (result.rejected()) {
            String why = result.rejection().getMessage();
            return Problem.of(422, "the event still breaks the contract: " + why).with("id", id).with("reason", why)
                    .response();
        }
        return Response.ok(Map.of("id", id, "eventId", result.event().id(), "outcome", result.outcome().name()))
                .build();
    }
}
