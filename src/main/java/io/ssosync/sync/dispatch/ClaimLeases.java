package io.ssosync.sync.dispatch;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import io.ssosync.support.jdbc.Transactions;
import io.ssosync.sync.store.ClaimLostException;
import io.ssosync.sync.store.CommandStore;
import io.ssosync.sync.store.SyncCommand;

/**
 * Keeps the leases of the commands this process works on alive, so that a long lookup or a slow
 * Clerk does not let another replica take a command over, while a process that stopped (crashed,
 * paused, cut off) loses its claims when their lease runs out. Before every call to Clerk the worker
 * confirms its claim: one that was taken over sends nothing more.
 */
public final class ClaimLeases {

    private static final Logger LOG = Logger.getLogger(ClaimLeases.class);

    private final Transactions transactions;
    private final CommandStore commands;
    private final Duration lease;
    /** By command id: a claim is one command's, and its id is cheaper to hash than the whole command. */
    private final Map<Long, SyncCommand> held = new ConcurrentHashMap<>();

    public ClaimLeases(Transactions transactions, CommandStore commands, Duration lease) {
        this.transactions = transactions;
        this.commands = commands;
        this.lease = lease;
    }

    /** How long a claim lasts without renewal. */
    public Duration lease() {
        return lease;
    }

    /** How often the held leases are renewed: often enough that one missed renewal does not lose them. */
    public Duration renewalInterval() {
        return lease.dividedBy(3);
    }

    public void hold(SyncCommand claim) {
        held.put(claim.id(), claim);
    }

    public void drop(SyncCommand claim) {
        held.remove(claim.id(), claim);
    }

    /** Renews the claim's lease now, right before a call to Clerk; throws if the claim was taken over. */
    public void confirm(SyncCommand claim) {
        if (!transactions.inTransaction(c -> commands.renew(c, claim, lease))) {
            held.remove(claim.id(), claim);
            throw new ClaimLostException(claim.id(), claim.claimToken());
        }
    }

    /** Renews every held lease; a claim found taken over is dropped (its worker finds out at its next write). */
    public void renewAll() {
        for (SyncCommand claim : held.values()) {
            try {
                if (!transactions.inTransaction(c -> commands.renew(c, claim, lease))) {
                    held.remove(claim.id(), claim);
                    LOG.warnf("lost the claim on command %d for %s: its lease ran out and another worker took it",
                            claim.id(), claim.connectionKey());
                }
            } catch (RuntimeException e) {
                LOG.debugf("could not renew the lease of command %d: %s", claim.id(), e.getMessage());
            }
        }
    }
}
