package io.ssosync.sync.dispatch;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ssosync.testing.PipelineTest;
import io.ssosync.testing.RegistryEvents;
import io.ssosync.testing.SyncStack;
import io.ssosync.testing.clerksim.FaultSpec;

/** A connection whose calls keep failing holds back only its own later changes, which stay in order. */
@QuarkusTest
@WithTestResource(SyncStack.class)
class IsolationTest extends PipelineTest {

    @Test
    void failingConnectionHoldsBackOnlyItself() {
        String a = key("a");
        String b = key("b");
        ObjectNode a1 = samlSpec(a, 1, domain("a"));
        ObjectNode b1 = samlSpec(b, 1, domain("b"));
        publisher.structured(RegistryEvents.upserted(a1));
        publisher.structured(RegistryEvents.upserted(b1));
        String aId = (String) awaitStatus(a, "SYNCED").get("clerk_connection_id");
        awaitStatus(b, "SYNCED");
        clerk.faults().add(FaultSpec.statusWindow(503, Duration.ofSeconds(60))
                .onlyFor("PATCH", "/v1/enterprise_connections/" + aId));

        publisher.structured(RegistryEvents.upserted(renamed(a1, 2, "A two")));
        publisher.structured(RegistryEvents.upserted(renamed(a1, 3, "A three")));
        publisher.structured(RegistryEvents.upserted(renamed(b1, 2, "B two")));
        String c = key("c");
        publisher.structured(RegistryEvents.upserted(samlSpec(c, 1, domain("c"))));

        await().atMost(TIMEOUT).until(() -> Long.valueOf(2).equals(state(b).get("applied_version")));
        awaitStatus(c, "SYNCED");
        await().atMost(TIMEOUT).until(() -> String.valueOf(state(a).get("last_error")).contains("503"));
        assertEquals("PENDING", state(a).get("status"));

        clerk.clearFaults();
        awaitStatus(a, "SYNCED");
        assertEquals(3L, state(a).get("applied_version"));
        assertEquals("A three", clerk.connection(aId).orElseThrow().name());
        List<String> aPatches = clerk.requests().stream()
                .filter(r -> r.method().equals("PATCH") && r.path().endsWith(aId) && r.status() == 200)
                .map(r -> json(r.requestBody()).path("name").asText()).toList();
        // Never the older name after the newer one.
        assertFalse(aPatches.indexOf("A two") > aPatches.indexOf("A three"), aPatches.toString());
    }

    private static ObjectNode renamed(ObjectNode spec, long version, String name) {
        ObjectNode next = RegistryEvents.at(spec, version);
        next.put("name", name);
        return next;
    }
}
