package io.ssosync.testing.clerksim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SamlConnectionsTest {

    private ClerkSimulator clerk;
    private SimulatorClient client;

    @BeforeEach
    void start() {
        clerk = ClerkSimulator.start();
        client = new SimulatorClient(clerk);
    }

    @AfterEach
    void stop() {
        clerk.close();
    }

    private String create(String name, String domain, String organizationId) {
        SimulatorClient.Reply reply = client.post("/saml_connections", """
                {"name":"%s","provider":"saml_custom","domain":"%s","organization_id":"%s",
                 "idp_entity_id":"urn:idp","idp_sso_url":"https://idp.example.com/sso","idp_certificate":%s}
                """.formatted(name, domain, organizationId, Json.MAPPER.valueToTree(SampleCertificates.IDP_1)));
        assertEquals(200, reply.status(), reply.body().toString());
        return reply.body().get("id").asText();
    }

    @Test
    void createAnswers200WithAnInactiveConnectionThatEchoesItsCertificate() {
        String id = create("Legacy", "legacy.example.com", "org_1");

        JsonNode body = client.get("/saml_connections/" + id).body();
        assertTrue(id.matches("samlc_[0-9A-Za-z]{27}"), id);
        assertEquals("saml_connection", body.get("object").asText());
        assertEquals("legacy.example.com", body.get("domain").asText());
        assertEquals("legacy.example.com", body.get("domains").get(0).asText());
        assertFalse(body.get("active").asBoolean(), "legacy connections start inactive");
        assertEquals(SampleCertificates.IDP_1, body.get("idp_certificate").asText());
        assertTrue(body.get("idp_certificate_expires_at").asLong() > body.get("idp_certificate_issued_at").asLong());
        assertEquals(0, body.get("user_count").asInt());
        assertTrue(body.get("acs_url").asText().endsWith(id));
    }

    @Test
    void patchActivatesAndMergesAndDeleteRemoves() {
        String id = create("Legacy", "legacy.example.com", "org_1");

        SimulatorClient.Reply patched = client.patch("/saml_connections/" + id,
                "{\"active\":true,\"idp_certificate\":" + Json.MAPPER.valueToTree(SampleCertificates.IDP_2)
                        + ",\"attribute_mapping\":{\"first_name\":\"givenName\"}}");

        assertEquals(200, patched.status(), patched.body().toString());
        assertTrue(patched.body().get("active").asBoolean());
        assertEquals(SampleCertificates.IDP_2, patched.body().get("idp_certificate").asText());
        assertEquals("givenName", patched.body().at("/attribute_mapping/first_name").asText());
        assertEquals("Legacy", patched.body().get("name").asText());

        SimulatorClient.Reply deleted = client.delete("/saml_connections/" + id);
        assertEquals(200, deleted.status());
        assertEquals("saml_connection", deleted.body().get("object").asText());
        assertEquals(404, client.get("/saml_connections/" + id).status());
    }

    @Test
    void onlySamlProvidersAndANonEmptyDomainList() {
        SimulatorClient.Reply oidc = client.post("/saml_connections",
                "{\"name\":\"x\",\"provider\":\"oidc_custom\",\"domain\":\"x.example.com\"}");
        assertEquals(422, oidc.status());
        assertEquals("provider", oidc.paramName());

        SimulatorClient.Reply noDomain = client.post("/saml_connections", "{\"name\":\"x\",\"provider\":\"saml_custom\"}");
        assertEquals(422, noDomain.status());
        assertEquals("form_param_missing", noDomain.errorCode());
        assertEquals("domains", noDomain.paramName());

        SimulatorClient.Reply emptyList = client.post("/saml_connections",
                "{\"name\":\"x\",\"provider\":\"saml_custom\",\"domains\":[]}");
        assertEquals(422, emptyList.status());
        assertEquals("form_param_missing", emptyList.errorCode());
    }

    @Test
    void activatingNeedsIdpSettings() {
        String id = client.post("/saml_connections",
                "{\"name\":\"x\",\"provider\":\"saml_custom\",\"domains\":[\"x.example.com\"]}").body().get("id").asText();

        assertEquals(422, client.patch("/saml_connections/" + id, "{\"active\":true}").status());
        assertEquals(200, client.patch("/saml_connections/" + id,
                "{\"active\":true,\"idp_metadata_url\":\"https://idp.example.com/metadata\"}").status());
    }

    @Test
    void listSearchesOrdersAndFiltersByOrganization() {
        create("Bravo", "bravo.example.com", "org_b");
        create("alpha", "alpha.example.com", "org_a");
        create("Charlie", "charlie.example.com", "org_a");

        assertEquals("Charlie", client.get("/saml_connections").body().at("/data/0/name").asText());
        assertEquals("alpha", client.get("/saml_connections?order_by=%2Bcreated_at&offset=1&limit=1")
                .body().at("/data/0/name").asText());
        assertEquals(1, client.get("/saml_connections?query=ALP").body().get("total_count").asInt());
        assertEquals(2, client.get("/saml_connections?organization_id=org_a").body().get("total_count").asInt());
        assertEquals(1, client.get("/saml_connections?organization_id=-org_a").body().get("total_count").asInt());
        assertEquals(422, client.get("/saml_connections?order_by=phone_number").status());
    }

    @Test
    void theTwoFlavoursDoNotSeeEachOther() {
        String legacy = create("Legacy", "legacy.example.com", "org_1");

        assertEquals(404, client.get("/enterprise_connections/" + legacy).status());
        assertEquals(0, client.get("/enterprise_connections").body().get("total_count").asInt());
    }

    @Test
    void theLoginHintIsSetOnCreateAndTheAccountFlagsOnUpdate() {
        SimulatorClient.Reply created = client.post("/saml_connections", """
                {"name":"Legacy","provider":"saml_custom","domain":"legacy.example.com",
                 "login_hint":{"mode":"custom_attribute","source":"upn"}}""");
        assertEquals(200, created.status(), created.body().toString());
        String id = created.body().get("id").asText();
        assertEquals(Json.parse("{\"mode\":\"custom_attribute\",\"source\":\"upn\"}"),
                created.body().get("login_hint"));
        assertFalse(created.body().get("disable_additional_identifications").asBoolean());
        assertFalse(created.body().get("allow_organization_account_linking").asBoolean());

        SimulatorClient.Reply patched = client.patch("/saml_connections/" + id, """
                {"disable_additional_identifications":true,"allow_organization_account_linking":true,
                 "login_hint":{"mode":"email_address"}}""");

        assertEquals(200, patched.status(), patched.body().toString());
        assertTrue(patched.body().get("disable_additional_identifications").asBoolean());
        assertTrue(patched.body().get("allow_organization_account_linking").asBoolean());
        assertEquals(Json.parse("{\"mode\":\"email_address\"}"), patched.body().get("login_hint"));
        assertFalse(patched.body().has("custom_attributes"), "the legacy API has no custom attributes");
    }
}
