package io.ssosync.operator;

import io.ssosync.audit.OperatorAction;
import io.ssosync.audit.OperatorActionStore;
import io.ssosync.support.jdbc.Transactions;
import io.ssosync.sync.store.CommandStore;
import io.ssosync.sync.store.DispatchControlStore;
import io.ssosync.sync.store.DispatchControlStore.State;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Pauses and resumes dispatch for every replica, e.g. while Clerk is under maintenance or a bad batch of
 * events is being looked at. Events are still taken in and queued; only the calls to Clerk wait. Asking for
 * the state it is already in changes nothing but is recorded too, with the caller.
 */
@ApplicationScoped
public class DispatchPause {

    private final Transactions transactions;
    private final DispatchControlStore control;
    private final OperatorActionStore actions;

    public DispatchPause(Transactions transactions, DispatchControlStore control, OperatorActionStore actions) {
        this.transactions = transactions;
        this.control = control;
        this.actions = actions;
    }

    public State state() {
        return transactions.inTransaction(control::read);
    }

    public State set(boolean paused, String actor, String reason) {
        return transactions.inTransaction(c -> {
            boolean changed = control.lock(c).paused() != paused;
            if (changed) {
                control.write(c, paused, actor, reason);
                if (!paused) {
                    CommandStore.wakeDispatchers(c);
                }
            }
            actions.append(c, OperatorAction.dispatchPaused(actor, paused, reason, changed));
            return control.read(c);
        });
    }
}
