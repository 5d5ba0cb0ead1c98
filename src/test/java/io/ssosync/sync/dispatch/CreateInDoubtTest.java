package io.ssosync.sync.dispatch;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ssosync.testing.PipelineTest;
import io.ssosync.testing.RegistryEvents;
import io.ssosync.testing.SyncStack;
import io.ssosync.testing.TestDatabase;
import io.ssosync.testing.clerksim.StoredConnection;

/** A create that may have reached Clerk belongs to the connection: whatever ends its command, it is looked up. */
@QuarkusTest
@WithTestResource(SyncStack.class)
class CreateInDoubtTest extends PipelineTest {

    @Test
    void theNextCommandLooksUpWhenTheLookupOfAFailedOneWasRefused() {
        clerk.faults().hangAfterCommit("POST", Duration.ofSeconds(3), 1);
        clerk.faults().failNext(1, "GET", 403);
        String key = key("okta");
        ObjectNode v1 = samlSpec(key, 1, domain("acme"));
        publisher.structured(RegistryEvents.upserted(v1));
        awaitStatus(key, "FAILED");

        publisher.structured(RegistryEvents.upserted(renamed(v1, "Acme renamed", 2)));

        await().atMost(TIMEOUT).until(() -> "SYNCED".equals(state(key).get("status"))
                && Long.valueOf(2).equals(state(key).get("applied_version")));
        List<StoredConnection> held = clerk.connections();
        assertEquals(1, held.size());
        assertEquals("Acme renamed", held.get(0).name());
        assertEquals(1, clerk.requestCount("POST", "/enterprise_connections"));
        assertEquals(held.get(0).id(), state(key).get("clerk_connection_id"));
    }

    @Test
    void aProviderChangeAfterAnAdoptionReplacesTheConnection() {
        // The create times out after Clerk stored it; the update after its adoption is refused, so what Clerk
        // holds stays unknown but for its provider.
        clerk.faults().hangAfterCommit("POST", Duration.ofSeconds(3), 1);
        clerk.faults().failNext(1, "PATCH", 422);
        String key = key("okta");
        ObjectNode v1 = samlSpec(key, 1, domain("acme"));
        publisher.structured(RegistryEvents.upserted(v1));
        awaitStatus(key, "FAILED");
        assertEquals(1, TestDatabase.count("select count(*) from sync_history where connection_key = ?"
                + " and outcome = 'ADOPTED'", key));

        ObjectNode v2 = RegistryEvents.at(v1, 2);
        v2.put("provider", "saml_custom");
        publisher.structured(RegistryEvents.upserted(v2));

        await().atMost(TIMEOUT).until(() -> "SYNCED".equals(state(key).get("status"))
                && Long.valueOf(2).equals(state(key).get("applied_version")));
        List<StoredConnection> held = clerk.connections();
        assertEquals(1, held.size());
        assertEquals("saml_custom", held.get(0).stored().path("provider").asText());
        assertEquals(1, clerk.requestCount("DELETE", "/enterprise_connections"));
    }

    private static ObjectNode renamed(ObjectNode spec, String name, long version) {
        ObjectNode next = RegistryEvents.at(spec, version);
        next.put("name", name);
        return next;
    }
}
