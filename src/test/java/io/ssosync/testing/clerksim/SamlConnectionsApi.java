package io.ssosync.testing.clerksim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The deprecated {@code /v1/saml_connections}: every success, create included, answers 200. A new connection
 * is inactive until a PATCH sets {@code active}. The stored form is the SAMLConnection itself minus what is
 * derived (SP URLs, certificate dates, counters), so nothing here is write-only.
 */
final class SamlConnectionsApi {

    private static final String[] IDP_FIELDS = {"idp_entity_id", "idp_sso_url", "idp_certificate",
            "idp_metadata_url", "idp_metadata"};
    private static final String[] UPDATABLE = {"name", "idp_entity_id", "idp_sso_url", "idp_certificate",
            "idp_metadata_url", "idp_metadata", "organization_id", "active", "sync_user_attributes",
            "allow_subdomains", "allow_idp_initiated", "disable_additional_identifications",
            "allow_organization_account_linking", "force_authn", "login_hint"};
    private static final String[] ATTRIBUTE_MAPPING_FIELDS = {"user_id", "email_address", "first_name", "last_name"};

    private final ConnectionStore store;

    SamlConnectionsApi(ConnectionStore store) {
        this.store = store;
    }

    ApiResponse list(ApiRequest request) {
        Optional<String> query = request.queryValue("query").map(q -> q.toLowerCase(Locale.ROOT));
        OrganizationFilter organizations = OrganizationFilter.of(request.queryValues("organization_id"));
        List<ObjectNode> matching = new ArrayList<>(store.all(Flavour.SAML).stream()
                .map(ConnectionStore.Entry::data)
                .filter(c -> query.isEmpty() || c.get("name").asText().toLowerCase(Locale.ROOT).contains(query.get()))
                .filter(c -> organizations.accepts(c.path("organization_id").asText(null)))
                .toList());
        request.queryValue("order_by").ifPresent(orderBy -> matching.sort(ordering(orderBy)));
        return ListPage.of(matching.stream().map(SamlConnectionsApi::render).toList(), request);
    }

    ApiResponse get(String id) {
        return ApiResponse.of(200, render(store.get(Flavour.SAML, id).orElseThrow(ClerkErrors::notFound).data()));
    }

    ApiResponse create(JsonNode body) {
        ConnectionRules.requireName(body);
        ConnectionRules.requireOrganizationId(body, false);
        requireIdpSettings(body);
        ArrayNode sent = Json.MAPPER.createArrayNode();
        Json.given(body, "domains").ifPresent(list -> list.forEach(sent::add));
        Json.given(body, "domain").ifPresent(sent::add);
        ArrayNode domains = ConnectionRules.domains(sent, body.has("domains") ? "domains" : "domain");
        long now = System.currentTimeMillis();

        ObjectNode connection = Json.object();
        connection.put("id", ClerkIds.samlConnection());
        connection.set("name", body.get("name"));
        connection.set("domains", domains);
        connection.set("provider", body.get("provider"));
        for (String field : IDP_FIELDS) {
            connection.set(field, Json.given(body, field).orElse(Json.MAPPER.nullNode()));
        }
        connection.set("organization_id", Json.given(body, "organization_id").orElse(Json.MAPPER.nullNode()));
        ObjectNode mapping = connection.putObject("attribute_mapping");
        for (String field : ATTRIBUTE_MAPPING_FIELDS) {
            mapping.put(field, "");
        }
        mergeAttributeMapping(connection, body);
        connection.put("active", false);
        connection.put("sync_user_attributes", true);
        connection.put("allow_subdomains", false);
        connection.put("allow_idp_initiated", false);
        connection.put("disable_additional_identifications", false);
        connection.put("allow_organization_account_linking", false);
        connection.put("force_authn", body.path("force_authn").asBoolean(false));
        connection.set("login_hint", Json.given(body, "login_hint").<JsonNode>map(JsonNode::deepCopy)
                .orElseGet(() -> Json.object().put("mode", "email_address")));
        connection.put("created_at", now);
        connection.put("updated_at", now);
        return ApiResponse.of(200, render(store.insert(Flavour.SAML, connection).data()));
    }

    ApiResponse update(String id, JsonNode body) {
        ConnectionRules.requireName(body);
        ConnectionRules.requireOrganizationId(body, true);
        requireIdpSettings(body);
        Optional<ArrayNode> domains = Json.given(body, "domains").filter(array -> !array.isEmpty())
                .map(array -> ConnectionRules.domains(array, "domains"))
                .or(() -> Json.given(body, "domain")
                        .map(domain -> ConnectionRules.domains(Json.MAPPER.createArrayNode().add(domain), "domain")));
        long now = System.currentTimeMillis();
        ConnectionStore.Entry updated = store.update(Flavour.SAML, id, connection -> {
            Json.mergeGiven(connection, body, UPDATABLE);
            domains.ifPresent(list -> connection.set("domains", list));
            mergeAttributeMapping(connection, body);
            if (connection.get("active").asBoolean() && !ConnectionRules.samlConfigured(connection)) {
                throw ClerkErrors.unprocessable(ClerkError.forParam("form_param_missing", "idp_metadata_url",
                        "IdP configuration is missing",
                        "An active SAML connection needs idp_metadata_url, idp_metadata, or idp_entity_id, "
                                + "idp_sso_url and idp_certificate."));
            }
            connection.put("updated_at", now);
            return connection;
        });
        return ApiResponse.of(200, render(updated.data()));
    }

