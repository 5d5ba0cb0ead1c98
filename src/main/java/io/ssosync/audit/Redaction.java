package io.ssosync.audit;

import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Replaces secret values in a request or response body before it is stored or shown. */
public final class Redaction {

    public static final String MASK = "[redacted]";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Secret field names, in Clerk's snake_case and the contract's camelCase. */
    private static final Set<String> SECRET_FIELDS = Set.of("client_secret", "idp_certificate", "idp_metadata",
            "clientSecret", "idpCertificate", "idpMetadata");

    /**
     * A secret's string value in JSON text that could not be parsed (cut short, say): from the opening quote to
     * the closing one, or to the end of the text.
     */
    private static final Pattern SECRET_IN_TEXT = Pattern.compile("(\"(?:" + String.join("|", SECRET_FIELDS)
            + ")\"\\s*:\\s*)\"[^\"\\\\]*+(?:\\\\.[^\"\\\\]*+)*+(?:\\\\?\"|\\\\?\\z)");

    /** A secret field name not followed by the mask. */
    private static final Pattern UNMASKED_SECRET = Pattern.compile("(?:" + String.join("|", SECRET_FIELDS)
            + ")(?!\"\\s*:\\s*\"" + Pattern.quote(MASK) + "\")");

    private Redaction() {
    }

    /**
     * The text with the string values of secret fields masked, for JSON text that does not parse. Where a
     * secret field's value is not a plain string (unquoted, or inside escaped JSON), the text is cut there:
     * what follows may be the secret.
     */
    public static String redactText(String text) {
        if (text == null) {
            return null;
        }
        String masked = SECRET_IN_TEXT.matcher(text).replaceAll("$1\"" + MASK + "\"");
        Matcher unmasked = UNMASKED_SECRET.matcher(masked);
        return unmasked.find() ? masked.substring(0, unmasked.end()) + MASK + " (cut here: the rest may hold secrets)"
                : masked;
    }

    /**
     * A CloudEvents envelope as an operator may see it: redacted like any body, and also where its data hides
     * from field names, as a JSON string holding JSON or as {@code data_base64}, whose bytes may be anything.
     */
    public static JsonNode redactEnvelope(JsonNode envelope) {
        JsonNode copy = redact(envelope);
        if (copy instanceof ObjectNode object) {
            JsonNode data = object.get("data");
            if (data != null && data.isTextual()) {
                object.put("data", redactJsonText(data.asText()));
            }
            if (object.has("data_base64")) {
                object.put("data_base64", MASK);
            }
        }
        return copy;
    }

    /** JSON text with its secrets masked, whether or not it parses. */
    private static String redactJsonText(String text) {
        try {
            JsonNode parsed = JSON.readTree(text);
            if (parsed != null && parsed.isContainerNode()) {
                return JSON.writeValueAsString(redactEnvelope(parsed));
            }
        } catch (IOException e) {
            // not JSON: masked as text below
        }
        return redactText(text);
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
