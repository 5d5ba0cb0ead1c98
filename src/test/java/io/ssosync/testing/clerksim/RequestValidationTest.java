package io.ssosync.testing.clerksim;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestValidationTest {

    private static ClerkSimulator clerk;
    private static SimulatorClient client;

    @BeforeAll
    static void start() {
        clerk = ClerkSimulator.start();
        client = new SimulatorClient(clerk);
    }

    @AfterAll
    static void stop() {
        clerk.close();
    }

    @BeforeEach
    void reset() {
        clerk.reset();
    }

    @Test
    void anUnknownFieldIs422NamingTheField() {
        SimulatorClient.Reply reply = client.post("/enterprise_connections",
                "{\"name\":\"a\",\"provider\":\"saml_custom\",\"domains\":[\"a.example.com\"],\"protocol\":\"saml\"}");

        assertEquals(422, reply.status());
        assertEquals("form_param_unknown", reply.errorCode());
        assertEquals("protocol", reply.paramName());
        assertTrue(reply.message().contains("protocol"));
        assertFalse(reply.body().get("clerk_trace_id").asText().isEmpty());
        assertTrue(reply.body().get("meta").isObject());
    }

    @Test
    void anUnknownNestedFieldIsNamedWithItsPath() {
        SimulatorClient.Reply reply = client.post("/enterprise_connections",
                "{\"name\":\"a\",\"provider\":\"saml_custom\",\"domains\":[\"a.example.com\"],"
                        + "\"saml\":{\"attribute_mapping\":{\"groups\":\"g\"}}}");

        assertEquals(422, reply.status());
        assertEquals("saml.attribute_mapping.groups", reply.paramName());
    }

    @Test
    void missingRequiredFieldsAreEachReported() {
        SimulatorClient.Reply reply = client.post("/enterprise_connections", "{\"domains\":[\"a.example.com\"]}");

        assertEquals(422, reply.status());
        assertEquals("form_param_missing", reply.errorCode());
        assertEquals(2, reply.body().get("errors").size());
        assertEquals("name", reply.body().at("/errors/0/meta/param_name").asText());
        assertEquals("provider", reply.body().at("/errors/1/meta/param_name").asText());
        assertEquals(422, client.post("/enterprise_connections", null).status(), "no body is no parameters");
    }

    @Test
    void wrongTypesAndEnumsAreFormatInvalid() {
        SimulatorClient.Reply wrongType = client.post("/enterprise_connections",
                "{\"name\":1,\"provider\":\"saml_custom\",\"domains\":[\"a.example.com\"]}");
        assertEquals("form_param_format_invalid", wrongType.errorCode());
        assertEquals("name", wrongType.paramName());

        SimulatorClient.Reply badProvider = client.post("/enterprise_connections",
                "{\"name\":\"a\",\"provider\":\"okta\",\"domains\":[\"a.example.com\"]}");
        assertEquals(422, badProvider.status());
        assertEquals("provider", badProvider.paramName());

        SimulatorClient.Reply noDomains = client.post("/enterprise_connections",
                "{\"name\":\"a\",\"provider\":\"saml_custom\",\"domains\":[]}");
        assertEquals(422, noDomains.status());
        assertEquals("domains", noDomains.paramName());

        SimulatorClient.Reply badLimit = client.get("/enterprise_connections?limit=501");
        assertEquals(422, badLimit.status());
        assertEquals("limit", badLimit.paramName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Acme.com", "acme", "acme.com.", "-acme.com", "acme..com", "10.0.0.1", "acme.com/x",
            " acme.com", "*.acme.com"})
    void domainsMustBeLowerCaseFullyQualifiedNames(String domain) {
        SimulatorClient.Reply reply = client.post("/enterprise_connections",
                "{\"name\":\"a\",\"provider\":\"saml_custom\",\"domains\":[" + Json.MAPPER.valueToTree(domain) + "]}");

        assertEquals(422, reply.status(), domain);
        assertEquals("form_param_format_invalid", reply.errorCode());
        assertEquals("domains", reply.paramName());
        assertTrue(reply.body().at("/errors/0/long_message").asText().contains(domain));
    }

    @Test
    void certificatesAndUrlsMustParse() {
        SimulatorClient.Reply badCert = client.post("/enterprise_connections",
                "{\"name\":\"a\",\"provider\":\"saml_custom\",\"domains\":[\"a.example.com\"],"
                        + "\"saml\":{\"idp_certificate\":\"not a certificate\"}}");
        assertEquals(422, badCert.status());
        assertEquals("saml.idp_certificate", badCert.paramName());

        SimulatorClient.Reply badUrl = client.post("/saml_connections",
                "{\"name\":\"a\",\"provider\":\"saml_custom\",\"domain\":\"a.example.com\",\"idp_sso_url\":\"idp/sso\"}");
        assertEquals(422, badUrl.status());
        assertEquals("idp_sso_url", badUrl.paramName());
    }

    @Test
    void aDomainBelongsToOneConnectionAcrossBothFlavours() {
        assertEquals(201, client.post("/enterprise_connections",
                "{\"name\":\"a\",\"provider\":\"saml_custom\",\"domains\":[\"a.example.com\"]}").status());
        String other = client.post("/enterprise_connections",
                "{\"name\":\"b\",\"provider\":\"saml_custom\",\"domains\":[\"b.example.com\"]}").body().get("id").asText();

        SimulatorClient.Reply legacy = client.post("/saml_connections",
                "{\"name\":\"c\",\"provider\":\"saml_custom\",\"domain\":\"a.example.com\"}");
        assertEquals(422, legacy.status());
        assertEquals("form_identifier_exists", legacy.errorCode());
        assertTrue(legacy.message().contains("a.example.com"));

        SimulatorClient.Reply update = client.patch("/enterprise_connections/" + other,
                "{\"domains\":[\"b.example.com\",\"a.example.com\"]}");
        assertEquals(422, update.status());
        assertEquals("form_identifier_exists", update.errorCode());
        assertEquals(200, client.patch("/enterprise_connections/" + other,
                "{\"domains\":[\"b.example.com\",\"b.example.org\"]}").status(), "its own domains stay free for it");
        assertEquals(2, clerk.connections().size());
    }

    @Test
    void aBodyMustBeSentAsJson() {
        String body = "{\"name\":\"a\",\"provider\":\"saml_custom\",\"domains\":[\"a.example.com\"]}";

        assertEquals("Content-Type", client.send("POST", "/enterprise_connections", body, null).paramName());
        assertEquals("Content-Type", client.send("POST", "/enterprise_connections", body, "text/plain").paramName());
        assertEquals(201, client.send("POST", "/enterprise_connections", body, "application/json; charset=utf-8").status());
    }

    @Test
    void malformedJsonIs422() {
        SimulatorClient.Reply reply = client.post("/enterprise_connections", "{\"name\":");

        assertEquals(422, reply.status());
        assertEquals("form_param_format_invalid", reply.errorCode());
    }

    /** The newer settings, checked by the spec's schema: where each is accepted, its type, enum and members. */
    @ParameterizedTest(name = "{0} {1}: {4}")
    @CsvSource(delimiter = '|', value = {
            "POST |/enterprise_connections |\"disable_additional_identifications\":true |form_param_unknown |disable_additional_identifications",
            "POST |/enterprise_connections |\"allow_organization_account_linking\":\"yes\" |form_param_format_invalid |allow_organization_account_linking",
            "POST |/enterprise_connections |\"saml\":{\"login_hint\":{\"mode\":\"upn\"}} |form_param_format_invalid |saml.login_hint.mode",
            "POST |/enterprise_connections |\"saml\":{\"login_hint\":{\"source\":\"upn\"}} |form_param_missing |saml.login_hint.mode",
            "POST |/enterprise_connections |\"saml\":{\"login_hint\":{\"mode\":\"off\",\"attribute\":\"x\"}} |form_param_unknown |saml.login_hint.attribute",
            "POST |/enterprise_connections |\"login_hint\":{\"mode\":\"off\"} |form_param_unknown |login_hint",
            "POST |/enterprise_connections |\"custom_attributes\":{} |form_param_format_invalid |custom_attributes",
            "POST |/enterprise_connections |\"custom_attributes\":[{\"name\":\"Dept\"}] |form_param_missing |custom_attributes[0].key",
            "POST |/enterprise_connections |\"custom_attributes\":[{\"name\":\"\",\"key\":\"dept\"}] |form_param_format_invalid |custom_attributes[0].name",
            "POST |/enterprise_connections |\"custom_attributes\":[{\"name\":\"Dept\",\"key\":\"_dept\"}] |form_param_format_invalid |custom_attributes[0].key",
            "POST |/enterprise_connections |\"custom_attributes\":[{\"name\":\"Dept\",\"key\":\"de.pt\"}] |form_param_format_invalid |custom_attributes[0].key",
            "POST |/enterprise_connections |\"custom_attributes\":[{\"name\":\"Dept\",\"key\":\"d\",\"path\":\"x\"}] |form_param_unknown |custom_attributes[0].path",
            "POST |/enterprise_connections |\"custom_attributes\":[{\"name\":\"Dept\",\"key\":\"d\",\"multi_valued\":\"no\"}] |form_param_format_invalid |custom_attributes[0].multi_valued",
            "POST |/saml_connections       |\"custom_attributes\":[{\"name\":\"Dept\",\"key\":\"d\"}] |form_param_unknown |custom_attributes",
            "POST |/saml_connections       |\"allow_organization_account_linking\":true |form_param_unknown |allow_organization_account_linking",
            "POST |/saml_connections       |\"login_hint\":{\"mode\":\"email\"} |form_param_format_invalid |login_hint.mode",
            "PATCH|/enterprise_connections |\"disable_additional_identifications\":1 |form_param_format_invalid |disable_additional_identifications",
            "PATCH|/enterprise_connections |\"custom_attributes\":[{\"key\":\"dept\"}] |form_param_missing |custom_attributes[0].name",
            "PATCH|/saml_connections       |\"custom_attributes\":[] |form_param_unknown |custom_attributes",
            "PATCH|/saml_connections       |\"login_hint\":{} |form_param_missing |login_hint.mode",
    })
    void theNewerSettingsAreCheckedAsTheSpecDefinesThem(String method, String collection, String field, String code,
            String param) {
        String id = "PATCH".equals(method) ? "/" + create(collection) : "";
        String base = "PATCH".equals(method) ? "{" : collection.contains("saml")
                ? "{\"name\":\"a\",\"provider\":\"saml_custom\",\"domain\":\"n.example.com\","
                : "{\"name\":\"a\",\"provider\":\"saml_custom\",\"domains\":[\"n.example.com\"],";

        SimulatorClient.Reply reply = client.send(method, collection + id, base + field + "}", "application/json");

        assertEquals(422, reply.status(), reply.body().toString());
        assertEquals(code, reply.errorCode(), reply.body().toString());
        assertEquals(param, reply.paramName(), reply.body().toString());
    }

    @Test
    void scimPathAndDirectoryPathMustAgree() {
        SimulatorClient.Reply reply = client.post("/enterprise_connections",
                "{\"name\":\"a\",\"provider\":\"saml_custom\",\"domains\":[\"a.example.com\"],"
                        + "\"custom_attributes\":[{\"name\":\"Dept\",\"key\":\"dept\",\"scim_path\":\"a\","
                        + "\"directory_path\":\"b\"}]}");

        assertEquals(422, reply.status());
        assertEquals("form_param_format_invalid", reply.errorCode());
        assertEquals("custom_attributes[0].directory_path", reply.paramName());
    }

    private String create(String collection) {
        String body = collection.contains("saml")
                ? "{\"name\":\"a\",\"provider\":\"saml_custom\",\"domain\":\"p.example.com\"}"
                : "{\"name\":\"a\",\"provider\":\"saml_custom\",\"domains\":[\"p.example.com\"]}";
        return client.post(collection.trim(), body).body().get("id").asText();
    }
}
