package io.ssosync.sync;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.ssosync.status.StatusEventStore;
import io.ssosync.support.jdbc.Transactions;
import io.ssosync.support.logging.LogContext;
import io.ssosync.sync.domain.Plan;
import io.ssosync.sync.domain.RegistryEvent;
import io.ssosync.sync.store.CommandStore;
import io.ssosync.sync.store.ConnectionStateStore;
import io.ssosync.sync.store.EventLocks;
import io.ssosync.sync.store.InboxStore;
import io.ssosync.sync.store.SpecJson;
import io.ssosync.sync.store.TenantStore;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Records accepted events: their dedup records, the new desired states and the commands they produce, all
 * in one transaction, whether one event (a webhook, a replay) or the records of one Kafka poll. Once that
 * transaction has committed, the events are safe and their offsets may be committed.
 */
@ApplicationScoped
public class EventRecorder {

    private static final Logger LOG = Logger.getLogger(EventRecorder.class);

    /** What recording an event did. */
    public enum Outcome {
        /** The event id was recorded before; nothing changed. */
        DUPLICATE,
        /** The event's source and id were recorded before with other content; nothing changed, the conflict is recorded. */
        CONFLICT,
        /** At least one command was written. */
        CHANGED,
        /** Nothing to send: the desired state is already what the event asks for. */
        UNCHANGED,
        /** Every connection it names already has a newer version. */
        STALE,
        /** A type the contract does not know. */
        SKIPPED_UNKNOWN_TYPE
    }

    /**
     * An event as received, after its envelope was read. {@code event} is empty for an unknown type;
     * {@code contentDigest} tells a redelivery from another event under the same source and id ({@code
     * earlierDigest} gives it in the form earlier versions stored, asked only of a redelivery);
     * {@code traceparent} is the trace it arrived in (null: none), which the dispatch of its commands continues.
     */
    public record Incoming(String id, String type, String source, String subject, Optional<RegistryEvent> event,
            String contentDigest, Supplier<String> earlierDigest, InboxStore.Origin origin, String traceparent) {
    }

    private final Transactions transactions;
    private final InboxStore inbox;
    private final RecordingStores stores;

    public EventRecorder(Transactions transactions, InboxStore inbox, TenantStore tenants,
            ConnectionStateStore connections, CommandStore commands, EventLocks locks,
            StatusEventStore statusEvents, SpecJson specs) {
        this.transactions = transactions;
        this.inbox = inbox;
        this.stores = new RecordingStores(locks, connections, tenants, commands, statusEvents, specs);
    }

    /** Records one event in a transaction of its own. */
    public Outcome record(Incoming incoming) {
        return transactions.inTransaction(c -> recordAll(c, List.of(incoming))).get(0);
    }

    /**
     * Records the events, in their order, on the caller's transaction: one event's effect is what it would be
     * had the events before it each been recorded and committed on their own.
     *
     * @return each event's outcome, in order
     */
    public List<Outcome> recordAll(Connection c, List<Incoming> events) throws SQLException {
        List<InboxStore.Delivery> deliveries = inbox.recordAll(c, events.stream().map(EventRecorder::entry).toList());
        List<RegistryEvent> toApply = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (deliveries.get(i) == InboxStore.Delivery.FIRST) {
                events.get(i).event().ifPresent(toApply::add);
            }
        }
        RecordingBatch batch = toApply.isEmpty() ? null : RecordingBatch.lockAndRead(c, stores, toApply);
        List<Outcome> outcomes = new ArrayList<>(events.size());
        List<InboxStore.Outcome> inboxOutcomes = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            Incoming incoming = events.get(i);
            try (LogContext log = LogContext.of("eventId", incoming.id())) {
                Outcome outcome = outcome(incoming, deliveries.get(i), batch, inboxOutcomes);
                LOG.debugf("event %s (%s): %s", incoming.id(), incoming.type(), outcome);
                outcomes.add(outcome);
            }
        }
        if (batch != null) {
            batch.write(c, stores);
        }
        inbox.recordOutcomes(c, inboxOutcomes);
        return outcomes;
    }

    private static Outcome outcome(Incoming incoming, InboxStore.Delivery delivery, RecordingBatch batch,
            List<InboxStore.Outcome> inboxOutcomes) {
        if (delivery == InboxStore.Delivery.REDELIVERY) {
            return Outcome.DUPLICATE;
        }
        if (delivery == InboxStore.Delivery.CONFLICT) {
            // Which of the two contents the registry meant is anyone's guess: the first one stays, and an
            // operator is told. Ids, type and subject only: the data may hold secrets.
            LOG.warnf("event %s from %s was delivered again with other content (type %s, subject %s): conflict"
                    + " recorded in the inbox, the new content is not applied", incoming.id(), incoming.source(),
                    incoming.type(), incoming.subject());
            return Outcome.CONFLICT;
        }
        if (incoming.event().isEmpty()) {
            LOG.infof("skipped event %s of unknown type %s", incoming.id(), incoming.type());
            inboxOutcomes.add(new InboxStore.Outcome(incoming.id(), incoming.source(),
                    Outcome.SKIPPED_UNKNOWN_TYPE.name(), null));
            return Outcome.SKIPPED_UNKNOWN_TYPE;
        }
        List<Plan> plans = batch.apply(incoming.event().get(), incoming.id(), incoming.traceparent());
        Outcome outcome = summarise(plans);
        inboxOutcomes.add(new InboxStore.Outcome(incoming.id(), incoming.source(), outcome.name(), describe(plans)));
        return outcome;
    }

    private static InboxStore.Entry entry(Incoming incoming) {
        return new InboxStore.Entry(incoming.id(), incoming.source(), incoming.type(), incoming.subject(),
                incoming.event().map(RegistryEvent::tenantId).orElse(null), incoming.contentDigest(),
                incoming.earlierDigest(), incoming.origin());
    }

    private static Outcome summarise(List<Plan> plans) {
        if (plans.stream().anyMatch(p -> p.decision() == Plan.Decision.CHANGED)) {
            return Outcome.CHANGED;
        }
        if (!plans.isEmpty() && plans.stream().allMatch(p -> p.decision() == Plan.Decision.STALE)) {
            return Outcome.STALE;
        }
        return Outcome.UNCHANGED;
    }

    private static String describe(List<Plan> plans) {
        long changed = plans.stream().filter(p -> p.decision() == Plan.Decision.CHANGED).count();
        long unchanged = plans.stream().filter(p -> p.decision() == Plan.Decision.UNCHANGED).count();
        long stale = plans.stream().filter(p -> p.decision() == Plan.Decision.STALE).count();
        return changed + " changed, " + unchanged + " unchanged, " + stale + " stale";
    }
}
