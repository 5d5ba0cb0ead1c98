package io.ssosync.operator;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

import io.ssosync.audit.OperatorAction;
import io.ssosync.audit.OperatorActionStore;
import io.ssosync.support.jdbc.Transactions;
import io.ssosync.sync.domain.ConnectionField;
import io.ssosync.sync.domain.Operation;
import io.ssosync.sync.domain.PlannedCommand;
import io.ssosync.sync.domain.SyncStatus;
import io.ssosync.sync.store.CommandStore;
import io.ssosync.sync.store.ConnectionStateStore;
import io.ssosync.sync.store.StoredConnection;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Brings Clerk back to the desired state of a connection or of a whole tenant, whatever we last recorded of
 * it: each connection gets a command that reads what Clerk holds and re-applies what differs (or creates it
 * again if Clerk lost it). The commands go through the outbox like any other, so they keep the connection's
 * order and the shared quota.
 */
@ApplicationScoped
public class Resync {

    /** The source a resync command names in place of a registry event id. */
    public static final String SOURCE = "operator:resync";

    private final Transactions transactions;
    private final ConnectionStateStore connections;
    private final CommandStore commands;
    private final OperatorActionStore actions;

    public Resync(Transactions transactions, ConnectionStateStore connections, CommandStore commands,
            OperatorActionStore actions) {
        this.transactions = transactions;
        this.connections = connections;
        this.commands = commands;
        this.actions = actions;
    }

    /** Queues the connection's resync; empty if no connection has the key. */
    public Optional<Integer> connection(String actor, String connectionKey, String reason) {
        return transactions.inTransaction(c -> {
            Optional<StoredConnection> state = connections.lock(c, connectionKey);
            if (state.isEmpty()) {
                return Optional.<Integer>empty();
            }
            int queued = queue(c, state.get(), SOURCE) ? 1 : 0;
            actions.append(c, OperatorAction.resync(actor, connectionKey, reason, queued));
            return Optional.of(queued);
        });
    }

    /** Queues a resync of each of the tenant's connections; answers how many were queued. */
    public int tenant(String actor, String tenantId, String reason) {
        return transactions.inTransaction(c -> {
            int queued = 0;
            for (String key : connections.lockResyncableKeysOfTenant(c, tenantId)) {
                if (queue(c, connections.find(c, key).orElseThrow(), SOURCE)) {
                    queued++;
                }
            }
            actions.append(c, OperatorAction.tenantResync(actor, tenantId, reason, queued));
            return queued;
        });
    }

    /**
     * Queues a rereading command for a connection whose row the caller has locked: to its desired state, or
     * a delete where it is no longer desired but Clerk may still hold it. False if there is nothing to bring
     * about (deleted, and nothing held).
     */
    public boolean queue(Connection c, StoredConnection locked, String source) throws SQLException {
        PlannedCommand command;
        if (locked.desiredDeleted()) {
            if (!locked.holding().holdsConnection()) {
                return false;
            }
            command = new PlannedCommand(Operation.DELETE, locked.desiredVersion(), null, java.util.Set.of());
        } else if (locked.desiredSpec() == null) {
            // Known only from a delete that came first: there is no state to bring about yet.
            return false;
        } else {
            Operation operation = locked.holding().holdsConnection() ? Operation.UPDATE : Operation.CREATE;
            command = new PlannedCommand(operation, locked.desiredVersion(), locked.desiredSpec(),
                    ConnectionField.present(locked.desiredSpec()));
        }
        commands.insertRereading(c, locked.tenantId(), locked.connectionKey(), command, source);
        connections.saveStatus(c, locked.connectionKey(), SyncStatus.PENDING, null);
        return true;
    }
}
