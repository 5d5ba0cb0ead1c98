package io.ssosync.operator;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.ssosync.testing.ApiTokens;
import io.ssosync.testing.PipelineTest;
import io.ssosync.testing.RegistryEvents;
import io.ssosync.testing.SyncStack;
import io.ssosync.testing.TestDatabase;
import io.ssosync.testing.clerksim.RecordedRequest;

/** Each operator action through the API, what it does to the pipeline, and its audit row naming the caller. */
@QuarkusTest
@WithTestResource(SyncStack.class)
class OperatorActionsTest extends PipelineTest {

    private static final String ACTOR = ApiTokens.actor(ApiTokens.AUDITOR_OPERATOR);

    @AfterEach
    void resumeDispatch() {
        RestAssured.requestSpecification = ApiTokens.everything();
        given().post("/api/dispatch/resume").then().statusCode(200);
    }

    @Test
    void pauseHoldsEveryCallUntilResumedAndShowsInReadiness() {
        given().queryParam("reason", "Clerk maintenance").post("/api/dispatch/pause").then().statusCode(200)
                .body("paused", equalTo(true)).body("changedBy", equalTo(ACTOR))
                .body("reason", equalTo("Clerk maintenance"));
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'dispatch' }.data.paused", equalTo(true))
                .body("checks.find { it.name == 'dispatch' }.data.pausedBy", equalTo(ACTOR))
                .body("checks.find { it.name == 'dispatch' }.data.reason", equalTo("Clerk maintenance"));

        String key = key("okta");
        publisher.structured(RegistryEvents.upserted(samlSpec(key, 1, domain("acme"))));
        await().atMost(TIMEOUT).until(() -> TestDatabase.count("select count(*) from sync_command"
                + " where connection_key = ?", key) == 1);
        // Taken in and queued, but nothing goes to Clerk while paused.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> clerk.requestCount("POST", "/enterprise_connections") == 0);
        given().queryParam("status", "PENDING").queryParam("connectionKey", key).get("/api/commands").then()
                .statusCode(200).body("items", hasSize(1)).body("items[0].operation", equalTo("CREATE"))
                .body("items[0].status", equalTo("PENDING"));
        assertEquals("PENDING", state(key).get("status"));

