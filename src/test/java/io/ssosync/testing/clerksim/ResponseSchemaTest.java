package io.ssosync.testing.clerksim;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The simulator's answers must themselves pass the spec's response schemas, or tests would trust a fiction. */
class ResponseSchemaTest {

    /**
     * The spec lists these two as required in EnterpriseConnection and SAMLConnection without defining them, and
     * the validator closes response schemas, so a faithful answer (which has them) draws exactly this complaint.
     */
    private static final String SPEC_DEFECT =
            "not allowed by the schema: [\"authenticatable\",\"disable_jit_provisioning\"]";

    @Test
    void everyAnswerMatchesTheSpec() {
        try (ClerkSimulator clerk = ClerkSimulator.start()) {
            SimulatorClient client = new SimulatorClient(clerk);
            String saml = client.post("/enterprise_connections",
                    EnterpriseConnectionsTest.samlBody("Acme", "acme.com")).body().get("id").asText();
            String oidc = client.post("/enterprise_connections", """
                    {"name":"GHE","provider":"oidc_github_enterprise","domains":["ghe.example.com"],
                     "oidc":{"client_id":"c","client_secret":"s","auth_url":"https://ghe.example.com/auth"}}
                    """).body().get("id").asText();
            String legacy = client.post("/saml_connections", """
                    {"name":"Legacy","provider":"saml_google","domains":["legacy.example.com"],
                     "idp_certificate":%s}
                    """.formatted(Json.MAPPER.valueToTree(SampleCertificates.IDP_2))).body().get("id").asText();
            client.get("/enterprise_connections");
            client.get("/saml_connections");
            client.patch("/enterprise_connections/" + saml, """
                    {"name":"Acme 2","disable_additional_identifications":true,
                     "allow_organization_account_linking":true,
                     "saml":{"login_hint":{"mode":"custom_attribute","source":"upn"}},
                     "custom_attributes":[{"name":"Dept","key":"dept","sso_path":"d","scim_path":"s",
                                           "multi_valued":true}]}""");
            client.patch("/enterprise_connections/" + oidc, "{\"active\":true}");
            client.patch("/saml_connections/" + legacy, """
                    {"name":"Legacy 2","disable_additional_identifications":true,
                     "allow_organization_account_linking":true,"login_hint":{"mode":"off"}}""");
            client.get("/saml_connections/" + legacy);
            client.get("/enterprise_connections/entconn_missing");
            client.post("/enterprise_connections", "{\"name\":\"x\"}");
            client.delete("/enterprise_connections/" + saml);
            client.delete("/saml_connections/" + legacy);

            List<String> violations = new ArrayList<>();
            RequestValidator validator = RequestValidator.shared();
            for (RecordedRequest request : clerk.requests()) {
                String path = request.path().substring("/v1".length());
                validator.responseViolations(request.method(), path, request.status(), request.responseBody())
                        .stream().filter(violation -> !violation.endsWith(SPEC_DEFECT))
                        .forEach(violation -> violations.add(request.method() + " " + path + " " + request.status()
                                + ": " + violation));
            }
            assertEquals(13, clerk.requests().size());
            assertEquals(List.of(), violations);
        }
    }
}
