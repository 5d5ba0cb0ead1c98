package io.ssosync.ingest;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import io.ssosync.sync.domain.CustomAttribute;
import io.ssosync.sync.domain.LoginHint;

/**
 * Reads the contract's extensions for Clerk settings the registry contract does not name ({@code loginHint},
 * {@code customAttributes}), checked as Clerk's spec (bapi.yml, 2026-05-12) checks them, so that what Clerk would
 * refuse is refused at intake, naming the field.
 */
final class ClerkExtensions {

    static final int MAX_ATTRIBUTE_TEXT = 256;

    // Clerk's pattern for a custom attribute's key: no leading underscore, then letters, digits, '_' and '-'.
    private static final Pattern ATTRIBUTE_KEY = Pattern.compile("^[^_][A-Za-z0-9_-]*$");

    private ClerkExtensions() {
    }

    /** {@code saml.loginHint}, or null when not given. */
    static LoginHint loginHint(JsonFields saml) {
        JsonFields hint = saml.optionalObject("loginHint");
        if (hint == null) {
            return null;
        }
        String mode = hint.optionalText("mode");
        if (mode == null) {
            throw new InvalidEventException(hint.field("mode"), "is missing");
        }
        if (!LoginHint.MODES.contains(mode)) {
            throw new InvalidEventException(hint.field("mode"), "must be one of " + LoginHint.MODES
                    + ", was \"" + mode + "\"");
        }
        String source = hint.optionalText("source");
        if (LoginHint.CUSTOM_ATTRIBUTE.equals(mode) && (source == null || source.isBlank())) {
            throw new InvalidEventException(hint.field("source"),
                    "is missing: mode custom_attribute sends the value of this public metadata key");
        }
        if (!LoginHint.CUSTOM_ATTRIBUTE.equals(mode) && source != null) {
            throw new InvalidEventException(hint.field("source"), "is only used with mode custom_attribute");
        }
        return new LoginHint(mode, source);
    }

    /** {@code customAttributes}: null when not given (Clerk keeps its own), empty for none. */
    static List<CustomAttribute> customAttributes(JsonFields fields) {
        if (!fields.has("customAttributes")) {
            return null;
        }
        return fields.array("customAttributes", (node, path) -> {
            if (node == null || !node.isObject()) {
                throw new InvalidEventException(path, "must be a JSON object");
            }
            return customAttribute(new JsonFields(node, path));
        });
    }

    private static CustomAttribute customAttribute(JsonFields attribute) {
        String name = attribute.requiredText("name", MAX_ATTRIBUTE_TEXT);
        String key = attribute.requiredText("key", MAX_ATTRIBUTE_TEXT);
        if (!ATTRIBUTE_KEY.matcher(key).matches()) {
            throw new InvalidEventException(attribute.field("key"), "\"" + key
                    + "\" does not match Clerk's pattern " + ATTRIBUTE_KEY
                    + " (no leading '_', then letters, digits, '_' and '-')");
        }
        String scimPath = attribute.optionalText("scimPath");
        String directoryPath = attribute.optionalText("directoryPath");
        if (scimPath != null && directoryPath != null && !Objects.equals(scimPath, directoryPath)) {
            throw new InvalidEventException(attribute.field("directoryPath"),
                    "is Clerk's new name for scimPath: give either, or both with the same value");
        }
        return new CustomAttribute(name, key, attribute.optionalText("ssoPath"), scimPath, directoryPath,
                attribute.optionalBoolean("multiValued"));
    }
}
