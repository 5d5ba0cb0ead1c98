package io.ssosync.clerk;

import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.ssosync.sync.domain.AttributeMapping;
import io.ssosync.sync.domain.ClerkApi;
import io.ssosync.sync.domain.ConnectionField;
import io.ssosync.sync.domain.ConnectionSpec;
import io.ssosync.sync.domain.CustomAttribute;
import io.ssosync.sync.domain.LoginHint;

/**
 * Maps connection specs to Clerk's request bodies (snake_case, {@code additionalProperties: false}).
 * The enterprise API nests IdP settings under {@code saml} or {@code oidc}; the legacy SAML API keeps
 * them at the top level. A setting the registry leaves null is not sent: Clerk keeps its own value. A field
 * an API does not have (the OIDC settings and custom attributes on the legacy one) has no legacy path.
 */
public final class ClerkRequests {

    /** Where each field goes in an enterprise body (dotted: nested object) and in a legacy SAML body. */
    private record Target(String enterprise, String legacy) {
    }

    private static final Map<ConnectionField, Target> TARGETS = new EnumMap<>(ConnectionField.class);

    static {
        TARGETS.put(ConnectionField.NAME, new Target("name", "name"));
        TARGETS.put(ConnectionField.DOMAINS, new Target("domains", "domains"));
        TARGETS.put(ConnectionField.ORGANIZATION_ID, new Target("organization_id", "organization_id"));
        TARGETS.put(ConnectionField.ACTIVE, new Target("active", "active"));
        TARGETS.put(ConnectionField.SYNC_USER_ATTRIBUTES, new Target("sync_user_attributes", "sync_user_attributes"));
        TARGETS.put(ConnectionField.DISABLE_ADDITIONAL_IDENTIFICATIONS,
                new Target("disable_additional_identifications", "disable_additional_identifications"));
        TARGETS.put(ConnectionField.ALLOW_ORGANIZATION_ACCOUNT_LINKING,
                new Target("allow_organization_account_linking", "allow_organization_account_linking"));
        TARGETS.put(ConnectionField.CUSTOM_ATTRIBUTES, new Target("custom_attributes", null));
        TARGETS.put(ConnectionField.SAML_IDP_ENTITY_ID, new Target("saml.idp_entity_id", "idp_entity_id"));
        TARGETS.put(ConnectionField.SAML_IDP_SSO_URL, new Target("saml.idp_sso_url", "idp_sso_url"));
        TARGETS.put(ConnectionField.SAML_IDP_CERTIFICATE, new Target("saml.idp_certificate", "idp_certificate"));
        TARGETS.put(ConnectionField.SAML_IDP_METADATA_URL, new Target("saml.idp_metadata_url", "idp_metadata_url"));
        TARGETS.put(ConnectionField.SAML_IDP_METADATA, new Target("saml.idp_metadata", "idp_metadata"));
        TARGETS.put(ConnectionField.SAML_ALLOW_IDP_INITIATED,
                new Target("saml.allow_idp_initiated", "allow_idp_initiated"));
        TARGETS.put(ConnectionField.SAML_ALLOW_SUBDOMAINS, new Target("saml.allow_subdomains", "allow_subdomains"));
        TARGETS.put(ConnectionField.SAML_FORCE_AUTHN, new Target("saml.force_authn", "force_authn"));
        TARGETS.put(ConnectionField.SAML_ATTRIBUTE_MAPPING, new Target("saml.attribute_mapping", "attribute_mapping"));
        TARGETS.put(ConnectionField.SAML_LOGIN_HINT, new Target("saml.login_hint", "login_hint"));
        TARGETS.put(ConnectionField.OIDC_DISCOVERY_URL, new Target("oidc.discovery_url", null));
        TARGETS.put(ConnectionField.OIDC_AUTH_URL, new Target("oidc.auth_url", null));
        TARGETS.put(ConnectionField.OIDC_TOKEN_URL, new Target("oidc.token_url", null));
        TARGETS.put(ConnectionField.OIDC_USER_INFO_URL, new Target("oidc.user_info_url", null));
        TARGETS.put(ConnectionField.OIDC_CLIENT_ID, new Target("oidc.client_id", null));
        TARGETS.put(ConnectionField.OIDC_CLIENT_SECRET, new Target("oidc.client_secret", null));
        TARGETS.put(ConnectionField.OIDC_REQUIRES_PKCE, new Target("oidc.requires_pkce", null));
    }

    private ClerkRequests() {
    }

    public static String collection(ClerkApi api) {
        return api == ClerkApi.ENTERPRISE ? "enterprise_connections" : "saml_connections";
    }

