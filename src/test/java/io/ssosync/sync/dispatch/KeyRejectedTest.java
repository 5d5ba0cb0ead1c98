package io.ssosync.sync.dispatch;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ssosync.testing.PipelineTest;
import io.ssosync.testing.RegistryEvents;
import io.ssosync.testing.SyncStack;
import io.ssosync.testing.TestDatabase;

/** Clerk answers 401: the key is wrong, no retry can fix it, so dispatch stops and the service is not ready. */
@QuarkusTest
@WithTestResource(SyncStack.class)
class KeyRejectedTest extends PipelineTest {

    @Test
    void rejectedKeyStopsDispatchKeepsTheCommandAndReportsNotReady() {
        clerk.faults().statusWindow(401, Duration.ofSeconds(5));
        String key = key("okta");
        publisher.structured(RegistryEvents.upserted(samlSpec(key, 1, domain("acme"))));

        await().atMost(TIMEOUT).until(() -> given().get("/q/health/ready").statusCode() == 503);
        given().get("/q/health/ready").then().body("checks.name", hasItem("clerk-secret-key"));
        assertEquals("PENDING", TestDatabase.value("select status from sync_command where connection_key = ?", key));
        long callsWhileRejected = clerk.requests().size();

        awaitStatus(key, "SYNCED");
        await().atMost(TIMEOUT).until(() -> given().get("/q/health/ready").statusCode() == 200);
        // While rejected, only the first call and the periodic key probes went out.
        org.junit.jupiter.api.Assertions.assertTrue(callsWhileRejected <= 8, callsWhileRejected + " calls");
    }
}
