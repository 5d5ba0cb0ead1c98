package io.ssosync.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a CloudEvents 1.0 envelope in either Kafka binding: binary mode (attributes in {@code ce_*}
 * headers, the data object as the value) or structured mode (the whole envelope as the value).
 */
public final class CloudEventParser {

    // Strict: one JSON value and nothing after it (a value followed by garbage is not JSON).
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final byte[] NUL_ESCAPE = "\\u0000".getBytes(StandardCharsets.US_ASCII);

    private CloudEventParser() {
    }

    /**
     * @param headers the record's headers as UTF-8 strings (last value wins)
     * @param value   the record's value
     */
    public static CloudEvent parse(Map<String, String> headers, byte[] value) {
        if (value == null || value.length == 0) {
            throw new InvalidEventException("value", "is empty: expected a JSON object");
        }
        JsonNode body = readJson(value);
        if (headers.containsKey("ce_specversion")) {
            headers.forEach((name, text) -> {
                if (name.startsWith("ce_")) {
                    rejectNul(name, text);
                }
            });
            if (mayHoldNul(value)) {
                rejectNul(body, "data");
            }
            return binary(headers, body);
        }
        if (mayHoldNul(value)) {
            rejectNul(body, "value");
        }
        return structured(body);
    }

    /**
     * Whether the JSON text could hold U+0000: only as the escape {@code \u0000}, since a raw control character is
     * not JSON. Walking every value of every event for it, naming each one's path, was a twentieth of what reading a
     * record allocated.
     */
    private static boolean mayHoldNul(byte[] json) {
        for (int i = 0; i + NUL_ESCAPE.length <= json.length; i++) {
            if (json[i] == '\\' && Arrays.equals(json, i, i + NUL_ESCAPE.length, NUL_ESCAPE, 0, NUL_ESCAPE.length)) {
                return true;
            }
        }
        return false;
    }

    /** PostgreSQL text cannot hold U+0000: such an event could never be stored, so it is refused here. */
    private static void rejectNul(JsonNode node, String path) {
        if (node.isTextual()) {
            rejectNul(path, node.asText());
        } else if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                rejectNul(path + "." + field.getKey(), field.getKey());
                rejectNul(field.getValue(), path.equals("value") ? field.getKey() : path + "." + field.getKey());
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                rejectNul(node.get(i), path + "[" + i + "]");
            }
        }
    }

    private static void rejectNul(String field, String text) {
        if (text != null && text.indexOf('\u0000') >= 0) {
            throw new InvalidEventException(field, "contains a NUL character (U+0000)");
        }
    }

    private static CloudEvent binary(Map<String, String> headers, JsonNode data) {
        requireSpecVersion("ce_specversion", headers.get("ce_specversion"));
        return new CloudEvent(
                required("ce_id", headers.get("ce_id")),
                required("ce_source", headers.get("ce_source")),
                required("ce_type", headers.get("ce_type")),
                headers.get("ce_subject"),
                headers.get("ce_time"),
                headers.get("ce_traceparent"),
                requireObject("data", data));
    }

    private static CloudEvent structured(JsonNode envelope) {
        requireObject("value", envelope);
        requireSpecVersion("specversion", text(envelope, "specversion"));
        return new CloudEvent(
                required("id", text(envelope, "id")),
                required("source", text(envelope, "source")),
                required("type", text(envelope, "type")),
                text(envelope, "subject"),
                text(envelope, "time"),
                // A hint like EnvelopeHints' own: an attribute of another kind is no trace, not a broken event.
                envelope.path("traceparent").textValue(),
                requireObject("data", envelope.get("data")));
    }

    private static JsonNode readJson(byte[] value) {
        try {
            // Read from the bytes, so that bytes that are not UTF-8 are refused rather than silently replaced.
            return JSON.readTree(value);
        } catch (JsonProcessingException e) {
            // Jackson's own message quotes the text it stumbled on, which may be a secret: only the place is told.
            throw new InvalidEventException("value", "is not JSON" + where(e.getLocation()));
        } catch (IOException e) {
            throw new InvalidEventException("value", "is not JSON");
        }
    }

    private static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidEventException(field, "must be a string");
        }
        return value.asText();
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidEventException(field, "is missing");
        }
        return value;
    }

    private static void requireSpecVersion(String field, String value) {
        if (!"1.0".equals(required(field, value))) {
            throw new InvalidEventException(field, "must be \"1.0\", was \"" + value + "\"");
        }
    }

    private static JsonNode requireObject(String field, JsonNode node) {
        if (node == null || node.isNull()) {
            throw new InvalidEventException(field, "is missing");
        }
        if (!node.isObject()) {
            throw new InvalidEventException(field, "must be a JSON object");
        }
        return node;
    }
}
