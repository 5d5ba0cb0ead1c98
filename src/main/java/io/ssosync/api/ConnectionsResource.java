package io.ssosync.api;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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

/**
 * Each connection's sync state and audit trail, the replay of its parked commands and its resync. Reading the
 * state is for every role; the history is for auditors, the retry and resync for operators (who are recorded
 * as making them).
 */
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
    @GET
    public Page<ConnectionView> list(@QueryParam("tenantId") String tenantId, @QueryParam("status") String status,
            @QueryParam("limit") @DefaultValue("100") int limit, @QueryParam("cursor") String cursor) {
        int size = BadQuery.limit(limit, MAX_LIMIT);
        ConnectionQuery query = new ConnectionQuery(blankToNull(tenantId), status(status), PageCursor.decode(cursor));
        List<StoredConnection> rows = transactions.inTransaction(c -> connections.page(c, query, size + 1));
        return Page.of(rows, size, StoredConnection::connectionKey, ConnectionView::of);
    }

    @GET
    @Path("/{connectionKey}")
    public ConnectionView get(@PathParam("connectionKey") String connectionKey) {
        return transactions.inTransaction(c -> connections.find(c, connectionKey))
                .map(ConnectionView::of)
                .orElseThrow(() -> new ProblemException(Problem.of(404, "no connection has this key")));
    }

    /** Every attempt to sync the connection, newest first. Request bodies are redacted. */
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
            actions.append(c, OperatorAction.retry(actor, connectionKey, blankToNull(reason), count));
            return count;
        });
        return Map.of("connectionKey", connectionKey, "requeued", requeued);
    }

    /**
     * Reads the connection from Clerk and re-applies its desired state where Clerk differs, through the
     * outbox in the connection's order; recorded with the caller.
     */
    @POST
    @Path("/{connectionKey}/resync")
    @RolesAllowed(Roles.OPERATOR)
    public Map<String, Object> resync(@PathParam("connectionKey") String connectionKey,
            @QueryParam("reason") String reason) {
        int queued = resync.connection(actors.current(), connectionKey, blankToNull(reason))
                .orElseThrow(() -> new ProblemException(Problem.of(404, "no connection has this key")));
        return Map.of("connectionKey", connectionKey, "queued", queued);
    }

    private static SyncStatus status(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return SyncStatus.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            // The value given is not quoted back: a problem never echoes raw input.
            throw BadQuery.of("status", "must be one of " + Arrays.toString(SyncStatus.values()));
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static int clamp(int limit) {
        return Math.max(1, Math.min(limit, MAX_LIMIT));
    }
}
