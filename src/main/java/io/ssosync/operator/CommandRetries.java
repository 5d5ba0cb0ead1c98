package io.ssosync.operator;

import io.ssosync.audit.OperatorAction;
import io.ssosync.audit.OperatorActionStore;
import io.ssosync.support.jdbc.Transactions;
import io.ssosync.sync.domain.SyncStatus;
import io.ssosync.sync.store.CommandRetry;
import io.ssosync.sync.store.CommandStore;
import io.ssosync.sync.store.ConnectionStateStore;
import jakarta.enterprise.context.ApplicationScoped;

/** Puts one FAILED or DEAD command back in line, once whatever made it fail is fixed; recorded with the caller. */
@ApplicationScoped
public class CommandRetries {

    private final Transactions transactions;
    private final CommandStore commands;
    private final ConnectionStateStore connections;
    private final OperatorActionStore actions;

    public CommandRetries(Transactions transactions, CommandStore commands, ConnectionStateStore connections,
            OperatorActionStore actions) {
        this.transactions = transactions;
        this.commands = commands;
        this.connections = connections;
        this.actions = actions;
    }

    public CommandRetry retry(String actor, long commandId, String reason) {
        return transactions.inTransaction(c -> {
            CommandRetry outcome = commands.retry(c, commandId);
            if (outcome instanceof CommandRetry.Unknown) {
                return outcome;
            }
            String connectionKey;
            String result;
            if (outcome instanceof CommandRetry.Requeued requeued) {
                connectionKey = requeued.connectionKey();
                result = "REQUEUED";
                connections.saveStatus(c, connectionKey, SyncStatus.PENDING, null);
            } else if (outcome instanceof CommandRetry.Overtaken overtaken) {
                connectionKey = overtaken.connectionKey();
                result = "OVERTAKEN";
            } else {
                connectionKey = ((CommandRetry.NotRetryable) outcome).connectionKey();
                result = "NOT_RETRYABLE";
            }
            actions.append(c, OperatorAction.commandRetry(actor, commandId, connectionKey, reason, result));
            return outcome;
        });
    }
}
