package io.ssosync.ingest;

import java.io.IOException;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * The id and type of an event that broke the contract, where it still carries them, so that an operator
 * can tell rejections apart, and the trace context of any event. Never fails: an invalid event may carry none.
 */
public final class EnvelopeHints {

    private static final JsonFactory JSON = new JsonFactory();

    private EnvelopeHints() {
    }

    public static String id(Map<String, String> headers, byte[] value) {
        return headers.containsKey("ce_id") ? headers.get("ce_id") : envelopeField(value, "id");
    }

    public static String type(Map<String, String> headers, byte[] value) {
        return headers.containsKey("ce_type") ? headers.get("ce_type") : envelopeField(value, "type");
    }

    /**
     * The trace context the event came with: the transport's W3C {@code traceparent} header (a Kafka record header,
     * an HTTP header), else the CloudEvents distributed-tracing extension ({@code ce_traceparent} in binary mode, the
     * {@code traceparent} attribute of a structured event), which the contract's envelope leaves room for.
     */
    public static String traceparent(String transportHeader, Map<String, String> headers, byte[] value) {
        if (transportHeader != null && !transportHeader.isBlank()) {
            return transportHeader;
        }
        return headers.containsKey("ce_specversion") ? headers.get("ce_traceparent")
                : envelopeField(value, "traceparent");
    }

    /** The same for an event that keeps the contract, read already: the transport's header, else its envelope's. */
    public static String traceparent(String transportHeader, CloudEvent event) {
        return transportHeader != null && !transportHeader.isBlank() ? transportHeader : event.traceparent();
    }

    /**
     * A text attribute at the envelope's top level, read as a stream that stops once it has it and skips nested
     * values unread: an event that could not be parsed may still carry it before where it breaks off.
     */
    private static String envelopeField(byte[] value, String field) {
        if (value == null) {
            return null;
        }
        try (JsonParser parser = JSON.createParser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                if (name.equals(field)) {
                    return token == JsonToken.VALUE_STRING ? parser.getText() : null;
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
