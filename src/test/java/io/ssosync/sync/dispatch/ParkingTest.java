package io.ssosync.sync.dispatch;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.ssosync.testing.PipelineTest;
import io.ssosync.testing.RegistryEvents;
import io.ssosync.testing.SyncStack;
import io.ssosync.testing.TestDatabase;

/** A command failing past its maximum age is parked, holds back its connection, and is replayable. */
@QuarkusTest
@TestProfile(ShortMaxAgeProfile.class)
@WithTestResource(SyncStack.class)
class ParkingTest extends PipelineTest {

    @Test
    void parkedCommandHoldsBackItsConnectionUntilReplayed() {
        clerk.faults().statusWindow(503, Duration.ofSeconds(120));
        String key = key("okta");
        ObjectNode v1 = samlSpec(key, 1, domain("acme"));
        publisher.structured(RegistryEvents.upserted(v1));

        String error = (String) awaitStatus(key, "FAILED").get("last_error");
        assertTrue(error.startsWith("parked after retrying for more than PT3S"), error);
        assertEquals("DEAD", TestDatabase.value("select status from sync_command where connection_key = ?", key));

        ObjectNode v2 = RegistryEvents.at(v1, 2);
        v2.put("name", "Renamed while parked");
        RegistryEvents.Event rename = RegistryEvents.upserted(v2);
        publisher.structured(rename);
        await().atMost(TIMEOUT).until(() -> TestDatabase.count("select count(*) from sync_command"
                + " where source_event_id = ? and status = 'PENDING'", rename.id()) == 1);
        clerk.clearFaults();
        clerk.clearRequestLog();

        given().post("/api/connections/" + key + "/retry").then().statusCode(200).body("requeued", equalTo(1));

        awaitStatus(key, "SYNCED");
        assertEquals("Renamed while parked", clerk.connections().get(0).name());
        assertEquals(1, clerk.requestCount("POST", "/enterprise_connections"));
        assertEquals(2L, state(key).get("applied_version"));
    }

    @Test
    void aParkedCommandIsListedAsDeadAndRetriedByItsId() {
        clerk.faults().statusWindow(503, Duration.ofSeconds(120));
        String key = key("okta");
        publisher.structured(RegistryEvents.upserted(samlSpec(key, 1, domain("acme"))));
        awaitStatus(key, "FAILED");

        long id = given().queryParam("status", "DEAD").queryParam("connectionKey", key).get("/api/commands").then()
                .statusCode(200).body("items", hasSize(1)).body("items[0].lastError", startsWith("parked after"))
                .extract().jsonPath().getLong("items[0].id");
        clerk.clearFaults();

        given().queryParam("reason", "Clerk is back").post("/api/commands/" + id + "/retry").then().statusCode(200)
                .body("outcome", equalTo("REQUEUED"));

        awaitStatus(key, "SYNCED");
        assertEquals("DONE", TestDatabase.value("select status from sync_command where id = ?", id));
        given().queryParam("operation", "command.retry").get("/api/audit").then().statusCode(200)
                .body("items[0].target", equalTo(String.valueOf(id))).body("items[0].reason", equalTo("Clerk is back"))
                .body("items[0].details.outcome", equalTo("REQUEUED"));
    }
}
