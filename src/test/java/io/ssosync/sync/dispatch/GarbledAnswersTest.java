package io.ssosync.sync.dispatch;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ssosync.testing.PipelineTest;
import io.ssosync.testing.RegistryEvents;
import io.ssosync.testing.SyncStack;
import io.ssosync.testing.TestDatabase;
import io.ssosync.testing.clerksim.FaultSpec.Garble;
import io.ssosync.testing.clerksim.StoredConnection;

/** Answers that are not what Clerk documents are never taken at their word. */
@QuarkusTest
@WithTestResource(SyncStack.class)
class GarbledAnswersTest extends PipelineTest {

    private static final int CREATES = 20;

    @Test
    void aCreateAnsweredWithoutAUsableConnectionIsLookedUpNeverRepeated() {
        // Five of the twenty creates are carried out but answered 201 with a body that is not what Clerk documents.
        clerk.faults().garble("POST", Garble.NOT_JSON, 3);
        clerk.faults().garble("POST", Garble.WITHOUT_ID, 2);
        for (int i = 0; i < CREATES; i++) {
            publisher.structured(RegistryEvents.upserted(samlSpec(key("c" + i), 1, domain("c" + i))));
        }

        await().atMost(TIMEOUT).until(() -> TestDatabase.count("select count(*) from connection_state"
                + " where status = 'SYNCED' and clerk_connection_id is not null") == CREATES);

        List<StoredConnection> held = clerk.connections();
        assertEquals(CREATES, held.size(), "one connection per change, none doubled");
        assertEquals(CREATES, clerk.requestCount("POST", "/enterprise_connections"), "no create sent twice");
        Set<String> ids = held.stream().map(StoredConnection::id).collect(Collectors.toSet());
        assertEquals(ids, Set.copyOf(TestDatabase.rows("select clerk_connection_id from connection_state").stream()
                .map(row -> (String) row.get("clerk_connection_id")).toList()));
        assertEquals(5, TestDatabase.count("select count(*) from sync_history where outcome = 'ADOPTED'"));
    }

    @Test
    void aLookupAnsweredWithoutItsListFieldsIsRetriedNotFollowedByABlindCreate() {
        // The create times out after Clerk stored it; the first lookup then gets a page without data or total_count.
        clerk.faults().hangAfterCommit("POST", Duration.ofSeconds(3), 1);
        clerk.faults().garble("GET", Garble.WITHOUT_LIST_FIELDS, 1);
        String key = key("okta");

        publisher.structured(RegistryEvents.upserted(samlSpec(key, 1, domain("acme"))));

        awaitStatus(key, "SYNCED");
        assertEquals(1, clerk.connections().size());
        assertEquals(1, clerk.requestCount("POST", "/enterprise_connections"));
        List<String> outcomes = TestDatabase.rows("select method, outcome from sync_history where connection_key = ?"
                + " order by id", key).stream().map(row -> row.get("method") + " " + row.get("outcome")).toList();
        assertEquals(List.of("POST RETRYING", "GET RETRYING", "GET ADOPTED"), outcomes.subList(0, 3));
        assertTrue(outcomes.stream().noneMatch(o -> o.equals("POST SUCCEEDED")), outcomes.toString());
    }
}
