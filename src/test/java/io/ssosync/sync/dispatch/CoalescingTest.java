package io.ssosync.sync.dispatch;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
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

/** Pending commands of one connection collapse into one before they are sent. */
@QuarkusTest
@WithTestResource(SyncStack.class)
class CoalescingTest extends PipelineTest {

    @Test
    void tenUpdatesWhileThrottledCostAtMostTwoCalls() {
        String key = key("okta");
        ObjectNode v1 = samlSpec(key, 1, domain("acme"));
        publisher.structured(RegistryEvents.upserted(v1));
        String clerkId = (String) awaitStatus(key, "SYNCED").get("clerk_connection_id");
        clerk.clearRequestLog();
        clerk.faults().latency(Duration.ofSeconds(1), "PATCH");

        for (int version = 2; version <= 11; version++) {
            ObjectNode next = RegistryEvents.at(v1, version);
            next.put("name", "Acme v" + version);
            publisher.structured(RegistryEvents.upserted(next));
        }

        await().atMost(TIMEOUT).until(() -> Long.valueOf(11).equals(state(key).get("applied_version")));
        assertTrue(clerk.requests().size() <= 2, clerk.requests().size() + " calls");
        assertEquals("Acme v11", clerk.connection(clerkId).orElseThrow().name());
        assertTrue(TestDatabase.count("select count(*) from sync_command where connection_key = ?"
                + " and status = 'SUPERSEDED'", key) >= 8);
    }

    @Test
    void deleteBehindAnUnsentCreateCancelsBothWithoutACall() {
        // A 429 holds dispatch for 3 s: both commands of the doomed connection wait unsent.
        clerk.faults().statusWindow(429, Duration.ofSeconds(3), 3);
        String trigger = key("trigger");
        publisher.structured(RegistryEvents.upserted(samlSpec(trigger, 1, domain("trigger"))));
        await().atMost(TIMEOUT).until(() -> clerk.count429() > 0);

        String doomed = key("doomed");
        publisher.structured(RegistryEvents.upserted(samlSpec(doomed, 1, domain("doomed"))));
        publisher.structured(RegistryEvents.deleted(tenant, doomed, 2));

        awaitStatus(doomed, "DELETED");
        awaitStatus(trigger, "SYNCED");
        assertFalse(clerk.requests().stream().anyMatch(r -> r.requestBody().contains(domain("doomed"))));
        List<Map<String, Object>> commands = TestDatabase.rows("select operation, status from sync_command"
                + " where connection_key = ? order by id", doomed);
        assertEquals(List.of(Map.of("operation", "CREATE", "status", "SUPERSEDED"),
                Map.of("operation", "DELETE", "status", "DONE")), commands);
    }
}
