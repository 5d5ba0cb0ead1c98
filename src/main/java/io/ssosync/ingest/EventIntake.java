package io.ssosync.ingest;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.ssosync.config.SsoSyncConfig;
import io.ssosync.metrics.IngestMetrics;
import io.ssosync.support.tracing.Traces;
import io.ssosync.sync.EventRecorder;
import io.ssosync.sync.store.InboxStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Reads raw events (from Kafka, a webhook or an operator's replay), checks them and records them. */
@ApplicationScoped
public class EventIntake {

    /** What reading one raw event gave: an event to record, or a rejection with a reason naming the field. */
    public sealed interface Reading permits Accepted, Refused {
    }

    /** An event that keeps the contract, ready to record. */
    public record Accepted(CloudEvent event, EventRecorder.Incoming incoming) implements Reading {
    }

    /** An event that breaks the contract. */
    public record Refused(InvalidEventException reason) implements Reading {
    }

    /** What became of the event: recorded with an outcome, or rejected with a reason naming the field. */
    public record Result(EventRecorder.Outcome outcome, InvalidEventException rejection, CloudEvent event) {
        public boolean rejected() {
            return rejection != null;
        }
    }

    private final EventRecorder recorder;
    private final int maxEventBytes;
    private final IngestMetrics metrics;
    private final Traces traces;

    @Inject
    public EventIntake(EventRecorder recorder, SsoSyncConfig config, IngestMetrics metrics, Traces traces) {
        this(recorder, config.ingest().maxEventBytes(), metrics, traces);
    }

    /** For parsing without a recorder (tests of the contract): only the size check and the parse run. */
    EventIntake(EventRecorder recorder, int maxEventBytes) {
        this(recorder, maxEventBytes, IngestMetrics.NONE, Traces.none());
    }

    private EventIntake(EventRecorder recorder, int maxEventBytes, IngestMetrics metrics, Traces traces) {
        this.recorder = recorder;
        this.maxEventBytes = maxEventBytes;
        this.metrics = metrics;
        this.traces = traces;
    }

    /** Events larger than this are refused. */
    public int maxEventBytes() {
        return maxEventBytes;
    }

    /** Reads and records one event in a transaction of its own, in the current trace. */
    public Result take(Map<String, String> headers, byte[] value, InboxStore.Origin origin) {
        Reading reading = read(headers, value, origin);
        if (reading instanceof Refused refused) {
            return new Result(null, refused.reason(), null);
        }
        Accepted accepted = (Accepted) reading;
        EventRecorder.Outcome outcome = recorder.record(accepted.incoming());
        counted(accepted, outcome);
        return new Result(outcome, null, accepted.event());
    }

    /** Checks one raw event against the contract; the trace current now is the one its commands continue. */
    public Reading read(Map<String, String> headers, byte[] value, InboxStore.Origin origin) {
        return read(ParsedEvent.of(headers, value, maxEventBytes), origin);
    }

    /** Takes an event parsed elsewhere (the Kafka consumer's polling thread); the trace current now is its own. */
    public Reading read(ParsedEvent parsed, InboxStore.Origin origin) {
        if (parsed instanceof ParsedEvent.Invalid invalid) {
            metrics.rejected(invalid.kind());
            return new Refused(invalid.reason());
        }
        ParsedEvent.Valid valid = (ParsedEvent.Valid) parsed;
        CloudEvent event = valid.event();
        return new Accepted(event, new EventRecorder.Incoming(event.id(), event.type(), event.source(),
                event.subject(), valid.content(), valid.digest(), valid.earlierDigest(), origin,
                traces.currentTraceparent()));
    }

    /** Records accepted events on the caller's transaction; count each with {@link #counted} once it committed. */
    public List<EventRecorder.Outcome> recordAll(Connection c, List<Accepted> events) throws SQLException {
        return recorder.recordAll(c, events.stream().map(Accepted::incoming).toList());
    }

    /** Counts a recorded event by its type and outcome. */
    public void counted(Accepted event, EventRecorder.Outcome outcome) {
        // A type the contract does not know is the sender's to choose: as a tag it would be unbounded.
        metrics.recorded(event.incoming().event().isPresent() ? event.event().type() : "unknown",
                outcomeName(outcome));
    }

    private static String outcomeName(EventRecorder.Outcome outcome) {
        return outcome == EventRecorder.Outcome.SKIPPED_UNKNOWN_TYPE ? "skipped"
                : outcome.name().toLowerCase(Locale.ROOT);
    }
}
