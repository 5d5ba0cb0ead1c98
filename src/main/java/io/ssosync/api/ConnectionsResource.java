package io.ssosync.api;

import java.util.List;
import java.util.Map;

import io.ssosync.audit.HistoryEntry;
import io.ssosync.audit.HistoryStore;
import io.ssosync.audit.OperatorAction;
import io.ssosync.audit.OperatorActionStore;
import io.ssosync.http.Problem;
import io.ssosync.http.ProblemException;
import io.ssosync.operator.Resync;
import io.ssosync.security.Actors;
import io.ssosync.security.Roles;
import io.ssosync.support.jdbc.Transactions;
import io.ssosync.sync.domain.SyncStatus;
import io.ssosync.sync.store.CommandStore;
import io.ssosync.sync.store.ConnectionQuery;
import io.ssosync.sync.store.ConnectionStateStore;
import io.ssosync.sync.store.StoredConnection;
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

/**
 * Each connection's sync state and audit trail, the replay of its parked commands and its resync. Reading the
 * state is for every role; the history is for auditors, the retry and resync for operators (who are recorded
 * as making them).
 */
@Tag(name = "connections")
@Path("/api/connections")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.VIEWER, Roles.AUDITOR, Roles.OPERATOR })
public class ConnectionsResource {

    private static final int MAX_LIMIT = 1000;

    private final Transactions transactions;
    private final ConnectionStateStore connections;
    private final HistoryStore history;
    private final CommandStore commands;
    private final OperatorActionStore actions;
    private final Actors actors;
    private final Resync resync;

    public ConnectionsResource(Transactions transactions, ConnectionStateStore connections, HistoryStore history,
            CommandStore commands, OperatorActionStore actions, Actors actors, Resync resync) {
        this.resync = resync;
        this.transactions = transactions;
        this.connections = connections;
        this.history = history;
        this.commands = commands;
        this.actions = actions;
        this.actors = actors;
    }

    /** Connections in key order, a page at a time, narrowed by tenant and status where given. */
    @Operation(summary = "List connections", description = "Sync state of every connection, a page at a time, narrowed by tenant and status.")
    @APIResponse(responseCode = "200", description = "a page of connections: items and nextCursor")
    @GET
    public Page<ConnectionView> list(@QueryParam("tenantId") String tenantId, @QueryParam("status") String status,
            @QueryParam("limit") @DefaultValue("100") int limit, @QueryParam("cursor") String cursor) {
        int size = BadQuery.limit(limit, MAX_LIMIT);
        ConnectionQuery query = new ConnectionQuery(QueryValues.optional(tenantId), QueryValues.oneOf("status", status, SyncStatus.class), PageCursor.decode(cursor));
        List<StoredConnection> rows = transactions.inTransaction(c -> connections.page(c, query, size + 1));
        return Page.of(rows, size, StoredConnection::connectionKey, ConnectionView::of);
    }

    @Operation(summary = "Get one connection's sync state")
    @APIResponse(responseCode = "200", description = "the connection's sync state", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "example", value = "{\"connectionKey\": \"idp_7f3a\", \"tenantId\": \"t_acme\", \"status\": \"SYNCED\", \"desiredVersion\": 12, \"appliedVersion\": 12}")))
    @APIResponse(responseCode = "404", description = "no connection has this key", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @GET
    @Path("/{connectionKey}")
    public ConnectionView get(@PathParam("connectionKey") String connectionKey) {
        return transactions.inTransaction(c -> connections.find(c, connectionKey))
                .map(ConnectionView::of)
                .orElseThrow(() -> new ProblemException(Problem.of(404, "no connection has this key")));
    }

    /** Every attempt to sync the connection, newest first. Request bodies are redacted. */
    @Operation(summary = "List a connection's attempts to bring Clerk to its target", description = "Newest first: the call, its redacted body, Clerk's answer and error, the source event and the trace id (role auditor).")
    @APIResponse(responseCode = "200", description = "the attempts, newest first", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "example", value = "[{\"at\": \"2026-11-25T10:00:01Z\", \"commandId\": 41, \"operation\": \"CREATE\", \"method\": \"POST\", \"path\": \"/enterprise_connections\", \"httpStatus\": 200, \"outcome\": \"SUCCEEDED\", \"clerkTraceId\": \"b1946ac9\", \"sourceEventId\": \"evt_1\", \"traceId\": \"4bf92f3577b34da6a3ce929d0e0e4736\"}]")))
    @GET
    @Path("/{connectionKey}/history")
    @RolesAllowed(Roles.AUDITOR)
    public List<HistoryEntry> history(@PathParam("connectionKey") String connectionKey,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        get(connectionKey);
        return transactions.inTransaction(c -> history.forConnection(c, connectionKey, clamp(limit)));
    }

    /**
     * Puts the connection's parked (DEAD) commands back in line, once whatever kept Clerk failing is fixed; who
     * asked, and why if they said, is recorded in the same transaction, also when nothing was parked.
     */
    @Operation(summary = "Put a connection's parked commands back in line", description = "Recorded with the caller and the optional reason (role operator).")
    @APIResponse(responseCode = "200", description = "how many commands were put back")
    @POST
    @Path("/{connectionKey}/retry")
    @RolesAllowed(Roles.OPERATOR)
    public Map<String, Object> retry(@PathParam("connectionKey") String connectionKey,
            @QueryParam("reason") String reason) {
        get(connectionKey);
        String actor = actors.current();
        int requeued = transactions.inTransaction(c -> {
            int count = commands.replayDead(c, connectionKey);
            if (count > 0) {
                connections.saveStatus(c, connectionKey, SyncStatus.PENDING, null);
            }
            actions.append(c, OperatorAction.retry(actor, connectionKey, QueryValues.optional(reason), count));
            return count;
        });
        return Map.of("connectionKey", connectionKey, "requeued", requeued);
    }

    /**
     * Reads the connection from Clerk and re-applies its desired state where Clerk differs, through the
     * outbox in the connection's order; recorded with the caller.
     */
    @Operation(summary = "Resync a connection", description = "Queues a command that reads the connection from Clerk and re-applies the desired state where Clerk differs (role operator).")
    @APIResponse(responseCode = "200", description = "the command was queued", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "example", value = "{\"connectionKey\": \"idp_7f3a\", \"queued\": 1}")))
    @APIResponse(responseCode = "404", description = "no connection has this key", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @POST
    @Path("/{connectionKey}/resync")
    @RolesAllowed(Roles.OPERATOR)
    public Map<String, Object> resync(@PathParam("connectionKey") String connectionKey,
            @QueryParam("reason") String reason) {
        int queued = resync.connection(actors.current(), connectionKey, QueryValues.optional(reason))
                .orElseThrow(() -> new ProblemException(Problem.of(404, "no connection has this key")));
        return Map.of("connectionKey", connectionKey, "queued", queued);
    }

    private static int clamp(int limit) {
        return Math.max(1, Math.min(limit, MAX_LIMIT));
    }
}
