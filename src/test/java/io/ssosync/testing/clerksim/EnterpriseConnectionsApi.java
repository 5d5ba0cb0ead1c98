package io.ssosync.testing.clerksim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Optional;

/**
 * {@code /v1/enterprise_connections}: create answers 201, the rest 200. Bodies arrive already checked against
 * the OpenAPI schema; this class adds Clerk's semantic rules and keeps the state.
 *
 * <p>The stored form keeps every IdP setting sent, in a {@code saml} or {@code oidc} object; {@link #render}
 * turns it into the spec's EnterpriseConnection, which shows far less: its {@code saml_connection} has no
 * certificate, metadata or attribute mapping, and {@code oauth_config} never has the client secret.
 */
final class EnterpriseConnectionsApi {

    private static final String[] TOP_LEVEL_UPDATABLE = {"name", "active", "sync_user_attributes",
            "disable_additional_identifications", "allow_organization_account_linking", "organization_id"};
    private static final String[] SAML_FIELDS = {"name", "idp_entity_id", "idp_sso_url", "idp_certificate",
            "idp_metadata_url", "idp_metadata", "allow_subdomains", "allow_idp_initiated", "force_authn", "login_hint"};
    private static final String[] ATTRIBUTE_MAPPING_FIELDS = {"user_id", "email_address", "first_name", "last_name"};
    private static final String[] OIDC_FIELDS = {"client_id", "client_secret", "discovery_url", "auth_url",
            "token_url", "user_info_url", "requires_pkce"};
    private static final String[] OIDC_URLS = {"discovery_url", "auth_url", "token_url", "user_info_url"};

    private final ConnectionStore store;

    EnterpriseConnectionsApi(ConnectionStore store) {
        this.store = store;
    }

    ApiResponse list(ApiRequest request) {
        Optional<String> organization = request.queryValue("organization_id");
        Optional<Boolean> active = request.queryValue("active").map(Boolean::parseBoolean);
        List<ObjectNode> matching = store.all(Flavour.ENTERPRISE).stream()
                .map(ConnectionStore.Entry::data)
                .filter(c -> organization.isEmpty() || organization.get().equals(c.path("organization_id").asText(null)))
                .filter(c -> active.isEmpty() || active.get() == c.path("active").asBoolean())
                .map(EnterpriseConnectionsApi::render)
                .toList();
        return ListPage.of(matching, request);
    }

    ApiResponse get(String id) {
        return ApiResponse.of(200, render(store.get(Flavour.ENTERPRISE, id).orElseThrow(ClerkErrors::notFound).data()));
    }

    ApiResponse create(JsonNode body) {
        ConnectionRules.requireName(body);
        ConnectionRules.requireOrganizationId(body, false);
        ArrayNode domains = ConnectionRules.domains(body.get("domains"), "domains");
        String name = body.get("name").asText();
        String provider = body.get("provider").asText();
        long now = System.currentTimeMillis();

        ObjectNode connection = Json.object();
        connection.put("id", ClerkIds.enterpriseConnection());
        connection.put("name", name);
        connection.put("provider", provider);
        connection.put("active", body.path("active").asBoolean(false));
        connection.set("domains", domains);
        connection.set("organization_id", body.path("organization_id").isMissingNode()
                ? Json.MAPPER.nullNode() : body.get("organization_id").deepCopy());
        connection.put("sync_user_attributes", true);
        connection.put("disable_additional_identifications", false);
        connection.put("allow_organization_account_linking",
                body.path("allow_organization_account_linking").asBoolean(false));
        connection.set("custom_attributes", Json.given(body, "custom_attributes")
                .map(ConnectionRules::customAttributes).orElseGet(Json.MAPPER::createArrayNode));
        // The spec applies `saml` only to SAML providers and `oidc` only to OIDC ones; the other block is ignored.
        if (ConnectionRules.isSaml(provider)) {
            ObjectNode saml = newSaml(name);
            mergeSaml(saml, body.get("saml"));
            connection.set("saml", saml);
        } else {
            ObjectNode oidc = newOidc(provider, now);
            mergeOidc(oidc, body.get("oidc"), now);
            connection.set("oidc", oidc);
        }
        requireActivatable(connection);
        connection.put("created_at", now);
        connection.put("updated_at", now);
        return ApiResponse.of(201, render(store.insert(Flavour.ENTERPRISE, connection).data()));
    }

