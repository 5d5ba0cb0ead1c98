package io.ssosync.sync.dispatch;

import java.util.Optional;

import org.jboss.logging.Logger;

import io.ssosync.support.jdbc.Transactions;
import io.ssosync.sync.store.CommandStore;
import io.ssosync.sync.store.SyncCommand;

/**
 * The claims of one dispatcher worker, made under a name of its own. When a turn breaks (the database went
 * away), the worker may have left a command claimed: the one it was working on, or one whose claim the
 * database committed while the answer never reached the worker. Either would wait out its lease. Since the
 * worker holds nothing between turns, everything still claimed in its name then is stranded, and its next
 * turn gives it all back before claiming, so those commands are due at once.
 */
final class WorkerClaims {

    private static final Logger LOG = Logger.getLogger(WorkerClaims.class);

    private final Transactions transactions;
    private final CommandStore commands;
    private final ClaimLeases leases;
    private final String worker;
    /** Only the worker's own thread reads and writes it. */
    private boolean mayBeStranded;

    WorkerClaims(Transactions transactions, CommandStore commands, ClaimLeases leases, String worker) {
        this.transactions = transactions;
        this.commands = commands;
        this.leases = leases;
        this.worker = worker;
    }

    /** The longest-waiting command whose turn it is, claimed for this worker; throws while the database is away. */
    Optional<SyncCommand> claimNext() {
        try {
            giveBackStranded();
            return transactions.inTransaction(c -> commands.claim(c, worker, leases.lease()));
        } catch (RuntimeException e) {
            mayBeStranded = true;
            throw e;
        }
    }

    /** The work on a claim broke before its outcome was recorded. */
    void broke() {
        mayBeStranded = true;
    }

    private void giveBackStranded() {
        if (!mayBeStranded) {
            return;
        }
        int given = transactions.inTransaction(c -> commands.releaseAllOf(c, worker));
        mayBeStranded = false;
        if (given > 0) {
            LOG.infof("%s gave back %d claim(s) left when its work broke", worker, given);
        }
    }
}
