package io.ssosync.testing.clerksim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;
import java.util.Optional;

/** One shared ObjectMapper and the few tree helpers the handlers need. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A field that was sent with a non-null value: Clerk treats an explicit null like an absent field. */
    static Optional<JsonNode> given(JsonNode parent, String field) {
        JsonNode value = parent == null ? null : parent.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    static Optional<String> givenText(JsonNode parent, String field) {
        return given(parent, field).map(JsonNode::asText);
    }

    /** Copies every field of {@code patch} that is present and non-null onto {@code target}. */
    static void mergeGiven(ObjectNode target, JsonNode patch, String... fields) {
        for (String field : fields) {
            given(patch, field).ifPresent(value -> target.set(field, value.deepCopy()));
        }
    }
}