    ApiResponse update(String id, JsonNode body) {
        ConnectionRules.requireName(body);
        ConnectionRules.requireOrganizationId(body, true);
        // An empty `domains` array means "no change" (spec); a non-empty one replaces the list.
        Optional<ArrayNode> domains = Json.given(body, "domains").filter(array -> !array.isEmpty())
                .map(array -> ConnectionRules.domains(array, "domains"));
        Optional<ArrayNode> customAttributes = Json.given(body, "custom_attributes")
                .map(ConnectionRules::customAttributes);
        long now = System.currentTimeMillis();
        ConnectionStore.Entry updated = store.update(Flavour.ENTERPRISE, id, connection -> {
            Json.mergeGiven(connection, body, TOP_LEVEL_UPDATABLE);
            domains.ifPresent(list -> connection.set("domains", list));
            customAttributes.ifPresent(list -> connection.set("custom_attributes", list));
            if (connection.has("saml")) {
                mergeSaml((ObjectNode) connection.get("saml"), body.get("saml"));
            } else {
                mergeOidc((ObjectNode) connection.get("oidc"), body.get("oidc"), now);
            }
            requireActivatable(connection);
            connection.put("updated_at", now);
            return connection;
        });
        return ApiResponse.of(200, render(updated.data()));
    }

    ApiResponse delete(String id) {
        store.remove(Flavour.ENTERPRISE, id);
        ObjectNode deleted = Json.object();
        deleted.put("object", "enterprise_connection");
        deleted.put("id", id);
        deleted.put("deleted", true);
        return ApiResponse.of(200, deleted);
    }

    /** The spec's EnterpriseConnection for a stored connection. */
    static ObjectNode render(ObjectNode stored) {
        ObjectNode out = Json.object();
        out.put("object", "enterprise_connection");
        out.set("id", stored.get("id"));
        out.set("name", stored.get("name"));
        out.set("provider", stored.get("provider"));
        out.putNull("logo_public_url");
        out.set("active", stored.get("active"));
        out.set("domains", stored.get("domains").deepCopy());
        out.set("organization_id", stored.get("organization_id"));
        out.set("sync_user_attributes", stored.get("sync_user_attributes"));
        out.set("disable_additional_identifications", stored.get("disable_additional_identifications"));
        out.set("allow_organization_account_linking", stored.get("allow_organization_account_linking"));
        out.set("custom_attributes", stored.get("custom_attributes").deepCopy());
        boolean active = stored.get("active").asBoolean();
        if (stored.has("saml")) {
            out.set("saml_connection", renderSaml(stored.get("saml"), active));
            out.putNull("oauth_config");
            out.put("authenticatable", active && ConnectionRules.samlConfigured(stored.get("saml")));
        } else {
            out.putNull("saml_connection");
            out.set("oauth_config", renderOidc(stored.get("oidc"), stored.get("name").asText()));
            out.put("authenticatable", active && oidcConfigured(stored.get("oidc")));
        }
        out.put("disable_jit_provisioning", false);
        out.set("created_at", stored.get("created_at"));
        out.set("updated_at", stored.get("updated_at"));
        return out;
    }

    private static ObjectNode newSaml(String name) {
        ObjectNode saml = Json.object();
        saml.put("id", ClerkIds.samlConnection());
        saml.put("name", name);
        for (String field : List.of("idp_entity_id", "idp_sso_url", "idp_certificate", "idp_metadata_url", "idp_metadata")) {
            saml.putNull(field);
        }
        saml.putObject("attribute_mapping");
        saml.put("allow_subdomains", false);
        saml.put("allow_idp_initiated", false);
        saml.put("force_authn", false);
        saml.putObject("login_hint").put("mode", "email_address");
        return saml;
    }

