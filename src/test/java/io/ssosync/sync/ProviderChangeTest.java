package io.ssosync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ssosync.testing.PipelineTest;
import io.ssosync.testing.RegistryEvents;
import io.ssosync.testing.SyncStack;
import io.ssosync.testing.clerksim.RecordedRequest;

/** Clerk cannot change a connection's provider: the service replaces the connection. */
@QuarkusTest
@WithTestResource(SyncStack.class)
class ProviderChangeTest extends PipelineTest {

    @Test
    void providerChangeDeletesThenCreates() {
        String key = key("okta");
        ObjectNode v1 = samlSpec(key, 1, domain("acme"));
        publisher.structured(RegistryEvents.upserted(v1));
        String oldId = (String) awaitStatus(key, "SYNCED").get("clerk_connection_id");
        clerk.clearRequestLog();

        ObjectNode v2 = RegistryEvents.at(v1, 2);
        v2.put("provider", "saml_custom");
        RegistryEvents.Event change = RegistryEvents.upserted(v2);
        publisher.structured(change);

        assertEquals("CHANGED", awaitSettled(change));
        List<RecordedRequest> requests = clerk.requests();
        assertEquals("DELETE", requests.get(0).method());
        assertEquals("/v1/enterprise_connections/" + oldId, requests.get(0).path());
        assertEquals("POST", requests.get(1).method());
        assertEquals(1, clerk.connections().size());
        assertEquals("saml_custom", clerk.connections().get(0).response().get("provider").asText());
        String newId = (String) state(key).get("clerk_connection_id");
        assertEquals(clerk.connections().get(0).id(), newId);
        assertNotEquals(oldId, newId);
        assertEquals("SYNCED", state(key).get("status"));
    }
}
