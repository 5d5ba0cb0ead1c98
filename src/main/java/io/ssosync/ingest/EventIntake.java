package io.ssosync.ingest;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.ssosync.config.SsoSyncConfig;
import io.ssosync.metrics.IngestMetrics;
import io.ssosync.sync.EventRecorder;
import io.ssosync.sync.domain.RegistryEvent;
import io.ssosync.sync.store.InboxStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Reads one raw event (from Kafka or an operator's replay), checks it and records it. */
@ApplicationScoped
public class EventIntake {

    /** What became of the event: recorded with an outcome, or rejected with a reason naming the field. */
    public record Result(EventRecorder.Outcome outcome, InvalidEventException rejection, CloudEvent event) {
        public boolean rejected() {
            return rejection != null;
        }
    }

    private final EventRecorder recorder;
    private final int maxEventBytes;
    private final IngestMetrics metrics;

    @Inject
    public EventIntake(EventRecorder recorder, SsoSyncConfig config, IngestMetrics metrics) {
        this(recorder, config.ingest().maxEventBytes(), metrics);
    }

    /** For parsing without a recorder (tests of the contract): only the size check and the parse run. */
    EventIntake(EventRecorder recorder, int maxEventBytes) {
        this(recorder, maxEventBytes, IngestMetrics.NONE);
    }

    private EventIntake(EventRecorder recorder, int maxEventBytes, IngestMetrics metrics) {
        this.recorder = recorder;
        this.maxEventBytes = maxEventBytes;
        this.metrics = metrics;
    }

    /** Events larger than this are refused. */
    public int maxEventBytes() {
        return maxEventBytes;
    }

    public Result take(Map<String, String> headers, byte[] value, InboxStore.Origin origin) {
        if (value != null && value.length > maxEventBytes) {
            return rejected("too_large", new InvalidEventException("value", "is " + value.length
                    + " bytes, more than the " + maxEventBytes + " allowed"));
        }
        CloudEvent event;
        try {
            event = CloudEventParser.parse(headers, value);
        } catch (InvalidEventException e) {
            return rejected("envelope", e);
        }
        Optional<RegistryEvent> content;
        try {
            content = ContractReader.read(event.type(), event.data());
        } catch (InvalidEventException e) {
            return rejected("data", e);
        }
        EventRecorder.Outcome outcome = recorder.record(new EventRecorder.Incoming(event.id(), event.type(),
                event.source(), event.subject(), content, EventDigest.of(event), origin));
        // A type the contract does not know is the sender's to choose: as a tag it would be unbounded.
        metrics.recorded(content.isPresent() ? event.type() : "unknown", outcomeName(outcome));
        return new Result(outcome, null, event);
    }

    private Result rejected(String reason, InvalidEventException e) {
        metrics.rejected(reason);
        return new Result(null, e, null);
    }

    private static String outcomeName(EventRecorder.Outcome outcome) {
        return outcome == EventRecorder.Outcome.SKIPPED_UNKNOWN_TYPE ? "skipped"
                : outcome.name().toLowerCase(Locale.ROOT);
    }
}