    /** The create call: provider and every field the API's create accepts. */
    public static ClerkRequest create(ClerkApi api, ConnectionSpec spec) {
        Set<ConnectionField> fields = ConnectionField.present(spec);
        fields.removeAll(api.updateOnlyFields());
        ObjectNode body = body(api, spec, fields);
        body.put("provider", spec.provider());
        return ClerkRequest.create(collection(api), body);
    }

    /** The update call carrying the given fields, or null when none of them can be sent. */
    public static ClerkRequest update(ClerkApi api, String clerkId, ConnectionSpec spec,
            Set<ConnectionField> fields) {
        ObjectNode body = body(api, spec, fields);
        return body.isEmpty() ? null : ClerkRequest.update(collection(api), clerkId, body);
    }

    /**
     * The update-only fields whose value in Clerk's answer to a create already equals the spec's: both
     * APIs answer with them at the top level.
     */
    public static Set<ConnectionField> confirmedByCreate(ClerkApi api, ConnectionSpec spec, JsonNode answer) {
        Set<ConnectionField> confirmed = EnumSet.noneOf(ConnectionField.class);
        for (ConnectionField field : api.updateOnlyFields()) {
            Object wanted = field.read(spec);
            JsonNode held = answer == null ? null : answer.get(TARGETS.get(field).legacy());
            if (wanted instanceof Boolean flag && held != null && held.isBoolean() && held.booleanValue() == flag) {
                confirmed.add(field);
            }
        }
        return confirmed;
    }

    public static ClerkRequest delete(ClerkApi api, String clerkId) {
        return ClerkRequest.delete(collection(api), clerkId);
    }

    private static ObjectNode body(ClerkApi api, ConnectionSpec spec, Collection<ConnectionField> fields) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        for (ConnectionField field : fields) {
            Object value = field.read(spec);
            Target target = TARGETS.get(field);
            String path = api == ClerkApi.ENTERPRISE ? target.enterprise() : target.legacy();
            if (value == null || path == null) {
                continue;
            }
            ObjectNode parent = body;
            int dot = path.indexOf('.');
            if (dot > 0) {
                parent = body.has(path.substring(0, dot)) ? (ObjectNode) body.get(path.substring(0, dot))
                        : body.putObject(path.substring(0, dot));
                path = path.substring(dot + 1);
            }
            put(parent, path, value);
        }
        return body;
    }

    /** Where the field goes in a request body of the API, dotted where nested, or null if the API has no such field. */
    static String requestPath(ClerkApi api, ConnectionField field) {
        Target target = TARGETS.get(field);
        return api == ClerkApi.ENTERPRISE ? target.enterprise() : target.legacy();
    }

    /** The field's value in the spec as a request body carries it, or null when the spec leaves it unset. */
    static JsonNode valueOf(ConnectionSpec spec, ConnectionField field) {
        Object value = field.read(spec);
        if (value == null) {
            return null;
        }
        ObjectNode holder = JsonNodeFactory.instance.objectNode();
        put(holder, "value", value);
        return holder.get("value");
    }

    private static void put(ObjectNode parent, String name, Object value) {
        if (value instanceof String text) {
            parent.put(name, text);
        } else if (value instanceof Boolean flag) {
            parent.put(name, flag);
        } else if (value instanceof Collection<?> list) {
            var array = parent.putArray(name);
            for (Object item : list) {
                if (item instanceof CustomAttribute attribute) {
                    ObjectNode node = array.addObject();
                    node.put("name", attribute.name());
                    node.put("key", attribute.key());
                    putIfSet(node, "sso_path", attribute.ssoPath());
                    putIfSet(node, "scim_path", attribute.scimPath());
                    putIfSet(node, "directory_path", attribute.directoryPath());
                    if (attribute.multiValued() != null) {
                        node.put("multi_valued", attribute.multiValued());
                    }
                } else {
                    array.add(item.toString());
                }
            }
        } else if (value instanceof LoginHint hint) {
            ObjectNode node = parent.putObject(name);
            node.put("mode", hint.mode());
            putIfSet(node, "source", hint.source());
        } else if (value instanceof AttributeMapping mapping) {
            ObjectNode node = parent.putObject(name);
            putIfSet(node, "user_id", mapping.userId());
            putIfSet(node, "email_address", mapping.emailAddress());
            putIfSet(node, "first_name", mapping.firstName());
            putIfSet(node, "last_name", mapping.lastName());
        } else {
            throw new IllegalArgumentException("no Clerk mapping for " + value.getClass());
        }
    }

    private static void putIfSet(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }
}
