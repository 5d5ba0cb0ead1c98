package io.ssosync.ingest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A digest of what an event means (type, subject and data as canonical JSON with sorted keys), so that
 * a redelivery can be told from an id reused for other content. The raw bytes would not do: the same
 * event differs byte for byte between the two Kafka bindings, and in key order or spacing.
 */
public final class EventDigest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventDigest() {
    }

    /** SHA-256, hex. */
    public static String of(CloudEvent event) {
        ObjectNode content = JSON.createObjectNode();
        content.put("type", event.type());
        content.put("subject", event.subject());
        content.set("data", event.data());
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(JSON.writeValueAsBytes(canonical(content))));
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("cannot digest event " + event.id(), e);
        }
    }

    private static JsonNode canonical(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                sorted.put(field.getKey(), canonical(field.getValue()));
            }
            ObjectNode copy = JSON.createObjectNode();
            sorted.forEach(copy::set);
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            node.forEach(element -> copy.add(canonical(element)));
            return copy;
        }
        return node;
    }
}
