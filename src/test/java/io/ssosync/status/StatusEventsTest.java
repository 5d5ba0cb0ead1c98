package io.ssosync.status;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ssosync.testing.PipelineTest;
import io.ssosync.testing.RegistryEvents;
import io.ssosync.testing.StatusEvents;
import io.ssosync.testing.StatusEvents.Received;
import io.ssosync.testing.SyncStack;
import io.ssosync.testing.clerksim.StoredConnection;

/**
 * The answer back to the registry: every time a connection becomes SYNCED, FAILED or DELETED, one structured
 * CloudEvent on the status topic, read here with a real consumer, carrying Clerk's side of the connection as the
 * API shows it.
 */
@QuarkusTest
@WithTestResource(SyncStack.class)
class StatusEventsTest extends PipelineTest {

    private StatusEvents status;

    @BeforeEach
    void consume() {
        status = StatusEvents.of(tenant);
    }

    @AfterEach
    void closeConsumer() {
        status.close();
    }

    @Test
    void syncedSamlConnectionIsAnnouncedWithClerksServiceProviderValuesAsTheApiShowsThem() {
        String key = key("okta");
        publisher.structured(RegistryEvents.upserted(samlSpec(key, 1, domain("acme"))));
        awaitStatus(key, "SYNCED");

        List<Received> events = status.awaitAllPublished();

        assertEquals(1, events.size(), events.toString());
        Received synced = events.get(0);
        assertEquals(tenant, synced.key());
        assertEquals("application/cloudevents+json", synced.contentType());
        JsonNode event = synced.event();
        assertEquals("1.0", event.path("specversion").asText());
        assertEquals("sso-sync.connection.synced", event.path("type").asText());
        assertEquals("/sso-sync", event.path("source").asText());
        assertEquals(key, event.path("subject").asText());
        assertEquals("application/json", event.path("datacontenttype").asText());
        assertTrue(event.path("id").asText().length() > 10, event.toString());
        Instant.parse(event.path("time").asText());

        StoredConnection inClerk = clerk.connections().get(0);
        JsonNode saml = inClerk.response().path("saml_connection");
        JsonNode data = synced.data();
        assertEquals(tenant, data.path("tenantId").asText());
        assertEquals(key, data.path("connectionKey").asText());
        assertEquals(1, data.path("version").asLong());
        assertEquals(inClerk.id(), data.path("clerkConnectionId").asText());
        assertEquals("SYNCED", data.path("status").asText());
        assertTrue(data.path("reason").isNull());
        assertEquals(saml.path("acs_url").asText(), data.at("/clerk/acsUrl").asText());
        assertEquals(saml.path("sp_entity_id").asText(), data.at("/clerk/spEntityId").asText());
        assertEquals(saml.path("sp_metadata_url").asText(), data.at("/clerk/spMetadataUrl").asText());
        assertTrue(data.at("/clerk/acsUrl").asText().startsWith("https://"), data.toString());

        JsonNode api = json(given().get("/api/connections/" + key).then().statusCode(200).extract().asString());
        assertEquals(data.get("clerk"), api.get("clerk"));
    }

    @Test
    void refusalIsAnnouncedAsFailedWithClerksReason() {
        String first = key("first");
        publisher.structured(RegistryEvents.upserted(samlSpec(first, 1, domain("shared"))));
        awaitStatus(first, "SYNCED");
        // Clerk holds each domain once: a second connection claiming it is refused with 422.
        String clash = key("clash");
        publisher.structured(RegistryEvents.upserted(samlSpec(clash, 1, domain("shared"))));
        String error = (String) awaitStatus(clash, "FAILED").get("last_error");

        List<Received> failed = status.awaitAllPublished().stream().filter(e -> clash.equals(e.event()
                .path("subject").asText())).toList();

        assertEquals(1, failed.size(), failed.toString());
        JsonNode data = failed.get(0).data();
        assertEquals("sso-sync.connection.failed", failed.get(0).type());
        assertEquals("FAILED", data.path("status").asText());
        assertEquals(error, data.path("reason").asText());
        assertTrue(error.startsWith("Clerk answered 422"), error);
        assertEquals(1, data.path("version").asLong());
        assertTrue(data.path("clerkConnectionId").isNull());
        assertTrue(data.path("clerk").isNull());
        assertTrue(json(given().get("/api/connections/" + clash).then().statusCode(200).extract().asString())
                .path("clerk").isNull());
    }

    @Test
    void eachVersionClerkHoldsIsAnnouncedOnceInOrderAndTheDeletionLast() {
        String key = key("okta");
        ObjectNode v1 = samlSpec(key, 1, domain("acme"));
        publisher.structured(RegistryEvents.upserted(v1));
        awaitStatus(key, "SYNCED");
        ObjectNode v2 = RegistryEvents.at(v1, 2);
        v2.put("name", "Acme Okta EU");
        awaitSettled(publish(RegistryEvents.upserted("idp.connection.updated", v2)));
        // Nothing to send for version 3, but Clerk holds it: the registry hears of it as of any other.
        awaitSettled(publish(RegistryEvents.upserted(RegistryEvents.at(v2, 3))));
        publisher.structured(RegistryEvents.deleted(tenant, key, 4));
        awaitStatus(key, "DELETED");

        List<Received> events = status.awaitAllPublished();

        assertEquals(List.of("synced:1", "synced:2", "synced:3", "deleted:4"), events.stream()
                .map(e -> e.type().substring("sso-sync.connection.".length()) + ":" + e.data().path("version"))
                .toList());
        Set<String> ids = new HashSet<>();
        events.forEach(e -> ids.add(e.event().path("id").asText()));
        assertEquals(4, ids.size());
        assertEquals(1, events.stream().map(Received::partition).distinct().count(), "one tenant, one partition");
        JsonNode deleted = events.get(3).data();
        assertEquals("DELETED", deleted.path("status").asText());
        assertTrue(deleted.path("clerkConnectionId").isNull());
        assertTrue(deleted.path("clerk").isNull(), "Clerk no longer holds it");
        assertEquals(events.get(0).data().get("clerk"), events.get(2).data().get("clerk"));
        assertTrue(json(given().get("/api/connections/" + key).then().statusCode(200).extract().asString())
                .path("clerk").isNull());
    }

    @Test
    void oidcConnectionHasNoClerkSideToAnnounce() {
        String key = key("entra");
        publisher.structured(RegistryEvents.upserted(oidcSpec(key, 1, domain("acme"))));
        awaitStatus(key, "SYNCED");

        List<Received> events = status.awaitAllPublished();

        assertEquals(1, events.size(), events.toString());
        assertEquals("sso-sync.connection.synced", events.get(0).type());
        assertNotEquals("", events.get(0).data().path("clerkConnectionId").asText());
        assertTrue(events.get(0).data().path("clerk").isNull());
    }

    @Test
    void deletionOfAConnectionNeverSeenIsAnnounced() {
        String key = key("never");
        awaitSettled(publish(RegistryEvents.deleted(tenant, key, 5)));

        List<Received> events = status.awaitAllPublished();

        assertEquals(1, events.size(), events.toString());
        assertEquals("sso-sync.connection.deleted", events.get(0).type());
        assertEquals(5, events.get(0).data().path("version").asLong());
    }

    private RegistryEvents.Event publish(RegistryEvents.Event event) {
        publisher.structured(event);
        return event;
    }
}
