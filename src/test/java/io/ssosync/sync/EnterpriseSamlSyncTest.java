package io.ssosync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ssosync.testing.PipelineTest;
import io.ssosync.testing.RegistryEvents;
import io.ssosync.testing.SyncStack;
import io.ssosync.testing.TestDatabase;
import io.ssosync.testing.clerksim.RecordedRequest;
import io.ssosync.testing.clerksim.SampleCertificates;
import io.ssosync.testing.clerksim.StoredConnection;

/** SAML connections on Clerk's enterprise API, from Kafka event to Clerk and Postgres. */
@QuarkusTest
@WithTestResource(SyncStack.class)
class EnterpriseSamlSyncTest extends PipelineTest {

    @Test
    void createsTheConnectionAndRecordsItsClerkId() {
        String key = key("okta");
        ObjectNode spec = samlSpec(key, 1, domain("acme"));
        spec.put("syncUserAttributes", false);
        publisher.structured(RegistryEvents.upserted(spec));

        Map<String, Object> state = awaitStatus(key, "SYNCED");

        StoredConnection stored = clerk.connections().get(0);
        assertEquals(1, clerk.connections().size());
        assertEquals(stored.id(), state.get("clerk_connection_id"));
        assertEquals("ENTERPRISE", state.get("clerk_api"));
        assertEquals(1L, state.get("applied_version"));
        assertEquals(List.of(domain("acme")), stored.domains());
        assertEquals("saml_okta", stored.response().get("provider").asText());
        assertEquals("http://www.okta.com/exk1", stored.stored().at("/saml/idp_entity_id").asText());
        assertEquals("email", stored.stored().at("/saml/attribute_mapping/email_address").asText());
        assertFalse(stored.response().get("sync_user_attributes").asBoolean());

        List<RecordedRequest> requests = clerk.requests();
        assertEquals("POST", requests.get(0).method());
        assertEquals("/v1/enterprise_connections", requests.get(0).path());
        assertEquals(201, requests.get(0).status());
        assertEquals("2025-11-10", requests.get(0).clerkApiVersion());
        // The enterprise create cannot carry sync_user_attributes, and Clerk's default differs: an update follows.
        assertEquals("PATCH", requests.get(1).method());
        assertEquals(json("{\"sync_user_attributes\":false}"), json(requests.get(1).requestBody()));
        assertEquals(2, requests.size());
    }

    @Test
    void noUpdateFollowsWhenClerksAnswerAlreadyHoldsTheValue() {
        String key = key("okta");
        publisher.structured(RegistryEvents.upserted(samlSpec(key, 1, domain("acme"))));

        awaitStatus(key, "SYNCED");

        assertEquals(1, clerk.requests().size());
        assertTrue(clerk.connections().get(0).response().get("sync_user_attributes").asBoolean());
    }

    @Test
    void updateSendsOnlyTheChangedFields() {
        String key = key("okta");
        ObjectNode v1 = samlSpec(key, 1, domain("acme"));
        publisher.structured(RegistryEvents.upserted(v1));
        String clerkId = (String) awaitStatus(key, "SYNCED").get("clerk_connection_id");
        clerk.clearRequestLog();

        ObjectNode v2 = RegistryEvents.at(v1, 2);
        v2.put("name", "Acme Okta EU");
        ((ObjectNode) v2.get("saml")).put("idpCertificate", SampleCertificates.IDP_2);
        RegistryEvents.Event update = RegistryEvents.upserted("idp.connection.updated", v2);
        publisher.structured(update);

        assertEquals("CHANGED", awaitSettled(update));
        List<RecordedRequest> requests = clerk.requests();
        assertEquals(1, requests.size());
        assertEquals("PATCH", requests.get(0).method());
        assertEquals("/v1/enterprise_connections/" + clerkId, requests.get(0).path());
        assertEquals(json("{\"name\":\"Acme Okta EU\",\"saml\":{\"idp_certificate\":"
                + RegistryEvents.JSON.valueToTree(SampleCertificates.IDP_2) + "}}"), json(requests.get(0).requestBody()));
        assertEquals("Acme Okta EU", clerk.connection(clerkId).orElseThrow().name());
        assertEquals(2L, state(key).get("applied_version"));
    }

    @Test
    void unchangedUpsertCostsNoCall() {
        String key = key("okta");
        ObjectNode v1 = samlSpec(key, 1, domain("acme"));
        publisher.structured(RegistryEvents.upserted(v1));
        awaitStatus(key, "SYNCED");
        clerk.clearRequestLog();

        RegistryEvents.Event same = RegistryEvents.upserted(RegistryEvents.at(v1, 2));
        publisher.structured(same);

        assertEquals("UNCHANGED", awaitSettled(same));
        assertTrue(clerk.requests().isEmpty());
        assertEquals(2L, state(key).get("applied_version"));
        assertEquals("SYNCED", state(key).get("status"));
    }

    @Test
    void deleteRemovesTheConnectionAndASecondDeleteCostsNoCall() {
        String key = key("okta");
        publisher.structured(RegistryEvents.upserted(samlSpec(key, 1, domain("acme"))));
        String clerkId = (String) awaitStatus(key, "SYNCED").get("clerk_connection_id");
        clerk.clearRequestLog();

        publisher.structured(RegistryEvents.deleted(tenant, key, 2));
        Map<String, Object> state = awaitStatus(key, "DELETED");

        assertTrue(clerk.connections().isEmpty());
        assertEquals(1, clerk.requests().size());
        assertEquals("DELETE", clerk.requests().get(0).method());
        assertEquals("/v1/enterprise_connections/" + clerkId, clerk.requests().get(0).path());
        assertNull(state.get("clerk_connection_id"));

        RegistryEvents.Event again = RegistryEvents.deleted(tenant, key, 3);
        publisher.structured(again);

        assertEquals("UNCHANGED", awaitSettled(again));
        assertEquals(1, clerk.requests().size());
    }

    @Test
    void historyRecordsEveryCallWithSecretsRedacted() {
        String key = key("okta");
        RegistryEvents.Event created = RegistryEvents.upserted(samlSpec(key, 1, domain("acme")));
        publisher.structured(created);
        awaitStatus(key, "SYNCED");

        List<Map<String, Object>> history = TestDatabase.rows("select method, path, http_status, outcome,"
                + " request_body::text as body, source_event_id, duration_ms from sync_history"
                + " where connection_key = ? order by id", key);

        assertEquals(1, history.size());
        assertEquals("POST", history.get(0).get("method"));
        assertEquals(201, history.get(0).get("http_status"));
        assertEquals("SUCCEEDED", history.get(0).get("outcome"));
        assertEquals(created.id(), history.get(0).get("source_event_id"));
        assertTrue(((Number) history.get(0).get("duration_ms")).longValue() >= 0);
        JsonNode body = json((String) history.get(0).get("body"));
        assertEquals("[redacted]", body.at("/saml/idp_certificate").asText());
        assertFalse(history.toString().contains("BEGIN CERTIFICATE"));
    }
}
