package io.ssosync.sync;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ssosync.testing.ConnectionSpecs;
import io.ssosync.testing.PipelineTest;
import io.ssosync.testing.RegistryEvents;
import io.ssosync.testing.SyncStack;
import io.ssosync.testing.TestDatabase;
import io.ssosync.testing.clerksim.RecordedRequest;

/**
 * The contract's extensions for Clerk's newer settings (disableAdditionalIdentifications,
 * allowOrganizationAccountLinking, customAttributes, saml.loginHint) on the enterprise API, from event to Clerk.
 */
@QuarkusTest
@WithTestResource(SyncStack.class)
class ContractExtensionsSyncTest extends PipelineTest {

    private static final List<String> EXTENSIONS = List.of("disable_additional_identifications",
            "allow_organization_account_linking", "custom_attributes", "login_hint");

    private ObjectNode extendedSaml(String key) {
        return ConnectionSpecs.saml(tenant, key).domains(domain("acme")).clerkExtensions().build();
    }

    @Test
    void theFourFieldsReachClerkAndWhatItsCreateLacksFollowsRightAfter() {
        String key = key("okta");
        publisher.structured(RegistryEvents.upserted(extendedSaml(key)));

        String clerkId = (String) awaitStatus(key, "SYNCED").get("clerk_connection_id");

        List<RecordedRequest> requests = clerk.requests();
        assertEquals(2, requests.size());
        JsonNode create = json(requests.get(0).requestBody());
        assertEquals("POST", requests.get(0).method());
        assertTrue(create.get("allow_organization_account_linking").booleanValue());
        assertEquals(json("{\"mode\":\"custom_attribute\",\"source\":\"upn\"}"), create.at("/saml/login_hint"));
        assertEquals(json("[{\"name\":\"Department\",\"key\":\"department\",\"sso_path\":\"dept\","
                + "\"scim_path\":\"urn:dept\",\"multi_valued\":false}]"), create.get("custom_attributes"));
        assertFalse(create.has("disable_additional_identifications"), "the enterprise create does not take it");
        assertEquals("PATCH", requests.get(1).method());
        assertEquals(json("{\"disable_additional_identifications\":true}"), json(requests.get(1).requestBody()));

        JsonNode held = clerk.connection(clerkId).orElseThrow().response();
        assertTrue(held.get("disable_additional_identifications").asBoolean());
        assertTrue(held.get("allow_organization_account_linking").asBoolean());
        assertEquals("upn", held.at("/saml_connection/login_hint/source").asText());
        assertEquals("department", held.at("/custom_attributes/0/key").asText());
    }

    @Test
    void anUpdateChangingOneOfThemSendsOnlyThatField() {
        String key = key("okta");
        ObjectNode v1 = extendedSaml(key);
        publisher.structured(RegistryEvents.upserted(v1));
        String clerkId = (String) awaitStatus(key, "SYNCED").get("clerk_connection_id");
        clerk.clearRequestLog();

        ObjectNode v2 = RegistryEvents.at(v1, 2);
        ((ObjectNode) v2.get("saml")).putObject("loginHint").put("mode", "off");
        RegistryEvents.Event hint = RegistryEvents.upserted(v2);
        publisher.structured(hint);
        assertEquals("CHANGED", awaitSettled(hint));

        ObjectNode v3 = RegistryEvents.at(v2, 3);
        ((ObjectNode) v3.get("customAttributes").get(0)).put("multiValued", true);
        RegistryEvents.Event attributes = RegistryEvents.upserted(v3);
        publisher.structured(attributes);
        assertEquals("CHANGED", awaitSettled(attributes));

        ObjectNode v4 = RegistryEvents.at(v3, 4);
        v4.put("allowOrganizationAccountLinking", false);
        RegistryEvents.Event linking = RegistryEvents.upserted(v4);
        publisher.structured(linking);
        assertEquals("CHANGED", awaitSettled(linking));

        List<RecordedRequest> requests = clerk.requests();
        assertEquals(3, requests.size());
        assertEquals("/v1/enterprise_connections/" + clerkId, requests.get(0).path());
        assertEquals(json("{\"saml\":{\"login_hint\":{\"mode\":\"off\"}}}"), json(requests.get(0).requestBody()));
        assertEquals(json("{\"custom_attributes\":[{\"name\":\"Department\",\"key\":\"department\","
                + "\"sso_path\":\"dept\",\"scim_path\":\"urn:dept\",\"multi_valued\":true}]}"),
                json(requests.get(1).requestBody()));
        assertEquals(json("{\"allow_organization_account_linking\":false}"), json(requests.get(2).requestBody()));
        JsonNode held = clerk.connection(clerkId).orElseThrow().response();
        assertEquals("off", held.at("/saml_connection/login_hint/mode").asText());
        assertTrue(held.at("/custom_attributes/0/multi_valued").asBoolean());
        assertFalse(held.get("allow_organization_account_linking").asBoolean());
        assertTrue(held.get("disable_additional_identifications").asBoolean(), "untouched");
    }

