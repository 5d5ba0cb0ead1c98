package io.ssosync.ingest;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * A registry topic record's value, read ({@link RegistryRecordDeserializer}): the bytes as they came (kept for a
 * rejection and its dead-letter copy), the headers as text, the event id and trace context it carries, and what
 * reading it against the contract gave.
 */
public record RegistryRecord(byte[] raw, Map<String, String> headers, String eventId, String traceparent,
        ParsedEvent parsed) {

    /** W3C trace context header, as Kafka producers instrumented with OpenTelemetry set it. */
    private static final String TRACEPARENT = "traceparent";

    /**
     * Reads a record's value ({@code null}: a tombstone, which Kafka hands over without deserialising it). An event
     * that keeps the contract gives its id and trace context from its reading; one that breaks it is read again for
     * what it still tells, so that its rejection can be told apart.
     */
    public static RegistryRecord read(Headers headers, byte[] value, int maxEventBytes) {
        Map<String, String> text = new LinkedHashMap<>();
        for (Header header : headers) {
            text.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        ParsedEvent parsed = ParsedEvent.of(text, value, maxEventBytes);
        if (parsed instanceof ParsedEvent.Valid valid) {
            return new RegistryRecord(value, text, valid.event().id(),
                    EnvelopeHints.traceparent(text.get(TRACEPARENT), valid.event()), parsed);
        }
        return new RegistryRecord(value, text, EnvelopeHints.id(text, value),
                EnvelopeHints.traceparent(text.get(TRACEPARENT), text, value), parsed);
    }
}
