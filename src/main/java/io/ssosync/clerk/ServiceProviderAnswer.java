package io.ssosync.clerk;

import com.fasterxml.jackson.databind.JsonNode;

import io.ssosync.sync.domain.ClerkApi;
import io.ssosync.sync.domain.ServiceProvider;

/**
 * Reads Clerk's side of a SAML connection from an answer that holds the connection: an enterprise
 * connection carries it in {@code saml_connection}, a legacy SAML connection at its top level. OIDC
 * connections (and answers without the fields) give null.
 */
public final class ServiceProviderAnswer {

    private ServiceProviderAnswer() {
    }

    /** From a create's or an update's answer, which is the connection itself. */
    public static ServiceProvider of(ClerkApi api, JsonNode connection) {
        if (connection == null || !connection.isObject()) {
            return null;
        }
        JsonNode saml = api == ClerkApi.ENTERPRISE ? connection.path("saml_connection") : connection;
        return ServiceProvider.of(text(saml, "acs_url"), text(saml, "sp_entity_id"), text(saml, "sp_metadata_url"));
    }

    /** From the list page a lookup found connection {@code clerkId} in. */
    public static ServiceProvider inList(ClerkApi api, JsonNode listBody, String clerkId) {
        JsonNode data = listBody == null ? null : listBody.get("data");
        if (data != null && data.isArray()) {
            for (JsonNode connection : data) {
                if (clerkId.equals(connection.path("id").asText(null))) {
                    return of(api, connection);
                }
            }
        }
        return null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }
}
