package io.ssosync.clerk;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.ssosync.sync.domain.ClerkApi;
import io.ssosync.sync.domain.ConnectionField;
import io.ssosync.sync.domain.ConnectionSpec;

/**
 * Compares what Clerk answers about a connection with a spec, field by field. Clerk's answers show less than
 * its requests take: the enterprise API never returns the IdP certificate, metadata, attribute mapping or
 * the OIDC client secret, and nests what it does return under {@code saml_connection} and
 * {@code oauth_config}. A field Clerk does not return is unreadable: a resync sends it again rather than
 * guessing, and a reconcile plan cannot call it drifted.
 */
public final class ClerkReadback {

    /** Where each field appears in an enterprise answer and in a legacy SAML answer; null where it does not. */
    private record Source(String enterprise, String legacy) {
    }

    private static final Map<ConnectionField, Source> SOURCES = new EnumMap<>(ConnectionField.class);

    static {
        SOURCES.put(ConnectionField.NAME, new Source("name", "name"));
        SOURCES.put(ConnectionField.DOMAINS, new Source("domains", "domains"));
        SOURCES.put(ConnectionField.ORGANIZATION_ID, new Source("organization_id", "organization_id"));
        SOURCES.put(ConnectionField.ACTIVE, new Source("active", "active"));
        SOURCES.put(ConnectionField.SYNC_USER_ATTRIBUTES, new Source("sync_user_attributes", "sync_user_attributes"));
        SOURCES.put(ConnectionField.DISABLE_ADDITIONAL_IDENTIFICATIONS,
                new Source("disable_additional_identifications", "disable_additional_identifications"));
        SOURCES.put(ConnectionField.ALLOW_ORGANIZATION_ACCOUNT_LINKING,
                new Source("allow_organization_account_linking", "allow_organization_account_linking"));
        SOURCES.put(ConnectionField.CUSTOM_ATTRIBUTES, new Source("custom_attributes", null));
        SOURCES.put(ConnectionField.SAML_IDP_ENTITY_ID, new Source("saml_connection.idp_entity_id", "idp_entity_id"));
        SOURCES.put(ConnectionField.SAML_IDP_SSO_URL, new Source("saml_connection.idp_sso_url", "idp_sso_url"));
        SOURCES.put(ConnectionField.SAML_IDP_CERTIFICATE, new Source(null, "idp_certificate"));
        SOURCES.put(ConnectionField.SAML_IDP_METADATA_URL,
                new Source("saml_connection.idp_metadata_url", "idp_metadata_url"));
        SOURCES.put(ConnectionField.SAML_IDP_METADATA, new Source(null, "idp_metadata"));
        SOURCES.put(ConnectionField.SAML_ALLOW_IDP_INITIATED,
                new Source("saml_connection.allow_idp_initiated", "allow_idp_initiated"));
        SOURCES.put(ConnectionField.SAML_ALLOW_SUBDOMAINS,
                new Source("saml_connection.allow_subdomains", "allow_subdomains"));
        SOURCES.put(ConnectionField.SAML_FORCE_AUTHN, new Source("saml_connection.force_authn", "force_authn"));
        SOURCES.put(ConnectionField.SAML_ATTRIBUTE_MAPPING, new Source(null, "attribute_mapping"));
        SOURCES.put(ConnectionField.SAML_LOGIN_HINT, new Source("saml_connection.login_hint", "login_hint"));
        SOURCES.put(ConnectionField.OIDC_DISCOVERY_URL, new Source("oauth_config.discovery_url", null));
        SOURCES.put(ConnectionField.OIDC_AUTH_URL, new Source("oauth_config.auth_url", null));
        SOURCES.put(ConnectionField.OIDC_TOKEN_URL, new Source("oauth_config.token_url", null));
        SOURCES.put(ConnectionField.OIDC_USER_INFO_URL, new Source("oauth_config.user_info_url", null));
        SOURCES.put(ConnectionField.OIDC_CLIENT_ID, new Source("oauth_config.client_id", null));
        SOURCES.put(ConnectionField.OIDC_CLIENT_SECRET, new Source(null, null));
        SOURCES.put(ConnectionField.OIDC_REQUIRES_PKCE, new Source("oauth_config.requires_pkce", null));
    }