        given().queryParam("reason", "maintenance over").post("/api/dispatch/resume").then().statusCode(200)
                .body("paused", equalTo(false));
        awaitStatus(key, "SYNCED");
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'dispatch' }.data.paused", equalTo(false));
        given().queryParam("operation", "dispatch.pause").get("/api/audit").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].actor", equalTo(ACTOR))
                .body("items[0].reason", equalTo("Clerk maintenance"));
        given().queryParam("operation", "dispatch.resume").get("/api/audit").then().statusCode(200)
                .body("items[0].actor", equalTo(ACTOR)).body("items[0].reason", equalTo("maintenance over"));
    }

    @Test
    void aFailedCommandIsListedAndRetriedOnceItsCauseIsFixed() {
        String first = key("first");
        publisher.structured(RegistryEvents.upserted(samlSpec(first, 1, domain("shared"))));
        String firstId = (String) awaitStatus(first, "SYNCED").get("clerk_connection_id");
        // Clerk holds each domain once: the second connection is refused.
        String clash = key("clash");
        publisher.structured(RegistryEvents.upserted(samlSpec(clash, 1, domain("shared"))));
        awaitStatus(clash, "FAILED");

        var failed = given().queryParam("status", "FAILED").queryParam("tenantId", tenant).get("/api/commands")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].connectionKey", equalTo(clash))
                .body("items[0].lastError", containsString("422")).extract().jsonPath();
        long commandId = failed.getLong("items[0].id");
        given().queryParam("status", "DONE").queryParam("tenantId", tenant).get("/api/commands").then()
                .statusCode(200).body("items.connectionKey", contains(first));

        // The domain is freed in Clerk: the same command now goes through.
        clerk.remove(firstId);
        given().queryParam("reason", "freed the domain").post("/api/commands/" + commandId + "/retry").then()
                .statusCode(200).body("outcome", equalTo("REQUEUED")).body("connectionKey", equalTo(clash));
        awaitStatus(clash, "SYNCED");
        given().queryParam("operation", "command.retry").get("/api/audit").then().statusCode(200)
                .body("items[0].actor", equalTo(ACTOR)).body("items[0].connectionKey", equalTo(clash))
                .body("items[0].tenantId", equalTo(tenant)).body("items[0].reason", equalTo("freed the domain"))
                .body("items[0].target", equalTo(String.valueOf(commandId)));

        given().post("/api/commands/" + commandId + "/retry").then().statusCode(409)
                .body("status", equalTo("DONE"));
        given().post("/api/commands/999999999/retry").then().statusCode(404);
    }

    @Test
    void aFailedCommandOvertakenByALaterOneIsNotResent() {
        String first = key("first");
        publisher.structured(RegistryEvents.upserted(samlSpec(first, 1, domain("shared"))));
        awaitStatus(first, "SYNCED");
        String clash = key("clash");
        ObjectNode v1 = samlSpec(clash, 1, domain("shared"));
        publisher.structured(RegistryEvents.upserted(v1));
        awaitStatus(clash, "FAILED");
        long older = ((Number) TestDatabase.value("select id from sync_command where connection_key = ?", clash))
                .longValue();
        ObjectNode renamed = RegistryEvents.at(v1, 2);
        renamed.put("name", "Renamed");
        RegistryEvents.Event v2 = RegistryEvents.upserted(renamed);
        publisher.structured(v2);
        awaitSettled(v2);

        given().post("/api/commands/" + older + "/retry").then().statusCode(409)
                .body("detail", containsString("resync the connection"));
    }

    @Test
    void resyncReadsClerkAndReappliesWhatWasChangedBehindOurBack() {
        String key = key("okta");
        publisher.structured(RegistryEvents.upserted(samlSpec(key, 1, domain("acme"))));
        String clerkId = (String) awaitStatus(key, "SYNCED").get("clerk_connection_id");
        String name = clerk.connection(clerkId).orElseThrow().name();
        clerk.edit(clerkId, "{\"name\": \"Tampered\"}");
        clerk.clearRequestLog();

        given().queryParam("reason", "support ticket 42").post("/api/connections/" + key + "/resync").then()
                .statusCode(200).body("queued", equalTo(1));

        await().atMost(TIMEOUT).until(() -> name.equals(clerk.connection(clerkId).orElseThrow().name()));
        awaitStatus(key, "SYNCED");
        List<RecordedRequest> calls = clerk.requests();
        assertEquals(List.of("GET", "PATCH"), calls.stream().map(RecordedRequest::method).toList());
        assertTrue(calls.get(0).path().endsWith("/enterprise_connections/" + clerkId), calls.get(0).path());
        // The name differed; the certificate cannot be read back, so it is sent again too.
        ObjectNode patch = (ObjectNode) json(calls.get(1).requestBody());
        assertEquals(name, patch.get("name").asText());
        assertTrue(patch.path("saml").has("idp_certificate"), patch.toString());
        given().get("/api/connections/" + key + "/history").then().statusCode(200)
                .body("outcome", hasItem("READ"))
                .body("find { it.outcome == 'READ' }.clerkErrorMessage", equalTo("differs in [name]"));
        given().queryParam("operation", "connection.resync").get("/api/audit").then().statusCode(200)
                .body("items[0].actor", equalTo(ACTOR)).body("items[0].reason", equalTo("support ticket 42"));
    }

    @Test
    void resyncCreatesAgainAConnectionClerkLost() {
        String key = key("okta");
        publisher.structured(RegistryEvents.upserted(samlSpec(key, 1, domain("acme"))));
        String clerkId = (String) awaitStatus(key, "SYNCED").get("clerk_connection_id");
        clerk.remove(clerkId);

        given().post("/api/connections/" + key + "/resync").then().statusCode(200).body("queued", equalTo(1));

        await().atMost(TIMEOUT).until(() -> clerk.connections().size() == 1);
        Map<String, Object> state = awaitStatus(key, "SYNCED");
        assertNotEquals(clerkId, state.get("clerk_connection_id"));
        assertEquals(state.get("clerk_connection_id"), clerk.connections().get(0).id());
        given().post("/api/connections/nope/resync").then().statusCode(404);
    }

    @Test
    void aTenantsResyncQueuesEachOfItsConnections() {
        String okta = key("okta");
        String entra = key("entra");
        publisher.structured(RegistryEvents.upserted(samlSpec(okta, 1, domain("acme"))));
        publisher.structured(RegistryEvents.upserted(oidcSpec(entra, 1, domain("acme-io"))));
        awaitStatus(okta, "SYNCED");
        awaitStatus(entra, "SYNCED");
        clerk.clearRequestLog();

        given().post("/api/tenants/" + tenant + "/resync").then().statusCode(200).body("queued", equalTo(2));

        await().atMost(TIMEOUT).until(() -> TestDatabase.count("select count(*) from sync_command where reread"
                + " and status = 'DONE' and tenant_id = ?", tenant) == 2);
        // Nothing drifted: each read is followed only by a resend of what Clerk never shows.
        assertEquals(2, clerk.requestCount("GET", "/enterprise_connections/"));
        given().queryParam("operation", "tenant.resync").queryParam("tenantId", tenant).get("/api/audit").then()
                .statusCode(200).body("items", hasSize(1)).body("items[0].actor", equalTo(ACTOR));
    }
}
