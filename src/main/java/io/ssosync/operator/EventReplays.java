package io.ssosync.operator;

import java.util.Optional;

import io.ssosync.audit.OperatorAction;
import io.ssosync.audit.OperatorActionStore;
import io.ssosync.ingest.EventIntake;
import io.ssosync.ingest.RejectedEventReplayer;
import io.ssosync.support.jdbc.Transactions;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Replays a rejected event, as stored or as corrected, and records who did so with its outcome. The replay is
 * recorded once intake has committed (intake runs its own transactions), whatever its outcome.
 */
@ApplicationScoped
public class EventReplays {

    private final RejectedEventReplayer replayer;
    private final Transactions transactions;
    private final OperatorActionStore actions;

    public EventReplays(RejectedEventReplayer replayer, Transactions transactions, OperatorActionStore actions) {
        this.replayer = replayer;
        this.transactions = transactions;
        this.actions = actions;
    }

    /** Empty if no rejected event has the id. */
    public Optional<EventIntake.Result> replay(String actor, long id, String reason, byte[] correctedEnvelope) {
        Optional<EventIntake.Result> result = replayer.replay(id, correctedEnvelope);
        result.ifPresent(done -> {
            boolean corrected = correctedEnvelope != null && correctedEnvelope.length > 0;
            String outcome = done.rejected() ? "REJECTED" : done.outcome().name();
            transactions.run(c -> actions.append(c, OperatorAction.replay(actor, id, reason, corrected, outcome)));
        });
        return result;
    }
}
