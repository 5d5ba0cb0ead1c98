package io.ssosync.ingest;

import java.io.IOException;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The id and type of an event that broke the contract, where it still carries them, so that an operator
 * can tell rejections apart. Never fails: an invalid event may carry neither.
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

    private static String envelopeField(byte[] value, String field) {
        try {
            JsonNode node = value == null ? null : JSON.readTree(value);
            return node != null && node.path(field).isTextual() ? node.get(field).asText() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
