package io.ssosync.testing.clerksim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Spoils a success answer the way a broken proxy or a Clerk bug might, for the {@code garble} fault. */
final class Garbling {

    private Garbling() {
    }

    static String apply(FaultSpec.Garble garble, JsonNode body) {
        return switch (garble) {
            case NOT_JSON -> "<html><body>upstream answered</body></html>";
            case WITHOUT_ID -> Json.write(without(body, "id"));
            case WITHOUT_LIST_FIELDS -> Json.write(without(body, "data", "total_count"));
        };
    }

    private static JsonNode without(JsonNode body, String... fields) {
        if (!(body instanceof ObjectNode object)) {
            return Json.object();
        }
        ObjectNode copy = object.deepCopy();
        copy.remove(java.util.List.of(fields));
        return copy;
    }
}
