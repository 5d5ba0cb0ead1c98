package io.ssosync.ingest;

import java.time.Instant;
import java.util.Map;

/** A stored rejection: the raw record as it arrived, why it was refused, and whether its dead-letter copy arrived. */
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
        String replayOutcome,
        DeadLetter deadLetterStatus,
        String deadLetterError,
        Instant deadLetterAt,
        String receivedVia,
        String webhookId) {

    /** How a rejected event arrived, as {@code receivedVia} names it. */
    public static final String VIA_KAFKA = "kafka";
    public static final String VIA_WEBHOOK = "webhook";

    /** The copy to the dead-letter topic; null for rows older than this record. */
    public enum DeadLetter {
        /** Handed to Kafka, no answer yet (or the answer could not be recorded). */
        PENDING,
        COPIED,
        /** Kafka could not take it within the producer's time-outs; {@code deadLetterError} says why. */
        FAILED
    }
}
