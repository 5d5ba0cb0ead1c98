package io.ssosync.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Blocking;
import io.ssosync.metrics.IngestMetrics;
import io.ssosync.support.jdbc.DatabaseException;
import io.ssosync.support.logging.LogContext;
import io.ssosync.support.tracing.Traces;
import io.ssosync.sync.store.InboxStore;
import io.ssosync.support.jdbc.Transactions;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Consumes the IdP registry's events. A record is acknowledged, and its offset becomes committable,
 * only after the transaction that recorded it has committed; an invalid record is set aside with its
 * reason so that the records behind it flow on.
 */
@ApplicationScoped
public class RegistryEventConsumer {

    public static final String CHANNEL = "idp-registry-events";

    /** W3C trace context header, as Kafka producers instrumented with OpenTelemetry set it. */
    private static final String TRACEPARENT = "traceparent";
    private static final Logger LOG = Logger.getLogger(RegistryEventConsumer.class);
    // Short: the retry is one cheap connection attempt, and intake should go on within seconds of the database's return.
    private static final Duration MAX_DB_RETRY_DELAY = Duration.ofSeconds(2);

    private final EventIntake intake;
    private final RejectedEventStore rejections;
    private final DeadLetterPublisher deadLetters;
    private final Transactions transactions;
    private final IngestMetrics metrics;
    private final Traces traces;

    public RegistryEventConsumer(EventIntake intake, RejectedEventStore rejections, DeadLetterPublisher deadLetters,
            Transactions transactions, IngestMetrics metrics, Traces traces) {
        this.traces = traces;
        this.intake = intake;
        this.rejections = rejections;
        this.transactions = transactions;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        Map<String, String> headers = headers(record);
        String traceparent = EnvelopeHints.traceparent(headers.get(TRACEPARENT), headers, record.value());
        try (Traces.Scope span = traces.start(Traces.Kind.CONSUMER, record.topic() + " process", traceparent,
                Map.of("messaging.system", "kafka", "messaging.destination.name", record.topic(),
                        "messaging.destination.partition.id", String.valueOf(record.partition()),
                        "messaging.kafka.offset", record.offset()));
                LogContext log = LogContext.of("eventId", EnvelopeHints.id(headers, record.value()),
                        "traceId", traces.currentTraceId())) {
            take(record, headers);
        }
    }

    private void take(ConsumerRecord<String, byte[]> record, Map<String, String> headers) throws InterruptedException {
        InboxStore.Origin origin = new InboxStore.Origin(record.topic(), record.partition(), record.offset());
        EventIntake.Result result = untilStored(() -> takeOrReject(headers, record.value(), origin));
        if (result.rejected()) {
            String reason = result.rejection().getMessage();
            LOG.warnf("rejected record %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), reason);
            untilStored(() -> {
                transactions.run(c -> rejections.save(c, EnvelopeHints.id(headers, record.value()),
                        EnvelopeHints.type(headers, record.value()), reason, record.value(), headers, origin));
                return null;
            });
            deadLetters.publish(record, reason);
        }
    }

    /** An event the database refuses for its content (not for being down) is rejected, not retried forever. */
    private EventIntake.Result takeOrReject(Map<String, String> headers, byte[] value, InboxStore.Origin origin) {
        try {
            return intake.take(headers, value, origin);
        } catch (DatabaseException e) {
            if (e.isTransient()) {
                throw e;
            }
            // PostgreSQL's message may quote the value it refused: only its SQL state goes into the reason.
            metrics.rejected("unstorable");
            return new EventIntake.Result(null, new InvalidEventException("value", "could not be stored (SQL state "
                    + e.sqlState() + ")"), null);
        }
    }

    /**
     * Retries while the database is unreachable, however long that lasts: an event is acknowledged only
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

    private static Map<String, String> headers(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? null
                    : new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }
}
