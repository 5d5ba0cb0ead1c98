package io.ssosync.ingest;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Blocking;
import io.ssosync.metrics.IngestMetrics;
import io.ssosync.support.jdbc.DatabaseException;
import io.ssosync.support.jdbc.Transactions;
import io.ssosync.support.logging.LogContext;
import io.ssosync.support.tracing.Traces;
import io.ssosync.sync.EventRecorder;
import io.ssosync.sync.store.InboxStore;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Consumes the IdP registry's events, the records of one poll at a time, and records them in one transaction.
 * The batch is acknowledged, and its offsets become committable, only after that transaction has committed; an
 * invalid record is set aside with its reason in the same transaction, so that the records beside it flow on.
 * The records come parsed ({@link RegistryRecordDeserializer}).
 */
@ApplicationScoped
public class RegistryEventConsumer {

    public static final String CHANNEL = "idp-registry-events";

    private static final Logger LOG = Logger.getLogger(RegistryEventConsumer.class);
    // Short: the retry is one cheap connection attempt, and intake should go on within seconds of the database's return.
    private static final Duration MAX_DB_RETRY_DELAY = Duration.ofSeconds(2);

    /** One record of the batch, read: what it is and where it came from. */
    private record Taken(ConsumerRecord<String, RegistryRecord> record, RegistryRecord value, String traceId,
            EventIntake.Reading reading) {

        String eventId() {
            return value.eventId();
        }

        Map<String, String> headers() {
            return value.headers();
        }

        byte[] raw() {
            return value.raw();
        }

        InboxStore.Origin origin() {
            return new InboxStore.Origin(record.topic(), record.partition(), record.offset());
        }

        LogContext logContext() {
            return LogContext.of("eventId", eventId(), "traceId", traceId);
        }
    }

    private final EventIntake intake;
    private final RejectedEventStore rejections;
    private final DeadLetterPublisher deadLetters;
    private final Transactions transactions;
    private final IngestMetrics metrics;
    private final Traces traces;
    private final OutboxBackPressure backPressure;

    public RegistryEventConsumer(EventIntake intake, RejectedEventStore rejections, DeadLetterPublisher deadLetters,
            Transactions transactions, IngestMetrics metrics, Traces traces, OutboxBackPressure backPressure) {
        this.traces = traces;
        this.backPressure = backPressure;
        this.intake = intake;
        this.rejections = rejections;
        this.transactions = transactions;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<String, RegistryRecord> records) throws InterruptedException {
        List<Taken> batch = new ArrayList<>(records.count());
        for (ConsumerRecord<String, RegistryRecord> record : records) {
            batch.add(read(record));
        }
        List<EventRecorder.Outcome> outcomes;
        try {
            outcomes = untilStored(() -> transactions.inTransaction(c -> recordAll(c, batch)));
        } catch (DatabaseException refused) {
            // Something in the batch is refused for its content: one by one, the one at fault is set aside.
            LOG.warnf("the database refused a batch of %d records (SQL state %s): recording them one by one",
                    batch.size(), refused.sqlState());
            for (Taken taken : batch) {
                takeAlone(taken);
            }
            backPressure.afterBatch();
            return;
        }
        backPressure.afterBatch();
        int accepted = 0;
        for (Taken taken : batch) {
            if (taken.reading() instanceof EventIntake.Accepted event) {
                intake.counted(event, outcomes.get(accepted++));
            } else {
                afterRejection(taken, ((EventIntake.Refused) taken.reading()).reason().getMessage());
            }
        }
    }

    /** Takes a record in a span of its own, which the dispatch of its commands continues. */
    private Taken read(ConsumerRecord<String, RegistryRecord> record) {
        RegistryRecord value = record.value() != null ? record.value()
                : RegistryRecord.read(record.headers(), null, intake.maxEventBytes());
        try (Traces.Scope span = traces.start(Traces.Kind.CONSUMER, record.topic() + " process", value.traceparent(),
                Map.of("messaging.system", "kafka", "messaging.destination.name", record.topic(),
                        "messaging.destination.partition.id", String.valueOf(record.partition()),
                        "messaging.kafka.offset", record.offset()));
                LogContext log = LogContext.of("eventId", value.eventId(), "traceId", traces.currentTraceId())) {
            InboxStore.Origin origin = new InboxStore.Origin(record.topic(), record.partition(), record.offset());
            return new Taken(record, value, traces.currentTraceId(), intake.read(value.parsed(), origin));
        }
    }

    /** @return the outcomes of the accepted records, in order */
    private List<EventRecorder.Outcome> recordAll(Connection c, List<Taken> batch) throws SQLException {
        List<EventIntake.Accepted> accepted = new ArrayList<>();
        for (Taken taken : batch) {
            if (taken.reading() instanceof EventIntake.Accepted event) {
                accepted.add(event);
            } else {
                reject(c, taken, ((EventIntake.Refused) taken.reading()).reason().getMessage());
            }
        }
        return intake.recordAll(c, accepted);
    }

    /** Records one record of a batch the database refused, in a transaction of its own. */
    private void takeAlone(Taken taken) throws InterruptedException {
        if (taken.reading() instanceof EventIntake.Refused refused) {
            String reason = refused.reason().getMessage();
            untilStored(() -> {
                transactions.run(c -> reject(c, taken, reason));
                return null;
            });
            afterRejection(taken, reason);
            return;
        }
        EventIntake.Accepted event = (EventIntake.Accepted) taken.reading();
        String unstorable = untilStored(() -> {
            try {
                intake.counted(event, transactions.inTransaction(c -> intake.recordAll(c, List.of(event))).get(0));
                return null;
            } catch (DatabaseException e) {
                if (e.isTransient()) {
                    throw e;
                }
                // PostgreSQL's message may quote the value it refused: only its SQL state goes into the reason.
                metrics.rejected("unstorable");
                return new InvalidEventException("value", "could not be stored (SQL state " + e.sqlState() + ")")
                        .getMessage();
            }
        });
        if (unstorable != null) {
            untilStored(() -> {
                transactions.run(c -> reject(c, taken, unstorable));
                return null;
            });
            afterRejection(taken, unstorable);
        }
    }

    private void reject(Connection c, Taken taken, String reason) throws SQLException {
        rejections.save(c, taken.eventId(), EnvelopeHints.type(taken.headers(), taken.raw()), reason, taken.raw(),
                taken.headers(), taken.origin());
    }

    /** Once the rejection is stored: the operator's log line and the dead-letter copy. */
    private void afterRejection(Taken taken, String reason) {
        ConsumerRecord<String, RegistryRecord> record = taken.record();
        try (LogContext log = taken.logContext()) {
            LOG.warnf("rejected record %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), reason);
        }
        deadLetters.publish(record, taken.raw(), reason);
    }

    /**
     * Retries while the database is unreachable, however long that lasts: a batch is acknowledged only
     * once it is stored, so the partition waits rather than lose it (the connector's unacknowledged-record
     * check is off for this reason, see application.properties).
     */
    private static <T> T untilStored(Supplier<T> store) throws InterruptedException {
        Duration delay = Duration.ofMillis(200);
        while (true) {
            try {
                return store.get();
            } catch (DatabaseException e) {
                if (!e.isTransient()) {
                    throw e;
                }
                LOG.warnf("database unavailable (%s); retrying in %s", e.getMessage(), delay);
                Thread.sleep(delay.toMillis());
                delay = delay.multipliedBy(2).compareTo(MAX_DB_RETRY_DELAY) > 0 ? MAX_DB_RETRY_DELAY
                        : delay.multipliedBy(2);
            }
        }
    }
}