    @Test
    void absentFieldsAreNotSentAndLeaveClerksValues() {
        String key = key("okta");
        ObjectNode v1 = samlSpec(key, 1, domain("acme"));
        publisher.structured(RegistryEvents.upserted(v1));
        awaitStatus(key, "SYNCED");
        for (String field : EXTENSIONS) {
            assertFalse(clerk.requests().get(0).requestBody().contains(field), field);
        }

        String extendedKey = key("extended");
        ObjectNode extended = ConnectionSpecs.saml(tenant, extendedKey).domains(domain("ext")).clerkExtensions()
                .build();
        publisher.structured(RegistryEvents.upserted(extended));
        String clerkId = (String) awaitStatus(extendedKey, "SYNCED").get("clerk_connection_id");
        clerk.clearRequestLog();

        ObjectNode leftOut = RegistryEvents.at(extended, 2);
        leftOut.remove(List.of("disableAdditionalIdentifications", "allowOrganizationAccountLinking"));
        leftOut.putNull("customAttributes");
        ((ObjectNode) leftOut.get("saml")).remove("loginHint");
        RegistryEvents.Event event = RegistryEvents.upserted(leftOut);
        publisher.structured(event);
        awaitSettled(event);

        assertTrue(clerk.requests().isEmpty(), clerk.requests().toString());
        JsonNode held = clerk.connection(clerkId).orElseThrow().response();
        assertTrue(held.get("disable_additional_identifications").asBoolean());
        assertEquals("department", held.at("/custom_attributes/0/key").asText());
        assertEquals("upn", held.at("/saml_connection/login_hint/source").asText());
        assertEquals("SYNCED", state(extendedKey).get("status"));
    }

    @Test
    void anEmptyListOfCustomAttributesRemovesThem() {
        String key = key("okta");
        ObjectNode v1 = extendedSaml(key);
        publisher.structured(RegistryEvents.upserted(v1));
        String clerkId = (String) awaitStatus(key, "SYNCED").get("clerk_connection_id");
        clerk.clearRequestLog();

        ObjectNode v2 = RegistryEvents.at(v1, 2);
        v2.putArray("customAttributes");
        RegistryEvents.Event event = RegistryEvents.upserted(v2);
        publisher.structured(event);

        assertEquals("CHANGED", awaitSettled(event));
        assertEquals(json("{\"custom_attributes\":[]}"), json(clerk.requests().get(0).requestBody()));
        assertEquals(0, clerk.connection(clerkId).orElseThrow().response().get("custom_attributes").size());
    }

    @Test
    void anOidcConnectionCarriesTheTopLevelOnes() {
        String key = key("entra");
        publisher.structured(RegistryEvents.upserted(
                ConnectionSpecs.oidc(tenant, key).domains(domain("entra")).clerkExtensions().build()));

        String clerkId = (String) awaitStatus(key, "SYNCED").get("clerk_connection_id");

        JsonNode held = clerk.connection(clerkId).orElseThrow().response();
        assertTrue(held.get("disable_additional_identifications").asBoolean());
        assertTrue(held.get("allow_organization_account_linking").asBoolean());
        assertEquals("department", held.at("/custom_attributes/0/key").asText());
    }

    @Test
    void aMalformedValueIsRejectedNamingTheField() {
        String key = key("okta");
        ObjectNode spec = extendedSaml(key);
        ((ObjectNode) spec.get("saml")).putObject("loginHint").put("mode", "upn");
        publisher.structured(RegistryEvents.upserted(spec));

        await().atMost(TIMEOUT).until(() ->
                TestDatabase.count("select count(*) from rejected_event") == 1);

        String reason = (String) TestDatabase.value("select reason from rejected_event");
        assertTrue(reason.startsWith("data.saml.loginHint.mode must be one of [email_address, custom_attribute, off]"),
                reason);
        assertTrue(clerk.requests().isEmpty());
        assertEquals(0, TestDatabase.count("select count(*) from connection_state where connection_key = ?", key));
    }
}