    private static void mergeSaml(ObjectNode saml, JsonNode patch) {
        ConnectionRules.requireUrls(patch, "saml.", "idp_sso_url", "idp_metadata_url");
        ConnectionRules.requireCertificate(patch, "saml.idp_certificate");
        Json.mergeGiven(saml, patch, SAML_FIELDS);
        Json.given(patch, "attribute_mapping").ifPresent(mapping ->
                Json.mergeGiven((ObjectNode) saml.get("attribute_mapping"), mapping, ATTRIBUTE_MAPPING_FIELDS));
    }

    private static ObjectNode newOidc(String provider, long now) {
        ObjectNode oidc = Json.object();
        oidc.put("id", ClerkIds.oauthConfig());
        oidc.put("provider_key", switch (provider) {
            case "oidc_github_enterprise" -> "oidc_ghe_" + ClerkIds.lowerSuffix(8);
            case "oidc_gitlab" -> "oidc_gitlab_ent_" + ClerkIds.lowerSuffix(8);
            default -> provider;
        });
        for (String field : OIDC_FIELDS) {
            oidc.putNull(field);
        }
        oidc.put("requires_pkce", false);
        oidc.put("created_at", now);
        oidc.put("updated_at", now);
        return oidc;
    }

    private static void mergeOidc(ObjectNode oidc, JsonNode patch, long now) {
        ConnectionRules.requireUrls(patch, "oidc.", OIDC_URLS);
        Json.mergeGiven(oidc, patch, OIDC_FIELDS);
        if (patch != null && !patch.isNull() && !patch.isEmpty()) {
            oidc.put("updated_at", now);
        }
    }

    private static void requireActivatable(ObjectNode connection) {
        if (connection.get("active").asBoolean() && connection.has("saml")
                && !ConnectionRules.samlConfigured(connection.get("saml"))) {
            throw ClerkErrors.unprocessable(ClerkError.forParam("form_param_missing", "saml",
                    "saml IdP configuration is missing",
                    "An active SAML connection needs saml.idp_metadata_url, saml.idp_metadata, or "
                            + "saml.idp_entity_id, saml.idp_sso_url and saml.idp_certificate."));
        }
    }

    private static ObjectNode renderSaml(JsonNode saml, boolean active) {
        String id = saml.get("id").asText();
        ObjectNode out = Json.object();
        out.put("id", id);
        out.set("name", saml.get("name"));
        out.set("idp_entity_id", saml.get("idp_entity_id"));
        out.set("idp_sso_url", saml.get("idp_sso_url"));
        out.set("idp_metadata_url", saml.get("idp_metadata_url"));
        out.put("acs_url", ServiceProviderUrls.acsUrl(id));
        out.put("sp_entity_id", ServiceProviderUrls.spEntityId(id));
        out.put("sp_metadata_url", ServiceProviderUrls.spMetadataUrl(id));
        out.put("active", active);
        out.set("allow_idp_initiated", saml.get("allow_idp_initiated"));
        out.set("allow_subdomains", saml.get("allow_subdomains"));
        out.set("force_authn", saml.get("force_authn"));
        out.set("login_hint", saml.get("login_hint").deepCopy());
        return out;
    }

    private static ObjectNode renderOidc(JsonNode oidc, String name) {
        ObjectNode out = Json.object();
        out.set("id", oidc.get("id"));
        out.put("name", name);
        out.set("provider_key", oidc.get("provider_key"));
        for (String field : List.of("client_id", "discovery_url", "auth_url", "token_url", "user_info_url",
                "requires_pkce")) {
            out.set(field, oidc.get(field));
        }
        out.putNull("logo_public_url");
        out.set("created_at", oidc.get("created_at"));
        out.set("updated_at", oidc.get("updated_at"));
        return out;
    }

    private static boolean oidcConfigured(JsonNode oidc) {
        return ConnectionRules.present(oidc, "client_id") && (ConnectionRules.present(oidc, "discovery_url")
                || ConnectionRules.present(oidc, "auth_url") && ConnectionRules.present(oidc, "token_url"));
    }
}
