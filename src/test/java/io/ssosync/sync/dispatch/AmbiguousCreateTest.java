package io.ssosync.sync.dispatch;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

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

/** Clerk created the connection but its answer never arrived: the service finds it instead of creating twice. */
@QuarkusTest
@WithTestResource(SyncStack.class)
class AmbiguousCreateTest extends PipelineTest {

    @Test
    void createWhoseAnswerTimedOutIsLookedUpAndAdopted() {
        // Clerk applies the POST at once but answers after the client's 2 s time-out.
        clerk.faults().hangAfterCommit("POST", Duration.ofSeconds(3), 1);
        String key = key("okta");

        publisher.structured(RegistryEvents.upserted(samlSpec(key, 1, domain("acme"))));

        String clerkId = (String) awaitStatus(key, "SYNCED").get("clerk_connection_id");
        assertEquals(1, clerk.connections().size());
        assertEquals(clerk.connections().get(0).id(), clerkId);
        assertEquals(1, clerk.requestCount("POST", "/enterprise_connections"));
        List<Map<String, Object>> history = TestDatabase.rows("select method, http_status, outcome from sync_history"
                + " where connection_key = ? order by id", key);
        assertEquals(Map.of("method", "POST", "outcome", "RETRYING"), Map.of("method", history.get(0).get("method"),
                "outcome", history.get(0).get("outcome")));
        assertEquals(Map.of("method", "GET", "http_status", 200, "outcome", "ADOPTED"), history.get(1));
        // Adopted with unknown settings, so the next step sends them all once.
        assertEquals("PATCH", history.get(2).get("method"));
    }

    @Test
    void createInDoubtIsSettledBeforeALaterChangeIsFoldedIn() {
        clerk.faults().hangAfterCommit("POST", Duration.ofSeconds(3), 1);
        String key = key("okta");
        ObjectNode v1 = samlSpec(key, 1, domain("acme"));
        publisher.structured(RegistryEvents.upserted(v1));
        await().atMost(TIMEOUT).until(() -> TestDatabase.count("select count(*) from sync_history"
                + " where connection_key = ? and outcome = 'RETRYING'", key) == 1);

        // The registry moves the connection to another domain while the create is in doubt.
        ObjectNode v2 = RegistryEvents.at(v1, 2);
        v2.set("domains", RegistryEvents.JSON.createArrayNode().add(domain("moved")));
        publisher.structured(RegistryEvents.upserted(v2));

        // An adoption records the folded-in version as applied before its follow-up update is sent: the
        // connection is SYNCED only once that update is done.
        await().atMost(TIMEOUT).until(() -> Long.valueOf(2).equals(state(key).get("applied_version"))
                && "SYNCED".equals(state(key).get("status")));
        assertEquals(1, clerk.connections().size());
        assertEquals(List.of(domain("moved")), clerk.connections().get(0).domains());
        assertEquals(0, clerk.requests().stream().filter(r -> r.status() == 422).count());
        assertEquals(1, TestDatabase.count("select count(*) from sync_history where connection_key = ?"
                + " and outcome = 'ADOPTED'", key));
    }
}
