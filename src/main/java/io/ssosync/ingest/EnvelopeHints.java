package io.ssosync.ingest;

import java.io.IOException;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The id and type of an event that broke the contract, where it still carries them, so that an operator
 * can tell rejections apart, and the trace context of any event. Never fails: an invalid event may carry none.
 */
public final class EnvelopeHints {

    private static final ObjectMapper JSON = new ObjectMapper();

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

    private static String envelopeField(byte[] value, String field) {
        try {
            JsonNode node = value == null ? null : JSON.readTree(value);
            return node != null && node.path(field).isTextual() ? node.get(field).asText() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