    ApiResponse delete(String id) {
        store.remove(Flavour.SAML, id);
        ObjectNode deleted = Json.object();
        deleted.put("object", "saml_connection");
        deleted.put("id", id);
        deleted.put("deleted", true);
        return ApiResponse.of(200, deleted);
    }

    /** The spec's SAMLConnection for a stored connection. */
    static ObjectNode render(ObjectNode stored) {
        String id = stored.get("id").asText();
        Optional<X509Certificate> certificate = ConnectionRules.certificate(stored.path("idp_certificate").asText(null));
        ObjectNode out = Json.object();
        out.put("object", "saml_connection");
        out.put("id", id);
        out.set("name", stored.get("name"));
        out.set("domain", stored.get("domains").get(0));
        out.set("domains", stored.get("domains").deepCopy());
        for (String field : IDP_FIELDS) {
            out.set(field, stored.get(field));
        }
        if (certificate.isPresent()) {
            out.put("idp_certificate_issued_at", certificate.get().getNotBefore().getTime());
            out.put("idp_certificate_expires_at", certificate.get().getNotAfter().getTime());
        } else {
            out.putNull("idp_certificate_issued_at");
            out.putNull("idp_certificate_expires_at");
        }
        out.put("acs_url", ServiceProviderUrls.acsUrl(id));
        out.put("sp_entity_id", ServiceProviderUrls.spEntityId(id));
        out.put("sp_metadata_url", ServiceProviderUrls.spMetadataUrl(id));
        out.set("organization_id", stored.get("organization_id"));
        out.set("attribute_mapping", stored.get("attribute_mapping").deepCopy());
        out.set("active", stored.get("active"));
        out.set("provider", stored.get("provider"));
        out.put("user_count", 0);
        for (String field : List.of("sync_user_attributes", "allow_subdomains", "allow_idp_initiated",
                "disable_additional_identifications", "allow_organization_account_linking")) {
            out.set(field, stored.get(field));
        }
        out.put("authenticatable", stored.get("active").asBoolean() && ConnectionRules.samlConfigured(stored));
        out.set("force_authn", stored.get("force_authn"));
        out.set("login_hint", stored.get("login_hint").deepCopy());
        out.put("disable_jit_provisioning", false);
        out.putNull("enterprise_connection_id");
        out.set("created_at", stored.get("created_at"));
        out.set("updated_at", stored.get("updated_at"));
        return out;
    }

    private static void requireIdpSettings(JsonNode body) {
        ConnectionRules.requireUrls(body, "", "idp_sso_url", "idp_metadata_url");
        ConnectionRules.requireCertificate(body, "idp_certificate");
    }

    private static void mergeAttributeMapping(ObjectNode connection, JsonNode body) {
        Json.given(body, "attribute_mapping").ifPresent(mapping ->
                Json.mergeGiven((ObjectNode) connection.get("attribute_mapping"), mapping, ATTRIBUTE_MAPPING_FIELDS));
    }

    /** {@code order_by} is a field with an optional {@code +}/{@code -} prefix; Clerk's default is newest first. */
    private static Comparator<ObjectNode> ordering(String orderBy) {
        // A '+' that was not percent-encoded arrives decoded as a space.
        String spec = orderBy.startsWith(" ") ? "+" + orderBy.substring(1) : orderBy;
        boolean descending = spec.startsWith("-");
        String field = spec.startsWith("-") || spec.startsWith("+") ? spec.substring(1) : spec;
        Comparator<ObjectNode> ascending = switch (field) {
            case "created_at" -> Comparator.comparingLong(c -> c.get("created_at").asLong());
            case "name" -> Comparator.comparing(c -> c.get("name").asText());
            default -> throw ClerkErrors.invalid("order_by",
                    "order_by '" + orderBy + "' is not supported: use created_at or name, optionally with + or -.");
        };
        return descending ? ascending.reversed() : ascending;
    }

    /** {@code organization_id} values: a bare or {@code +}-prefixed id includes, a {@code -}-prefixed one excludes. */
    private record OrganizationFilter(Set<String> included, Set<String> excluded) {

        static OrganizationFilter of(List<String> values) {
            Set<String> included = new HashSet<>();
            Set<String> excluded = new HashSet<>();
            for (String value : values) {
                if (value.startsWith("-")) {
                    excluded.add(value.substring(1));
                } else {
                    included.add(value.startsWith("+") || value.startsWith(" ") ? value.substring(1) : value);
                }
            }
            return new OrganizationFilter(included, excluded);
        }

        boolean accepts(String organizationId) {
            return (included.isEmpty() || included.contains(organizationId)) && !excluded.contains(organizationId);
        }
    }
}
