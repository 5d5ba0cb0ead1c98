package io.ssosync.api;

import java.util.List;
import java.util.Map;

import io.ssosync.http.Problem;
import io.ssosync.http.ProblemException;
import io.ssosync.operator.CommandRetries;
import io.ssosync.security.Actors;
import io.ssosync.security.Roles;
import io.ssosync.support.jdbc.Transactions;
import io.ssosync.sync.domain.CommandStatus;
import io.ssosync.sync.store.CommandQuery;
import io.ssosync.sync.store.CommandRetry;
import io.ssosync.sync.store.CommandStore;
import io.ssosync.sync.store.ListedCommand;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
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

/** The outbox as operators see it: what waits, runs, failed or is parked, and the retry of one command. */
@Tag(name = "operations")
@Path("/api/commands")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.VIEWER, Roles.AUDITOR, Roles.OPERATOR })
public class CommandsResource {

    private static final int MAX_LIMIT = 1000;

    private final Transactions transactions;
    private final CommandStore commands;
    private final CommandRetries retries;
    private final Actors actors;

    public CommandsResource(Transactions transactions, CommandStore commands, CommandRetries retries, Actors actors) {
        this.transactions = transactions;
        this.commands = commands;
        this.retries = retries;
        this.actors = actors;
    }

    /** Commands in id order (oldest first), a page at a time, narrowed by status, tenant and connection. */
    @Operation(summary = "List outbox commands", description = "Oldest first, a page at a time, narrowed by status, tenant and connection; never the target's settings.")
    @APIResponse(responseCode = "200", description = "a page of commands")
    @GET
    public Page<CommandView> list(@QueryParam("status") String status, @QueryParam("tenantId") String tenantId,
            @QueryParam("connectionKey") String connectionKey, @QueryParam("limit") @DefaultValue("100") int limit,
            @QueryParam("cursor") String cursor) {
        int size = BadQuery.limit(limit, MAX_LIMIT);
        CommandQuery query = new CommandQuery(QueryValues.oneOf("status", status, CommandStatus.class), QueryValues.optional(tenantId), QueryValues.optional(connectionKey),
                afterId(PageCursor.decode(cursor)));
        List<ListedCommand> rows = transactions.inTransaction(c -> commands.page(c, query, size + 1));
        return Page.of(rows, size, row -> String.valueOf(row.id()), CommandView::of);
    }

    /**
     * Puts a FAILED or DEAD command back in line. A FAILED command that a later one of its connection has
     * overtaken is not resent (it would undo the later one): resync the connection instead.
     */
    @Operation(summary = "Retry one failed or parked command", description = "Role operator; recorded with the caller.")
    @APIResponse(responseCode = "200", description = "the command was put back in line", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "example", value = "{\"commandId\": 41, \"connectionKey\": \"idp_7f3a\", \"outcome\": \"REQUEUED\"}")))
    @APIResponse(responseCode = "404", description = "no command has this id", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "409", description = "the command is not FAILED or DEAD, or a later command overtook it", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @POST
    @Path("/{id}/retry")
    @RolesAllowed(Roles.OPERATOR)
    public Map<String, Object> retry(@PathParam("id") long id, @QueryParam("reason") String reason) {
        CommandRetry outcome = retries.retry(actors.current(), id, QueryValues.optional(reason));
        if (outcome instanceof CommandRetry.Requeued requeued) {
            return Map.of("commandId", id, "connectionKey", requeued.connectionKey(), "outcome", "REQUEUED");
        }
        if (outcome instanceof CommandRetry.NotRetryable refused) {
            throw new ProblemException(Problem.of(409, "the command is " + refused.status()
                    + "; only FAILED and DEAD commands are retried").with("status", refused.status().name()));
        }
        if (outcome instanceof CommandRetry.Overtaken overtaken) {
            throw new ProblemException(Problem.of(409, "a later command (" + overtaken.laterCommandId()
                    + ") of the connection carries a newer desired state; resync the connection instead")
                    .with("laterCommandId", overtaken.laterCommandId()));
        }
        throw new ProblemException(Problem.of(404, "no command has this id"));
    }

    private static Long afterId(String position) {
        if (position == null) {
            return null;
        }
        try {
            return Long.parseLong(position);
        } catch (NumberFormatException e) {
            throw BadQuery.of("cursor", "is not a cursor this API gave out");
        }
    }
}
