package io.ssosync.ingest;

import java.time.Instant;
import java.util.Map;

/** A stored rejection: the raw record as it arrived, and why it was refused. */
public record RejectedEvent(
        long id,
        String eventId,
        String eventType,
        String reason,
        byte[] rawValue,
        Map<String, String> rawHeaders,
        String topic,
        Integer partition,
        Long offset,
        Instant rejectedAt,
        Instant replayedAt,
        String replayOutcome) {
}
