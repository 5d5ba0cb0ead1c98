package io.ssosync.audit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.ssosync.testing.ConnectionSpecs;
import io.ssosync.testing.PipelineTest;
import io.ssosync.testing.RegistryEvents;
import io.ssosync.testing.SyncStack;
import io.ssosync.testing.TestDatabase;
import jakarta.inject.Inject;

/**
 * Retention deletes the oldest rows behind a checkpoint: what is left, and what is written afterwards, still
 * verifies; nothing else may be deleted.
 */
@QuarkusTest
@WithTestResource(SyncStack.class)
class AuditRetentionTest extends PipelineTest {

    @Inject
    AuditRetention retention;

    @Test
    void theOldestRowsGoBehindACheckpointAndTheRestStillVerifies() {
        sync("a", "b");
        Instant cutoff = ((Timestamp) TestDatabase.value("select clock_timestamp()")).toInstant();
        sync("c");
        long older = TestDatabase.count("select count(*) from audit_trail where at < ?", Timestamp.from(cutoff));
        long total = TestDatabase.count("select count(*) from audit_trail");
        assertTrue(older >= 2 && total > older, older + " of " + total);

        assertEquals(older, retention.deleteBefore(cutoff));

        assertEquals(0, TestDatabase.count("select count(*) from audit_trail where at < ?", Timestamp.from(cutoff)));
        assertEquals(total - older, TestDatabase.count("select count(*) from audit_trail"));
        JsonPath verified = verify();
        assertTrue(verified.getBoolean("intact"), verified.prettify());
        assertEquals(total - older, verified.getLong("checked"));
        // Only rows behind the checkpoint may go.
        long kept = (Long) TestDatabase.value("select min(audit_id) from sync_history");
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> TestDatabase.execute("delete from sync_history where audit_id = " + kept));
        assertTrue(refused.getMessage().contains("append-only"), refused.getMessage());
    }

    @Test
    void afterEveryRowIsGoneTheNextOneLinksToTheCheckpoint() {
        sync("d");
        long all = TestDatabase.count("select count(*) from audit_trail");
        assertEquals(all, retention.deleteBefore(Instant.now().plusSeconds(60)));
        assertEquals(0, TestDatabase.count("select count(*) from audit_trail"));

        sync("e");
        JsonPath verified = verify();
        assertTrue(verified.getBoolean("intact"), verified.prettify());
        assertEquals(TestDatabase.count("select count(*) from audit_trail"), verified.getLong("checked"));
    }

    private void sync(String... names) {
        for (String name : names) {
            publisher.structured(RegistryEvents.upserted(ConnectionSpecs.oidc(tenant, key(name)).domains(domain(name))
                    .build()));
        }
        for (String name : List.of(names)) {
            awaitStatus(key(name), "SYNCED");
        }
    }

    private static JsonPath verify() {
        return given().get("/api/audit/verify").then().statusCode(200).extract().jsonPath();
    }
}
