package io.ssosync.ingest;

import java.util.Map;
import java.util.Optional;

import io.ssosync.sync.store.InboxStore;
import io.ssosync.support.jdbc.Transactions;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Runs a rejected event through intake again: as stored (the service's contract was widened since),
 * or as the operator corrected it after the registry fixed its data.
 */
@ApplicationScoped
public class RejectedEventReplayer {

    private final RejectedEventStore rejections;
    private final EventIntake intake;
    private final Transactions transactions;

    public RejectedEventReplayer(RejectedEventStore rejections, EventIntake intake, Transactions transactions) {
        this.rejections = rejections;
        this.intake = intake;
        this.transactions = transactions;
    }

    /** Empty if no rejection has that id. */
    public Optional<EventIntake.Result> replay(long id, byte[] correctedEnvelope) {
        return transactions.inTransaction(c -> rejections.find(c, id)).map(rejected -> {
            boolean corrected = correctedEnvelope != null && correctedEnvelope.length > 0;
            Map<String, String> headers = corrected ? Map.of() : rejected.rawHeaders();
            byte[] value = corrected ? correctedEnvelope : rejected.rawValue();
            EventIntake.Result result = intake.take(headers, value, new InboxStore.Origin(rejected.topic(),
                    rejected.partition(), rejected.offset(), rejected.webhookId()));
            String outcome = result.rejected() ? "REJECTED: " + result.rejection().getMessage()
                    : result.outcome().name();
            transactions.run(c -> rejections.markReplayed(c, id, outcome));
            return result;
        });
    }
}