    private ClerkReadback() {
    }

    /** The fields the spec sets whose value in Clerk's answer differs from it. Unreadable fields are not among them. */
    public static Set<ConnectionField> differing(ClerkApi api, JsonNode answer, ConnectionSpec spec) {
        Set<ConnectionField> differing = EnumSet.noneOf(ConnectionField.class);
        for (ConnectionField field : ConnectionField.present(spec)) {
            String source = source(api, field);
            if (source == null || ClerkRequests.requestPath(api, field) == null) {
                continue;
            }
            JsonNode held = at(answer, source);
            // A field the answer leaves out is not known to differ (Clerk omits some in lists).
            if (held != null && !same(field, ClerkRequests.valueOf(spec, field), held)) {
                differing.add(field);
            }
        }
        return differing;
    }

    /** The fields the spec sets that Clerk's answers on this API never show. */
    public static Set<ConnectionField> unreadable(ClerkApi api, ConnectionSpec spec) {
        Set<ConnectionField> unreadable = EnumSet.noneOf(ConnectionField.class);
        for (ConnectionField field : ConnectionField.present(spec)) {
            if (source(api, field) == null && ClerkRequests.requestPath(api, field) != null) {
                unreadable.add(field);
            }
        }
        return unreadable;
    }

    /** The field's name as Clerk's requests on this API spell it, e.g. {@code saml.idp_sso_url}. */
    public static String clerkName(ClerkApi api, ConnectionField field) {
        String path = ClerkRequests.requestPath(api, field);
        return path != null ? path : field.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The fields' Clerk names, sorted, e.g. {@code [name, saml.idp_sso_url]}. */
    public static java.util.List<String> clerkNames(ClerkApi api, Set<ConnectionField> fields) {
        return fields.stream().map(field -> clerkName(api, field)).sorted().toList();
    }

    private static String source(ClerkApi api, ConnectionField field) {
        Source source = SOURCES.get(field);
        return source == null ? null : api == ClerkApi.ENTERPRISE ? source.enterprise() : source.legacy();
    }

    private static JsonNode at(JsonNode answer, String dotted) {
        JsonNode node = answer;
        for (String part : dotted.split("\\.")) {
            if (node == null || !node.isObject() || !node.has(part)) {
                return null;
            }
            node = node.get(part);
        }
        return node;
    }

    private static boolean same(ConnectionField field, JsonNode wanted, JsonNode held) {
        if (field == ConnectionField.DOMAINS) {
            return texts(wanted).equals(texts(held));
        }
        if (field == ConnectionField.SAML_IDP_CERTIFICATE) {
            // Clerk may re-wrap the PEM; the certificate is the same if its base64 is.
            return held.isTextual() && squeeze(wanted.asText()).equals(squeeze(held.asText()));
        }
        return covers(wanted, held);
    }

    /**
     * An object sets only the members it names; Clerk's other members are its own (a custom attribute's
     * {@code directory_path} mirroring its {@code scim_path}, a default {@code multi_valued}). A list of objects
     * is covered element by element, in order.
     */
    private static boolean covers(JsonNode wanted, JsonNode held) {
        if (wanted.isObject()) {
            if (held == null || !held.isObject()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = wanted.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> member = it.next();
                if (!covers(member.getValue(), held.get(member.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (wanted.isArray() && held != null && held.isArray() && wanted.size() == held.size()) {
            for (int i = 0; i < wanted.size(); i++) {
                if (!covers(wanted.get(i), held.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return wanted.equals(held);
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> texts = new HashSet<>();
        if (array != null && array.isArray()) {
            array.forEach(item -> texts.add(item.asText()));
        }
        return texts;
    }

    private static String squeeze(String pem) {
        return pem.replaceAll("\\s+", "");
    }
}
