package io.ssosync.sync.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ssosync.testing.PipelineTest;
import io.ssosync.testing.RegistryEvents;
import io.ssosync.testing.SyncStack;
import io.ssosync.testing.TestDatabase;

/** Someone deleted the connection in Clerk's dashboard. */
@QuarkusTest
@WithTestResource(SyncStack.class)
class VanishedConnectionTest extends PipelineTest {

    @Test
    void updateOfAVanishedConnectionCreatesItAgain() {
        String key = key("okta");
        ObjectNode v1 = samlSpec(key, 1, domain("acme"));
        publisher.structured(RegistryEvents.upserted(v1));
        String oldId = (String) awaitStatus(key, "SYNCED").get("clerk_connection_id");
        clerk.remove(oldId);

        ObjectNode v2 = RegistryEvents.at(v1, 2);
        v2.put("name", "Back again");
        RegistryEvents.Event update = RegistryEvents.upserted(v2);
        publisher.structured(update);

        awaitSettled(update);
        String newId = (String) state(key).get("clerk_connection_id");
        assertNotEquals(oldId, newId);
        assertEquals("Back again", clerk.connection(newId).orElseThrow().name());
        assertEquals("SYNCED", state(key).get("status"));
        List<Map<String, Object>> history = TestDatabase.rows("select method, http_status, outcome from sync_history"
                + " where connection_key = ? and source_event_id = ? order by id", key, update.id());
        assertEquals(Map.of("method", "PATCH", "http_status", 404, "outcome", "GONE"), history.get(0));
        assertEquals("POST", history.get(1).get("method"));
    }

    @Test
    void deleteOfAVanishedConnectionIsDone() {
        String key = key("okta");
        publisher.structured(RegistryEvents.upserted(samlSpec(key, 1, domain("acme"))));
        String id = (String) awaitStatus(key, "SYNCED").get("clerk_connection_id");
        clerk.remove(id);

        publisher.structured(RegistryEvents.deleted(tenant, key, 2));

        awaitStatus(key, "DELETED");
        assertEquals(Map.of("method", "DELETE", "http_status", 404, "outcome", "SUCCEEDED"),
                TestDatabase.rows("select method, http_status, outcome from sync_history where connection_key = ?"
                        + " order by id desc limit 1", key).get(0));
    }
}
