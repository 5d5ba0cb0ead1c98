package io.ssosync.audit;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Replaces secret values in a request or response body before it is stored or shown. */
public final class Redaction {

    public static final String MASK = "[redacted]";

    /** Secret field names, in Clerk's snake_case and the contract's camelCase. */
    private static final Set<String> SECRET_FIELDS = Set.of("client_secret", "idp_certificate", "clientSecret",
            "idpCertificate");

    /**
     * A secret's string value in JSON text that could not be parsed (cut short, say): from the opening quote to
     * the closing one, or to the end of the text.
     */
    private static final Pattern SECRET_IN_TEXT = Pattern.compile("(\"(?:" + String.join("|", SECRET_FIELDS)
            + ")\"\\s*:\\s*)\"[^\"\\\\]*+(?:\\\\.[^\"\\\\]*+)*+(?:\\\\?\"|\\\\?\\z)");

    private Redaction() {
    }

    /** The text with the string values of secret fields masked, for JSON text that does not parse. */
    public static String redactText(String text) {
        return text == null ? null : SECRET_IN_TEXT.matcher(text).replaceAll("$1\"" + MASK + "\"");
    }

    /** A redacted deep copy; the input is left as it is. */
    public static JsonNode redact(JsonNode body) {
        if (body == null) {
            return null;
        }
        JsonNode copy = body.deepCopy();
        redactInPlace(copy);
        return copy;
    }

    private static void redactInPlace(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (SECRET_FIELDS.contains(field.getKey()) && !field.getValue().isNull()) {
                    field.setValue(object.textNode(MASK));
                } else {
                    redactInPlace(field.getValue());
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(Redaction::redactInPlace);
        }
    }
}
