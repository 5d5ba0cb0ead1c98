package io.ssosync.http;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * What holds for every operation of the OpenAPI document ({@code /q/openapi}), so that no endpoint can leave it out:
 * the two ways a caller proves who it is (/api operations need the bearer scheme and answer 401 and 403, the webhook
 * its Standard Webhooks signature), and the problem JSON of a bad request or an unexpected failure.
 */
public class OpenApiConventions implements OASFilter {

    public static final String BEARER = "bearer";
    public static final String WEBHOOK_SIGNATURE = "webhookSignature";

    private static final String PROBLEM_SCHEMA = "Problem";
    private static final Map<String, String> EVERY_OPERATION = Map.of(
            "400", "a parameter or the body is invalid; detail names it",
            "500", "an unexpected failure; nothing of it is shown");
    private static final Map<String, String> API_OPERATION = Map.of(
            "401", "no credentials, or credentials that are not valid",
            "403", "the caller lacks the role this operation needs");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema(PROBLEM_SCHEMA, problemSchema());
        openAPI.getComponents().addSecurityScheme(BEARER, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer")
                .description("A static token (SSO_SYNC_API_TOKENS) or a JWT from the configured OIDC provider; the"
                        + " roles viewer, auditor and operator decide what it may call."));
        openAPI.getComponents().addSecurityScheme(WEBHOOK_SIGNATURE, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name("webhook-signature")
                .description("Standard Webhooks: v1,<base64 HMAC-SHA256 of \"<webhook-id>.<webhook-timestamp>.<body>\">"
                        + " under a secret of IDP_WEBHOOK_SECRETS, sent with the webhook-id and webhook-timestamp"
                        + " (Unix seconds, within 5 minutes of now) headers."));
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> operations(item).forEach(operation -> {
            APIResponses responses = operation.getResponses() == null ? OASFactory.createAPIResponses()
                    : operation.getResponses();
            operation.setResponses(responses);
            EVERY_OPERATION.forEach((status, text) -> addProblem(responses, status, text));
            if (path.startsWith("/api/")) {
                API_OPERATION.forEach((status, text) -> addProblem(responses, status, text));
                operation.setSecurity(List.of(OASFactory.createSecurityRequirement()
                        .addScheme(BEARER)));
            } else if (path.startsWith("/webhooks/")) {
                operation.setSecurity(List.of(OASFactory.createSecurityRequirement()
                        .addScheme(WEBHOOK_SIGNATURE)));
            }
        }));
    }

    private static List<Operation> operations(PathItem item) {
        return item.getOperations() == null ? List.of() : List.copyOf(item.getOperations().values());
    }

    private static void addProblem(APIResponses responses, String status, String description) {
        if (responses.hasAPIResponse(status)) {
            return;
        }
        responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description)
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref(PROBLEM_SCHEMA)))));
    }

    /** RFC 9457 problem details as io.ssosync.http.Problem writes them. */
    private static Schema problemSchema() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details; some answers add members (id, reason, field)")
                .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .examples(List.of("about:blank")))
                .addProperty("title", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .examples(List.of("Bad Request")))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)
                        .examples(List.of(400)))
                .addProperty("detail", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .examples(List.of("limit must be between 1 and 1000")));
    }
}
