package io.ssosync.ingest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ssosync.testing.DatabaseOutageStack;
import io.ssosync.testing.DatabaseProxy;
import io.ssosync.testing.PipelineTest;
import io.ssosync.testing.RegistryEvents;
import io.ssosync.testing.TestDatabase;

/**
 * PostgreSQL goes away for longer than the connector's unprocessed-record limit would allow by default (60 s, a fatal
 * failure of the channel; application.properties turns it off) while events arrive. Intake waits, readiness is down,
 * and once the database is back every change lands without a restart.
 */
@QuarkusTest
@WithTestResource(DatabaseOutageStack.class)
class DatabaseOutageTest extends PipelineTest {

    // Past the 60 s default by a margin: the limit would have struck within it.
    private static final Duration OUTAGE = Duration.ofSeconds(70);
    /** How soon intake must be going again once the database is back. */
    private static final Duration RESUMED_WITHIN = Duration.ofSeconds(10);

    private final DatabaseProxy database = DatabaseOutageStack.proxy();

    @AfterEach
    void databaseBack() {
        database.restore();
    }

    @Test
    void intakeWaitsOutAnOutagePastTheUnprocessedRecordLimitAndResumesByItself() {
        String known = key("known");
        ObjectNode v1 = samlSpec(known, 1, domain("known"));
        publisher.structured(RegistryEvents.upserted(v1));
        awaitStatus(known, "SYNCED");
        assertEquals(200, readiness());

        database.cutOff();
        await().atMost(TIMEOUT).until(() -> readiness() == 503);
        // A change of the known connection and new connections, of two tenants (so two partitions at least).
        ObjectNode v2 = RegistryEvents.at(v1, 2);
        v2.put("name", "Renamed during the outage");
        publisher.structured(RegistryEvents.upserted(v2));
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(key("new" + i));
            publisher.structured(RegistryEvents.upserted(samlSpec(key("new" + i), 1, domain("new" + i))));
        }
        String otherTenant = "t_other_" + tenant.substring(2);
        String otherKey = otherTenant + "_okta";
        ObjectNode otherSpec = RegistryEvents.samlSpec(otherTenant, otherKey, 1,
                "other-" + tenant.replace('_', '-') + ".example.com");
        publisher.binary(RegistryEvents.upserted(otherSpec));
        long recordedBefore = TestDatabase.count("select count(*) from inbox_event");

        // Readiness stays down for the whole outage, and nothing is recorded meanwhile.
        await().during(OUTAGE).atMost(OUTAGE.plusSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> readiness() == 503
                        && TestDatabase.count("select count(*) from inbox_event") == recordedBefore);
        database.restore();

        await().atMost(RESUMED_WITHIN).until(() -> TestDatabase.count("select count(*) from inbox_event")
                > recordedBefore);
        await().atMost(TIMEOUT).until(() -> readiness() == 200);
        Object clerkId = awaitStatus(known, "SYNCED").get("clerk_connection_id");
        await().atMost(TIMEOUT).until(() -> "Renamed during the outage".equals(
                clerk.connection((String) clerkId).orElseThrow().name()));
        for (String key : created) {
            awaitStatus(key, "SYNCED");
        }
        awaitStatus(otherKey, "SYNCED");

        // Still consuming: no restart needed, and the channel is alive.
        String after = key("after");
        publisher.structured(RegistryEvents.upserted(samlSpec(after, 1, domain("after"))));
        awaitStatus(after, "SYNCED");
        assertEquals(200, given().get("/q/health/live").then().extract().statusCode());
        assertEquals(8, clerk.connections().size());
    }

    /**
     * The database goes away while creates are on their way to Clerk: the workers cannot record Clerk's
     * answers. Once it is back they give their claims back at once, instead of letting the commands wait
     * out their lease (60 s here), and each create in doubt is settled by a lookup, not a second create.
     */
    @Test
    void claimsCutOffMidCallAreTakenUpAgainAsSoonAsTheDatabaseIsBack() {
        clerk.faults().hangAfterCommit("POST", Duration.ofSeconds(2), 2);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            keys.add(key("drain" + i));
            publisher.structured(RegistryEvents.upserted(samlSpec(key("drain" + i), 1, domain("drain" + i))));
        }
        await().atMost(TIMEOUT).until(() -> TestDatabase.count(
                "select count(*) from sync_command where status = 'IN_FLIGHT'") > 0);

        database.cutOff();
        // Long enough for the held answers to come back and find no database to record them in.
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10)).until(() -> readiness() == 503);
        database.restore();

        Duration wellInsideTheLease = Duration.ofSeconds(25);
        await().atMost(wellInsideTheLease).until(() -> TestDatabase.count(
                "select count(*) from connection_state where status = 'SYNCED' and connection_key like ?",
                tenant + "_drain%") == keys.size());
        assertEquals(keys.size(), clerk.connections().size());
    }

    private static int readiness() {
        return given().get("/q/health/ready").then().extract().statusCode();
    }
}
