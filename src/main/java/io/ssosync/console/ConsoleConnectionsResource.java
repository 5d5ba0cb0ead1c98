package io.ssosync.console;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import io.ssosync.api.CommandView;
import io.ssosync.api.ConnectionView;
import io.ssosync.audit.HistoryEntry;
import io.ssosync.audit.HistoryStore;
import io.ssosync.http.Problem;
import io.ssosync.http.ProblemException;
import io.ssosync.operator.DispatchPause;
import io.ssosync.security.Roles;
import io.ssosync.support.jdbc.Transactions;
import io.ssosync.sync.domain.SyncStatus;
import io.ssosync.sync.store.CommandQuery;
import io.ssosync.sync.store.CommandStore;
import io.ssosync.sync.store.ConnectionQuery;
import io.ssosync.sync.store.ConnectionStateStore;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The connections at a glance, failures first, and one connection with its commands and Clerk's answers. */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({ Roles.VIEWER, Roles.AUDITOR, Roles.OPERATOR })
@Blocking
public class ConsoleConnectionsResource {

    /** The order the list shows: what needs a person first. */
    private static final List<SyncStatus> FAILURES_FIRST = List.of(SyncStatus.FAILED, SyncStatus.PENDING,
            SyncStatus.SYNCED, SyncStatus.DELETED);
    private static final int SHOWN = 500;
    private static final int HISTORY_SHOWN = 100;

    private final Transactions transactions;
    private final ConnectionStateStore connections;
    private final CommandStore commands;
    private final HistoryStore history;
    private final DispatchPause pause;
    private final ConsoleUser me;

    public ConsoleConnectionsResource(Transactions transactions, ConnectionStateStore connections,
            CommandStore commands, HistoryStore history, DispatchPause pause, ConsoleUser me) {
        this.transactions = transactions;
        this.connections = connections;
        this.commands = commands;
        this.history = history;
        this.pause = pause;
        this.me = me;
    }

    @GET
    public Response home() {
        return Response.seeOther(URI.create("/console/connections")).build();
    }

    @GET
    @Path("/connections")
    public TemplateInstance list(@QueryParam("tenantId") String tenantId) {
        String tenant = tenantId == null || tenantId.isBlank() ? null : tenantId.trim();
        List<ConnectionView> shown = new ArrayList<>();
        boolean more = transactions.inTransaction(c -> {
            for (SyncStatus status : FAILURES_FIRST) {
                int room = SHOWN - shown.size();
                if (room == 0) {
                    return true;
                }
                connections.page(c, new ConnectionQuery(tenant, status, null), room).stream()
                        .map(ConnectionView::of).forEach(shown::add);
            }
            return false;
        });
        return ConsolePages.connections(me, shown, tenant == null ? "" : tenant, more, pause.state());
    }

    @GET
    @Path("/connections/{connectionKey}")
    public TemplateInstance connection(@PathParam("connectionKey") String connectionKey) {
        return transactions.inTransaction(c -> {
            ConnectionView connection = connections.find(c, connectionKey).map(ConnectionView::of)
                    .orElseThrow(() -> new ProblemException(Problem.of(404, "no connection has this key")));
            List<CommandView> queued = commands.page(c, new CommandQuery(null, null, connectionKey, null), SHOWN)
                    .stream().map(CommandView::of).toList();
            // The history is the auditors', as on the API.
            List<HistoryEntry> attempts = me.canAudit() ? history.forConnection(c, connectionKey, HISTORY_SHOWN) : null;
            return ConsolePages.connection(me, connection, queued, attempts);
        });
    }
}
