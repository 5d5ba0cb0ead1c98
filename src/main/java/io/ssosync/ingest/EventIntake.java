package io.ssosync.ingest;

import java.util.Map;
import java.util.Optional;

import io.ssosync.config.SsoSyncConfig;
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

    @Inject
    public EventIntake(EventRecorder recorder, SsoSyncConfig config) {
        this(recorder, config.ingest().maxEventBytes());
    }

    /** For parsing without a recorder (tests of the contract): only the size check and the parse run. */
    EventIntake(EventRecorder recorder, int maxEventBytes) {
        this.recorder = recorder;
        this.maxEventBytes = maxEventBytes;
    }

    /** Events larger than this are refused. */
    public int maxEventBytes() {
        return maxEventBytes;
    }

    public Result take(Map<String, String> headers, byte[] value, InboxStore.Origin origin) {
        CloudEvent event;
        Optional<RegistryEvent> content;
        try {
            if (value != null && value.length > maxEventBytes) {
                throw new InvalidEventException("value", "is " + value.length + " bytes, more than the "
                        + maxEventBytes + " allowed");
            }
            event = CloudEventParser.parse(headers, value);
            content = ContractReader.read(event.type(), event.data());
        } catch (InvalidEventException e) {
            return new Result(null, e, null);
        }
        EventRecorder.Outcome outcome = recorder.record(new EventRecorder.Incoming(event.id(), event.type(),
                event.source(), event.subject(), content, EventDigest.of(event), origin));
        return new Result(outcome, null, event);
    }
}
