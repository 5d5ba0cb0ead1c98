package io.ssosync.sync.dispatch;

import java.util.Objects;

import org.jboss.logging.Logger;

import io.ssosync.audit.HistoryEntry;
import io.ssosync.audit.HistoryEntry.Outcome;
import io.ssosync.audit.HistoryStore;
import io.ssosync.clerk.ClerkRequest;
import io.ssosync.clerk.Exchange;
import io.ssosync.status.StatusChange;
import io.ssosync.status.StatusEventStore;
import io.ssosync.support.jdbc.Transactions;
import io.ssosync.support.tracing.Traces;
import io.ssosync.sync.domain.ClerkHolding;
import io.ssosync.sync.domain.CommandStatus;
import io.ssosync.sync.domain.ConnectionSpec;
import io.ssosync.sync.domain.ServiceProvider;
import io.ssosync.sync.domain.SyncStatus;
import io.ssosync.sync.store.CommandStore;
import io.ssosync.sync.store.ConnectionStateStore;
import io.ssosync.sync.store.StoredConnection;
import io.ssosync.sync.store.SyncCommand;

/**
 * Records what a claim did, each time in one transaction that starts by checking the claim still
 * holds: the history row (built here and nowhere else), the command's status and the connection's
 * state, and the status event announcing the state to the registry when it became SYNCED, FAILED or DELETED. A
 * claim that was taken over makes no write at all ({@link io.ssosync.sync.store.ClaimLostException}).
 */
public final class AttemptRecorder {

    private static final Logger LOG = Logger.getLogger(AttemptRecorder.class);

    private final Transactions transactions;
    private final CommandStore commands;
    private final ConnectionStateStore connections;
    private final HistoryStore history;
    private final StatusEventStore statusEvents;
    private final Traces traces;

    /** {@code traces} names the trace of each history row: the dispatch span's, current while the claim runs. */
    public AttemptRecorder(Transactions transactions, CommandStore commands, ConnectionStateStore connections,
            HistoryStore history, StatusEventStore statusEvents, Traces traces) {
        this.traces = traces;
        this.transactions = transactions;
        this.commands = commands;
        this.connections = connections;
        this.history = history;
        this.statusEvents = statusEvents;
    }

    /** Committed before the POST leaves: if its answer is lost, the connection's next steps look first. */
    public void createInDoubt(SyncCommand claim, ConnectionSpec sent) {
        fenced(claim, c -> connections.markCreateInDoubt(c, claim.connectionKey(), sent));
    }

    /**
     * Clerk accepted a call (or a lookup settled a create in doubt): it now holds {@code holding}, and its answer
     * gave {@code serviceProvider} as its side of the connection (null: it gave none).
     */
    public void applied(SyncCommand claim, ClerkRequest request, Exchange exchange, Outcome outcome,
            ClerkHolding holding, ServiceProvider serviceProvider, boolean settlesCreate) {
        fenced(claim, c -> {
            appendHistory(c, claim, request, exchange, outcome, null);
            connections.saveHolding(c, claim.connectionKey(), holding, claim.version(), serviceProvider);
            if (settlesCreate) {
                connections.clearCreateInDoubt(c, claim.connectionKey());
            }
        });
    }

    /**
     * A resync read Clerk's copy of the connection; {@code note} names what differed. Where nothing did,
     * Clerk holds the target: {@code holding} says so, else it is null and the differences follow in an update.
     * {@code serviceProvider} is Clerk's side of the connection as the copy shows it.
     */
    public void read(SyncCommand claim, ClerkRequest request, Exchange exchange, String note, ClerkHolding holding,
            ServiceProvider serviceProvider) {
        fenced(claim, c -> {
            appendHistory(c, claim, request, exchange, Outcome.READ, note);
            if (holding != null) {
                connections.saveHolding(c, claim.connectionKey(), holding, claim.version(), serviceProvider);
            }
        });
    }

    /** Nothing to send: Clerk cannot take back what changed, so the target counts as applied as it is. */
    public void appliedWithoutCall(SyncCommand claim, ClerkHolding holding) {
        fenced(claim, c -> connections.saveHolding(c, claim.connectionKey(), holding, claim.version(), null));
    }

    /** A lookup page that did not hold the connection; on the last page the create is known not to have happened. */
    public void notFound(SyncCommand claim, ClerkRequest request, Exchange exchange, boolean lastPage) {
        fenced(claim, c -> {
            appendHistory(c, claim, request, exchange, Outcome.NOT_FOUND, null);
            if (lastPage) {
                connections.clearCreateInDoubt(c, claim.connectionKey());
            }
        });
    }

