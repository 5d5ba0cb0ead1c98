package io.ssosync.sync;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.ssosync.testing.ConnectionSpecs;
import io.ssosync.testing.PipelineTest;
import io.ssosync.testing.RegistryEvents;
import io.ssosync.testing.SyncStack;
import io.ssosync.testing.clerksim.Flavour;
import io.ssosync.testing.clerksim.RecordedRequest;
import io.ssosync.testing.clerksim.StoredConnection;

/** SAML connections on Clerk's legacy /v1/saml_connections API. */
@QuarkusTest
@TestProfile(LegacySamlApiProfile.class)
@WithTestResource(SyncStack.class)
class LegacySamlSyncTest extends PipelineTest {

    @Test
    void createsOnTheLegacyApiAndSendsUpdateOnlyFieldsRightAfter() {
        String key = key("okta");
        publisher.structured(RegistryEvents.upserted(samlSpec(key, 1, domain("acme"))));

        Map<String, Object> state = awaitStatus(key, "SYNCED");

        StoredConnection stored = clerk.connections().get(0);
        assertEquals(Flavour.SAML, stored.flavour());
        assertEquals(stored.id(), state.get("clerk_connection_id"));
        assertEquals("SAML", state.get("clerk_api"));
        assertEquals("http://www.okta.com/exk1", stored.stored().get("idp_entity_id").asText());
        List<RecordedRequest> requests = clerk.requests();
        assertEquals("POST", requests.get(0).method());
        assertEquals("/v1/saml_connections", requests.get(0).path());
        assertEquals(200, requests.get(0).status());
        // active, sync_user_attributes and the allow_* flags are update-only on this API; only those
        // whose value differs from what Clerk's answer shows are sent.
        assertEquals("PATCH", requests.get(1).method());
        assertEquals(json("{\"active\":true}"), json(requests.get(1).requestBody()));
        assertEquals(2, requests.size());
        assertTrue(stored.response().get("active").asBoolean());
    }

    @Test
    void keepsClerksServiceProviderValuesFromTheTopLevelOfTheLegacyAnswer() {
        String key = key("okta");
        publisher.structured(RegistryEvents.upserted(samlSpec(key, 1, domain("acme"))));
        awaitStatus(key, "SYNCED");

        JsonNode answer = clerk.connections().get(0).response();
        JsonNode shown = json(given().get("/api/connections/" + key).then().statusCode(200).extract().asString())
                .path("clerk");
        assertEquals(answer.path("acs_url").asText(), shown.path("acsUrl").asText());
        assertEquals(answer.path("sp_entity_id").asText(), shown.path("spEntityId").asText());
        assertEquals(answer.path("sp_metadata_url").asText(), shown.path("spMetadataUrl").asText());
        assertTrue(shown.path("acsUrl").asText().startsWith("https://"), shown.toString());
    }

    @Test
    void updatesOnlyTheChangedFields() {
        String key = key("okta");
        ObjectNode v1 = samlSpec(key, 1, domain("acme"));
        publisher.structured(RegistryEvents.upserted(v1));
        String clerkId = (String) awaitStatus(key, "SYNCED").get("clerk_connection_id");
        clerk.clearRequestLog();

        ObjectNode v2 = RegistryEvents.at(v1, 2);
        ((ObjectNode) v2.get("saml")).put("idpSsoUrl", "https://acme.okta.com/app/y/sso/saml");
        RegistryEvents.Event update = RegistryEvents.upserted(v2);
        publisher.structured(update);

        assertEquals("CHANGED", awaitSettled(update));
        assertEquals(1, clerk.requests().size());
        assertEquals("/v1/saml_connections/" + clerkId, clerk.requests().get(0).path());
        assertEquals(json("{\"idp_sso_url\":\"https://acme.okta.com/app/y/sso/saml\"}"),
                json(clerk.requests().get(0).requestBody()));
    }

    @Test
    void unchangedUpsertCostsNoCall() {
        String key = key("okta");
        ObjectNode v1 = samlSpec(key, 1, domain("acme"));
        publisher.structured(RegistryEvents.upserted(v1));
        awaitStatus(key, "SYNCED");
        clerk.clearRequestLog();

        RegistryEvents.Event same = RegistryEvents.upserted(RegistryEvents.at(v1, 2));
        publisher.binary(same);

        assertEquals("UNCHANGED", awaitSettled(same));
        assertTrue(clerk.requests().isEmpty());
    }

    @Test
    void deletesAndASecondDeleteCostsNoCall() {
        String key = key("okta");
        publisher.structured(RegistryEvents.upserted(samlSpec(key, 1, domain("acme"))));
        String clerkId = (String) awaitStatus(key, "SYNCED").get("clerk_connection_id");
        clerk.clearRequestLog();

        publisher.structured(RegistryEvents.deleted(tenant, key, 2));
        awaitStatus(key, "DELETED");
        RegistryEvents.Event again = RegistryEvents.deleted(tenant, key, 3);
        publisher.structured(again);

        assertEquals("UNCHANGED", awaitSettled(again));
        assertTrue(clerk.connections().isEmpty());
        assertEquals(1, clerk.requests().size());
        assertEquals("DELETE", clerk.requests().get(0).method());
        assertEquals("/v1/saml_connections/" + clerkId, clerk.requests().get(0).path());
    }

    @Test
    void oidcCannotGoToTheLegacyApiAndFailsWithoutACall() {
        String key = key("entra");
        publisher.structured(RegistryEvents.upserted(oidcSpec(key, 1, domain("acme"))));

        Map<String, Object> state = awaitStatus(key, "FAILED");

        assertTrue(((String) state.get("last_error")).contains("CLERK_API=enterprise"));
        assertTrue(clerk.requests().isEmpty());
    }

    @Test
    void theLoginHintGoesWithTheCreateAndTheAccountFlagsFollowInTheUpdate() {
        String key = key("okta");
        ObjectNode spec = ConnectionSpecs.saml(tenant, key).domains(domain("acme")).clerkExtensions().build();
        spec.remove("customAttributes");
        publisher.structured(RegistryEvents.upserted(spec));

        String clerkId = (String) awaitStatus(key, "SYNCED").get("clerk_connection_id");

        List<RecordedRequest> requests = clerk.requests();
        assertEquals(2, requests.size());
        assertEquals(json("{\"mode\":\"custom_attribute\",\"source\":\"upn\"}"),
                json(requests.get(0).requestBody()).get("login_hint"));
        assertEquals(json("{\"active\":true,\"disable_additional_identifications\":true,"
                + "\"allow_organization_account_linking\":true}"), json(requests.get(1).requestBody()));
        JsonNode held = clerk.connection(clerkId).orElseThrow().response();
        assertTrue(held.get("disable_additional_identifications").asBoolean());
        assertTrue(held.get("allow_organization_account_linking").asBoolean());
        assertEquals("upn", held.at("/login_hint/source").asText());
    }

    @Test
    void customAttributesCannotGoToTheLegacyApiAndFailWithoutACall() {
        String key = key("okta");
        publisher.structured(RegistryEvents.upserted(
                ConnectionSpecs.saml(tenant, key).domains(domain("acme")).clerkExtensions().build()));

        Map<String, Object> state = awaitStatus(key, "FAILED");

        String error = (String) state.get("last_error");
        assertTrue(error.contains("custom_attributes") && error.contains("CLERK_API=enterprise"), error);
        assertTrue(clerk.requests().isEmpty());
    }
}
