package io.ssosync.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ssosync.audit.Redaction;
import io.ssosync.ingest.RejectedEvent;

/**
 * A rejection as the API shows it. A JSON payload is shown with its secrets redacted; anything else
 * is shown as text, cut short. The raw bytes stay in the database for replay.
 */
public record RejectedEventView(
        long id,
        String eventId,
        String eventType,
        String reason,
        JsonNode payload,
        String payloadText,
        String topic,
        Integer partition,
        Long offset,
        Instant rejectedAt,
        Instant replayedAt,
        String replayOutcome,
        String deadLetterStatus,
        String deadLetterError,
        Instant deadLetterAt,
        String receivedVia,
        String webhookId) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_TEXT = 512;

    public static RejectedEventView of(RejectedEvent event) {
        JsonNode payload = parse(event.rawValue());
        String text = null;
        if (payload == null && event.rawValue() != null) {
            text = new String(event.rawValue(), StandardCharsets.UTF_8);
            // Unparseable JSON (cut short, say) may still hold a secret: masked as in a parsed payload.
            text = text.length() > MAX_TEXT ? Redaction.redactText(text.substring(0, MAX_TEXT)) + "..."
                    : Redaction.redactText(text);
        }
        return new RejectedEventView(event.id(), event.eventId(), event.eventType(), event.reason(),
                Redaction.redactEnvelope(payload), text, event.topic(), event.partition(), event.offset(), event.rejectedAt(),
                event.replayedAt(), event.replayOutcome(),
                event.deadLetterStatus() == null ? null : event.deadLetterStatus().name(), event.deadLetterError(),
                event.deadLetterAt(), event.receivedVia(), event.webhookId());
    }

    private static JsonNode parse(byte[] raw) {
        try {
            return raw == null ? null : JSON.readTree(raw);
        } catch (Exception e) {
            return null;
        }
    }
}
