package io.ssosync.sync.dispatch;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.jboss.logging.Logger;

import io.ssosync.support.jdbc.DatabaseException;
import io.ssosync.support.jdbc.Transactions;
import io.ssosync.sync.store.CommandStore;
import io.ssosync.sync.store.SyncCommand;

/**
 * Claims whose work broke in the middle (the database went away, say), given back as soon as the
 * database answers again: their commands are due at once, instead of after their lease ran out.
 */
public final class BrokenClaims {

    private static final Logger LOG = Logger.getLogger(BrokenClaims.class);

    private final Transactions transactions;
    private final CommandStore commands;
    private final Queue<SyncCommand> broken = new ConcurrentLinkedQueue<>();

    public BrokenClaims(Transactions transactions, CommandStore commands) {
        this.transactions = transactions;
        this.commands = commands;
    }

    public void add(SyncCommand claim) {
        broken.add(claim);
    }

    /** Gives back what it can; what the database cannot take yet waits for the next call. */
    public void releaseAll() {
        SyncCommand claim;
        while ((claim = broken.peek()) != null) {
            SyncCommand next = claim;
            try {
                transactions.run(c -> commands.release(c, next));
            } catch (DatabaseException e) {
                LOG.debugf("cannot give back the claim on command %d yet: %s", next.id(), e.getMessage());
                return;
            }
            broken.remove(next);
            LOG.infof("gave back the claim on command %d for %s after its work broke", next.id(), next.connectionKey());
        }
    }
}
