package io.ssosync.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads typed fields out of a JSON object, naming the full path of any field that is wrong. */
final class JsonFields {

    private final JsonNode node;
    private final String path;

    JsonFields(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    String field(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** Whether the field is given with a value other than null. */
    boolean has(String name) {
        JsonNode value = node.get(name);
        return value != null && !value.isNull();
    }

    String requiredText(String name, int maxLength) {
        String value = optionalText(name);
        if (value == null || value.isBlank()) {
            throw new InvalidEventException(field(name), "is missing");
        }
        if (value.length() > maxLength) {
            throw new InvalidEventException(field(name), "is longer than " + maxLength + " characters");
        }
        return value;
    }

    String optionalText(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidEventException(field(name), "must be a string");
        }
        return value.asText();
    }

    Boolean optionalBoolean(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw new InvalidEventException(field(name), "must be true or false");
        }
        return value.booleanValue();
    }

    long requiredVersion(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new InvalidEventException(field(name), "is missing");
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new InvalidEventException(field(name), "must be an integer");
        }
        if (value.longValue() < 0) {
            throw new InvalidEventException(field(name), "must not be negative");
        }
        return value.longValue();
    }

    /** The nested object, or null where the field is absent or null. */
    JsonFields optionalObject(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw new InvalidEventException(field(name), "must be a JSON object");
        }
        return new JsonFields(value, field(name));
    }

    <T> List<T> optionalArray(String name, BiFunction<JsonNode, String, T> element) {
        return has(name) ? array(name, element) : List.of();
    }

    /** The elements, each checked by {@code element}; call only for a field that {@link #has} a value. */
    <T> List<T> array(String name, BiFunction<JsonNode, String, T> element) {
        JsonNode value = node.get(name);
        if (!value.isArray()) {
            throw new InvalidEventException(field(name), "must be an array");
        }
        List<T> result = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            result.add(element.apply(value.get(i), field(name) + "[" + i + "]"));
        }
        return result;
    }
}
