package io.ssosync.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.ssosync.testing.ApiTokens;
import io.ssosync.testing.SyncStack;
import io.ssosync.testing.TestDatabase;

/** The audit trail over HTTP: attempts and operator actions in one id order, filtered and paged. */
@QuarkusTest
@WithTestResource(SyncStack.class)
class AuditResourceTest {

    @BeforeEach
    void trail() {
        TestDatabase.clean();
        RestAssured.requestSpecification = ApiTokens.everything();
        TestDatabase.execute("insert into connection_state (connection_key, tenant_id, desired_version, status)"
                + " values ('idp_a', 't_a', 1, 'SYNCED')");
        // Ten attempts a day apart (2026-01-01 .. 2026-01-10), tenants alternating, then one retry by an operator.
        TestDatabase.execute("insert into sync_history (at, command_id, connection_key, tenant_id, operation, method,"
                + " path, request_body, http_status, outcome, duration_ms)"
                + " select timestamptz '2026-01-01T00:00:00Z' + (i - 1) * interval '1 day', i,"
                + "   case when i % 2 = 1 then 'idp_a' else 'idp_b' end, case when i % 2 = 1 then 't_a' else 't_b' end,"
                + "   case when i <= 2 then 'CREATE' else 'UPDATE' end, 'PATCH', '/v1/x', '{\"name\": \"n\"}', 200,"
                + "   case when i = 5 then 'FAILED' else 'SUCCEEDED' end, 12 from generate_series(1, 10) i");
        TestDatabase.execute("insert into operator_action (at, actor, action, target_type, target, connection_key,"
                + " reason, details, tenant_id) values ('2026-01-11T00:00:00Z', 'token:abc', 'connection.retry',"
                + " 'connection', 'idp_a', 'idp_a', 'IdP fixed', '{\"requeued\": 0}', 't_a')");
    }

    @AfterEach
    void noToken() {
        RestAssured.requestSpecification = null;
    }

    @Test
    void everyRowNewestFirstWithAttemptAndActionFields() {
        JsonPath page = given().get("/api/audit").then().statusCode(200).extract().jsonPath();

        assertEquals(List.of(11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1), page.getList("items.id"));
        assertEquals(null, (Object) page.get("nextCursor"));
        assertEquals("connection.retry", page.getString("items[0].operation"));
        assertEquals("token:abc", page.getString("items[0].actor"));
        assertEquals("t_a", page.getString("items[0].tenantId"));
        assertEquals("DONE", page.getString("items[0].outcome"));
        assertEquals(0, (int) page.get("items[0].details.requeued"));
        assertEquals("sso-sync", page.getString("items[1].actor"));
        assertEquals("2026-01-10T00:00:00Z", page.getString("items[1].at"));
        assertEquals(10, (int) page.get("items[1].commandId"));
        assertEquals("PATCH", page.getString("items[1].method"));
        assertEquals("n", page.getString("items[1].requestBody.name"));
        assertEquals(200, (int) page.get("items[1].httpStatus"));
    }

    @Test
    void filtersCombine() {
        given().queryParam("tenantId", "t_a").get("/api/audit").then().statusCode(200)
                .body("items.id", contains(11, 9, 7, 5, 3, 1));
        given().queryParam("connectionKey", "idp_b").queryParam("operation", "UPDATE").get("/api/audit").then()
                .body("items.id", contains(10, 8, 6, 4));
        given().queryParam("outcome", "FAILED").get("/api/audit").then().body("items.id", contains(5));
        given().queryParam("from", "2026-01-03T00:00:00Z").queryParam("to", "2026-01-05T00:00:00Z")
                .get("/api/audit").then().body("items.id", contains(4, 3));
    }

    @Test
    void cursorPagesWalkEveryRowOnce() {
        List<Integer> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().queryParam("limit", 4);
            if (cursor != null) {
                request = request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/audit").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id"));
            cursor = page.get("nextCursor");
            pages++;
        } while (cursor != null);

        assertEquals(List.of(11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1), seen);
        assertEquals(3, pages);
    }

    @Test
    void aBadParameterIs400NamingIt() {
        given().queryParam("from", "yesterday").get("/api/audit").then().statusCode(400)
                .body("parameter", equalTo("from"));
        given().queryParam("to", "2026-13-01").get("/api/audit").then().statusCode(400).body("parameter", equalTo("to"));
        given().queryParam("limit", 1001).get("/api/audit").then().statusCode(400).body("parameter", equalTo("limit"));
        given().queryParam("cursor", "bm9wZQ").get("/api/audit").then().statusCode(400)
                .body("parameter", equalTo("cursor"));
        given().queryParam("tenantId", "t_nobody").get("/api/audit").then().statusCode(200)
                .body("nextCursor", nullValue());
    }

    @Test
    void historyAndActionIdsAreDistinct() {
        List<Object> ids = TestDatabase.rows("select audit_id from sync_history intersect select audit_id"
                + " from operator_action").stream().map(row -> row.get("audit_id")).toList();
        assertFalse(ids.iterator().hasNext(), "an audit id is shared: " + ids);
    }
}
