package io.ssosync.testing.clerksim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnterpriseConnectionsTest {

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

    static String samlBody(String name, String... domains) {
        return """
                {"name":"%s","provider":"saml_okta","domains":%s,"active":true,
                 "saml":{"idp_entity_id":"http://www.okta.com/exk1","idp_sso_url":"https://acme.okta.com/app/sso/saml",
                         "idp_certificate":%s,"attribute_mapping":{"email_address":"mail"}}}
                """.formatted(name, jsonArray(domains), Json.MAPPER.valueToTree(SampleCertificates.IDP_1));
    }

    static String jsonArray(String... values) {
        return Json.write(Json.MAPPER.valueToTree(List.of(values)));
    }

    @Test
    void createAnswers201AndTheConnectionCanBeReadBack() {
        SimulatorClient.Reply created = client.post("/enterprise_connections", samlBody("Acme", "acme.com"));

        assertEquals(201, created.status(), created.body().toString());
        JsonNode body = created.body();
        assertEquals("enterprise_connection", body.get("object").asText());
        assertTrue(body.get("id").asText().matches("entconn_[0-9A-Za-z]{27}"), body.get("id").asText());
        assertEquals("saml_okta", body.get("provider").asText());
        assertEquals("acme.com", body.get("domains").get(0).asText());
        assertTrue(body.get("active").asBoolean());
        assertTrue(body.get("authenticatable").asBoolean());
        assertTrue(body.get("oauth_config").isNull());
        JsonNode saml = body.get("saml_connection");
        assertTrue(saml.get("id").asText().startsWith("samlc_"));
        assertEquals("https://acme.okta.com/app/sso/saml", saml.get("idp_sso_url").asText());
        assertTrue(saml.get("acs_url").asText().endsWith(saml.get("id").asText()));
        assertFalse(saml.has("idp_certificate"), "the spec's EnterpriseConnection shows no certificate");
        long createdAt = body.get("created_at").asLong();
        assertTrue(Math.abs(System.currentTimeMillis() - createdAt) < 60_000, "created_at is epoch millis");

        SimulatorClient.Reply fetched = client.get("/enterprise_connections/" + body.get("id").asText());
        assertEquals(200, fetched.status());
        assertEquals(body, fetched.body());
        assertEquals(SampleCertificates.IDP_1,
                clerk.connection(body.get("id").asText()).orElseThrow().stored().at("/saml/idp_certificate").asText());
    }

    @Test
    void listFiltersAndPages() {
        client.post("/enterprise_connections", samlBody("One", "one.example.com"));
        String second = client.post("/enterprise_connections", """
                {"name":"Two","provider":"oidc_custom","domains":["two.example.com"],"organization_id":"org_2"}
                """).body().get("id").asText();
        client.post("/enterprise_connections", samlBody("Three", "three.example.com"));

        SimulatorClient.Reply all = client.get("/enterprise_connections");
        assertEquals(3, all.body().get("total_count").asInt());
        assertEquals("Three", all.body().get("data").get(0).get("name").asText(), "newest first");

        SimulatorClient.Reply page = client.get("/enterprise_connections?limit=1&offset=1");
        assertEquals(3, page.body().get("total_count").asInt());
        assertEquals(1, page.body().get("data").size());
        assertEquals(second, page.body().get("data").get(0).get("id").asText());

        assertEquals(1, client.get("/enterprise_connections?organization_id=org_2").body().get("total_count").asInt());
        SimulatorClient.Reply inactive = client.get("/enterprise_connections?active=false");
        assertEquals(1, inactive.body().get("total_count").asInt());
        assertEquals(second, inactive.body().get("data").get(0).get("id").asText());
    }

    @Test
    void patchMergesOnlyTheFieldsSent() {
        String id = client.post("/enterprise_connections", samlBody("Acme", "acme.com", "acme.org"))
                .body().get("id").asText();

        SimulatorClient.Reply renamed = client.patch("/enterprise_connections/" + id,
                "{\"name\":\"Acme Corp\",\"domains\":[],\"saml\":{\"idp_sso_url\":\"https://acme.okta.com/new\"}}");

        assertEquals(200, renamed.status(), renamed.body().toString());
        assertEquals("Acme Corp", renamed.body().get("name").asText());
        assertEquals(List.of("acme.com", "acme.org"), clerk.connection(id).orElseThrow().domains(), "[] is no change");
        assertEquals("https://acme.okta.com/new", renamed.body().at("/saml_connection/idp_sso_url").asText());
        assertEquals("http://www.okta.com/exk1", renamed.body().at("/saml_connection/idp_entity_id").asText());
        assertEquals("mail", clerk.connection(id).orElseThrow().stored().at("/saml/attribute_mapping/email_address").asText());

        SimulatorClient.Reply redomained = client.patch("/enterprise_connections/" + id, "{\"domains\":[\"acme.net\"]}");
        assertEquals(List.of("acme.net"), clerk.connection(id).orElseThrow().domains(), "a non-empty list replaces");
        assertTrue(redomained.body().get("updated_at").asLong() >= renamed.body().get("created_at").asLong());
    }

    @Test
    void anOrganizationCanBeLinkedButNeverUnlinked() {
        String id = client.post("/enterprise_connections", samlBody("Acme", "acme.com")).body().get("id").asText();

        assertEquals("org_1", client.patch("/enterprise_connections/" + id, "{\"organization_id\":\"org_1\"}")
                .body().get("organization_id").asText());
        assertEquals("org_1", client.patch("/enterprise_connections/" + id, "{\"organization_id\":null}")
                .body().get("organization_id").asText(), "null means no change");

        SimulatorClient.Reply unlink = client.patch("/enterprise_connections/" + id, "{\"organization_id\":\"\"}");
        assertEquals(422, unlink.status());
        assertEquals("organization_id", unlink.paramName());
    }

    @Test
    void theProviderCannotChange() {
        String id = client.post("/enterprise_connections", samlBody("Acme", "acme.com")).body().get("id").asText();

        SimulatorClient.Reply reply = client.patch("/enterprise_connections/" + id, "{\"provider\":\"saml_google\"}");

        assertEquals(422, reply.status());
        assertEquals("form_param_unknown", reply.errorCode());
        assertEquals("provider", reply.paramName());
    }

    @Test
    void deleteAnswersADeletedObjectAndTheConnectionIsGone() {
        String id = client.post("/enterprise_connections", samlBody("Acme", "acme.com")).body().get("id").asText();

        SimulatorClient.Reply deleted = client.delete("/enterprise_connections/" + id);

        assertEquals(200, deleted.status());
        assertEquals("enterprise_connection", deleted.body().get("object").asText());
        assertEquals(id, deleted.body().get("id").asText());
        assertTrue(deleted.body().get("deleted").asBoolean());
        SimulatorClient.Reply gone = client.get("/enterprise_connections/" + id);
        assertEquals(404, gone.status());
        assertEquals("resource_not_found", gone.errorCode());
        assertEquals(404, client.delete("/enterprise_connections/" + id).status());
        assertEquals(201, client.post("/enterprise_connections", samlBody("Again", "acme.com")).status(),
                "a deleted connection frees its domains");
    }

    @Test
    void unknownIdsAndPathsAre404() {
        assertEquals(404, client.get("/enterprise_connections/entconn_missing").status());
        assertEquals(404, client.patch("/enterprise_connections/entconn_missing", "{\"name\":\"x\"}").status());
        SimulatorClient.Reply unknownPath = client.get("/users");
        assertEquals(404, unknownPath.status());
        assertEquals("resource_not_found", unknownPath.errorCode());
    }

    @Test
    void theOidcClientSecretIsStoredButNeverReturned() {
        SimulatorClient.Reply created = client.post("/enterprise_connections", """
                {"name":"GitLab","provider":"oidc_gitlab","domains":["gl.example.com"],"active":true,
                 "oidc":{"client_id":"cid","client_secret":"s3cr3t","discovery_url":"https://gitlab.example.com/.well-known/openid-configuration"}}
                """);
        String id = created.body().get("id").asText();
        SimulatorClient.Reply patched = client.patch("/enterprise_connections/" + id, "{\"oidc\":{\"client_secret\":\"rotated\"}}");

        for (JsonNode body : List.of(created.body(), client.get("/enterprise_connections/" + id).body(),
                client.get("/enterprise_connections").body(), patched.body())) {
            assertFalse(body.toString().contains("s3cr3t") || body.toString().contains("rotated")
                    || body.toString().contains("client_secret"), body.toString());
        }
        JsonNode oauth = created.body().get("oauth_config");
        assertEquals("cid", oauth.get("client_id").asText());
        assertTrue(oauth.get("provider_key").asText().startsWith("oidc_gitlab_ent_"));
        assertTrue(created.body().get("saml_connection").isNull());
        assertEquals("rotated", clerk.connection(id).orElseThrow().stored().at("/oidc/client_secret").asText());
    }

    @Test
    void anActiveSamlConnectionNeedsItsIdpSettings() {
        SimulatorClient.Reply reply = client.post("/enterprise_connections",
                "{\"name\":\"Bare\",\"provider\":\"saml_custom\",\"domains\":[\"bare.example.com\"],\"active\":true}");

        assertEquals(422, reply.status());
        assertEquals("saml", reply.paramName());
        assertEquals(201, client.post("/enterprise_connections",
                "{\"name\":\"Bare\",\"provider\":\"saml_custom\",\"domains\":[\"bare.example.com\"]}").status());
    }

    @Test
    void concurrentCreatesOfOneDomainLeaveOneConnection() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String name = "Racer " + i;
                statuses.add(pool.submit(() -> client.post("/enterprise_connections", samlBody(name, "race.example.com")).status()));
            }
            List<Integer> answered = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                answered.add(status.get(10, TimeUnit.SECONDS));
            }
            assertEquals(1, answered.stream().filter(status -> status == 201).count(), answered.toString());
            assertEquals(15, answered.stream().filter(status -> status == 422).count(), answered.toString());
            assertEquals(1, clerk.connections().size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void seedEditAndRemoveBypassTheApiLog() {
        StoredConnection seeded = clerk.seed(Flavour.ENTERPRISE, samlBody("Seeded", "seeded.example.com"));
        clerk.edit(seeded.id(), "{\"name\":\"Edited in the dashboard\"}");

        assertEquals("Edited in the dashboard", client.get("/enterprise_connections/" + seeded.id()).body().get("name").asText());
        clerk.remove(seeded.id());
        assertTrue(clerk.connections().isEmpty());
        assertEquals(1, clerk.requests().size(), "only the GET went through the API");
    }

    @Test
    void theNewerSettingsAreKeptAndAnsweredWhereTheSpecShowsThem() {
        SimulatorClient.Reply created = client.post("/enterprise_connections", """
                {"name":"Acme","provider":"saml_okta","domains":["acme.com"],"allow_organization_account_linking":true,
                 "saml":{"login_hint":{"mode":"custom_attribute","source":"upn"}},
                 "custom_attributes":[{"name":"Department","key":"department","sso_path":"dept",
                                       "directory_path":"urn:dept"}]}
                """);
        assertEquals(201, created.status(), created.body().toString());
        JsonNode body = created.body();
        String id = body.get("id").asText();
        assertTrue(body.get("allow_organization_account_linking").asBoolean());
        assertFalse(body.get("disable_additional_identifications").asBoolean(), "Clerk's default");
        assertEquals(Json.parse("{\"mode\":\"custom_attribute\",\"source\":\"upn\"}"),
                body.at("/saml_connection/login_hint"));
        assertEquals(Json.parse("""
                [{"name":"Department","key":"department","sso_path":"dept","directory_path":"urn:dept",
                  "scim_path":"urn:dept","multi_valued":false}]"""), body.get("custom_attributes"),
                "directory_path is scim_path's new name: Clerk answers both");

        SimulatorClient.Reply patched = client.patch("/enterprise_connections/" + id, """
                {"disable_additional_identifications":true,"saml":{"login_hint":{"mode":"off"}},
                 "custom_attributes":[]}""");

        assertEquals(200, patched.status(), patched.body().toString());
        assertTrue(patched.body().get("disable_additional_identifications").asBoolean());
        assertTrue(patched.body().get("allow_organization_account_linking").asBoolean(), "not sent, kept");
        assertEquals(Json.parse("{\"mode\":\"off\"}"), patched.body().at("/saml_connection/login_hint"));
        assertEquals(0, patched.body().get("custom_attributes").size());
        assertEquals(patched.body(), client.get("/enterprise_connections/" + id).body());
    }

    @Test
    void aNewSamlConnectionHintsTheEmailAddressAndHasNoCustomAttributes() {
        JsonNode body = client.post("/enterprise_connections", samlBody("Acme", "acme.com")).body();

        assertEquals("email_address", body.at("/saml_connection/login_hint/mode").asText());
        assertEquals(0, body.get("custom_attributes").size());
        assertFalse(body.get("allow_organization_account_linking").asBoolean());
    }
}