    /** Clerk refused the change for good: the command and the connection are FAILED with Clerk's reason. */
    public void refused(SyncCommand claim, ClerkRequest request, Exchange exchange, boolean settlesCreate) {
        String error = exchange.describe();
        fenced(claim, c -> {
            appendHistory(c, claim, request, exchange, Outcome.FAILED, null);
            commands.complete(c, claim, CommandStatus.FAILED, error);
            connections.saveStatus(c, claim.connectionKey(), SyncStatus.FAILED, error);
            if (settlesCreate) {
                connections.clearCreateInDoubt(c, claim.connectionKey());
            }
            announceFailure(c, claim, error);
        });
        LOG.warnf("Clerk refused command %d for %s: %s", claim.id(), claim.connectionKey(), error);
    }

    /** The target cannot be expressed on the configured API: failed without a call. */
    public void unsupported(SyncCommand claim, String reason) {
        fenced(claim, c -> {
            appendHistory(c, claim, null, Exchange.notSent(), Outcome.REJECTED, reason);
            commands.complete(c, claim, CommandStatus.FAILED, reason);
            connections.saveStatus(c, claim.connectionKey(), SyncStatus.FAILED, reason);
            announceFailure(c, claim, reason);
        });
    }

    /**
     * A setback: the command is tried again later or parked. A call that never left (no quota token,
     * breaker open) leaves no history row, since nothing reached Clerk.
     */
    public void setback(SyncCommand claim, ClerkRequest request, Exchange exchange, String error,
            RetryPolicy.Next next, boolean settlesCreate) {
        boolean parked = next instanceof RetryPolicy.Next.Park;
        fenced(claim, c -> {
            if (settlesCreate) {
                connections.clearCreateInDoubt(c, claim.connectionKey());
            }
            if (request != null && exchange.sent()) {
                appendHistory(c, claim, request, exchange, parked ? Outcome.PARKED : Outcome.RETRYING, error);
            }
            if (next instanceof RetryPolicy.Next.Park park) {
                commands.park(c, claim, park.reason());
                connections.saveStatus(c, claim.connectionKey(), SyncStatus.FAILED, park.reason());
                announceFailure(c, claim, park.reason());
            } else if (next instanceof RetryPolicy.Next.RetryIn retry) {
                commands.retryLater(c, claim, retry.delay(), error);
                connections.saveStatus(c, claim.connectionKey(), SyncStatus.PENDING, "retrying: " + error);
            }
        });
        if (next instanceof RetryPolicy.Next.RetryIn retry) {
            LOG.warnf("command %d for %s will be retried in %s: %s", claim.id(), claim.connectionKey(),
                    retry.delay(), error);
        } else {
            LOG.errorf("command %d for %s parked as DEAD: %s", claim.id(), claim.connectionKey(), error);
        }
    }

    /**
     * Clerk holds the command's target. The connection is marked caught up only if no other command is
     * open; its row is locked first, so an event committing meanwhile is seen, not overwritten. Reaching SYNCED or
     * DELETED, or a newer version of either, is announced.
     */
    public void done(SyncCommand claim) {
        fenced(claim, c -> {
            StoredConnection before = connections.lock(c, claim.connectionKey()).orElseThrow();
            commands.complete(c, claim, CommandStatus.DONE, null);
            if (!commands.hasOpenCommands(c, claim.connectionKey())) {
                connections.settle(c, claim.connectionKey());
                StoredConnection after = connections.find(c, claim.connectionKey()).orElseThrow();
                if (after.status() != before.status()
                        || !Objects.equals(after.appliedVersion(), before.appliedVersion())) {
                    statusEvents.append(c, StatusChange.of(after, after.appliedVersion(), null));
                }
            }
        });
    }

    /** Every failure is announced: each is a command of its own that Clerk refused or that was parked. */
    private void announceFailure(java.sql.Connection c, SyncCommand claim, String reason) throws java.sql.SQLException {
        StoredConnection now = connections.find(c, claim.connectionKey()).orElseThrow();
        statusEvents.append(c, StatusChange.of(now, claim.version(), reason));
    }

    private void fenced(SyncCommand claim, Transactions.VoidWork work) {
        transactions.run(c -> {
            commands.fence(c, claim);
            work.run(c);
        });
    }

    private void appendHistory(java.sql.Connection c, SyncCommand claim, ClerkRequest request, Exchange exchange,
            Outcome outcome, String note) throws java.sql.SQLException {
        String message = exchange.errorMessage() != null ? exchange.errorMessage() : note;
        history.append(c, new HistoryEntry(null, null, claim.id(), claim.connectionKey(), claim.tenantId(),
                claim.operation().name(), request == null ? null : request.method().name(),
                request == null ? null : request.path(), request == null ? null : request.body(),
                exchange.status(), outcome, exchange.durationMs(), exchange.errorCode(), message,
                exchange.traceId(), claim.sourceEventId(), traces.currentTraceId()));
    }
}
