package io.ssosync.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ssosync.testing.PipelineTest;
import io.ssosync.testing.RegistryEvents;
import io.ssosync.testing.SyncStack;

@QuarkusTest
@WithTestResource(SyncStack.class)
class ConnectionsResourceTest extends PipelineTest {

    @Test
    void unknownConnectionIs404() {
        given().get("/api/connections/nope").then().statusCode(404);
        given().get("/api/connections/nope/history").then().statusCode(404);
    }

    @Test
    void showsSyncStateByKeyAndByTenant() {
        String okta = key("okta");
        String entra = key("entra");
        publisher.structured(RegistryEvents.upserted(samlSpec(okta, 3, domain("acme"))));
        publisher.structured(RegistryEvents.upserted(oidcSpec(entra, 1, domain("acme-io"))));
        String clerkId = (String) awaitStatus(okta, "SYNCED").get("clerk_connection_id");
        awaitStatus(entra, "SYNCED");

        given().get("/api/connections/" + okta).then().statusCode(200)
                .body("connectionKey", equalTo(okta))
                .body("tenantId", equalTo(tenant))
                .body("clerkConnectionId", equalTo(clerkId))
                .body("clerkApi", equalTo("enterprise"))
                .body("status", equalTo("SYNCED"))
                .body("desiredVersion", equalTo(3))
                .body("appliedVersion", equalTo(3))
                .body("domains", contains(domain("acme")))
                .body("updatedAt", notNullValue());
        given().queryParam("tenantId", tenant).get("/api/connections").then().statusCode(200)
                .body("items.connectionKey", containsInAnyOrder(okta, entra))
                .body("nextCursor", nullValue());
        given().queryParam("tenantId", "t_nobody").get("/api/connections").then().statusCode(200)
                .body("items", hasSize(0));
        given().queryParam("tenantId", tenant).queryParam("status", "synced").get("/api/connections").then()
                .statusCode(200).body("items", hasSize(2));
        given().queryParam("tenantId", tenant).queryParam("status", "FAILED").get("/api/connections").then()
                .statusCode(200).body("items", hasSize(0));
    }

    @Test
    void aTenantsConnectionsComeAPageAtATimeUntilTheCursorIsNull() {
        List<String> keys = IntStream.rangeClosed(1, 5).mapToObj(i -> key("idp" + i)).sorted().toList();
        for (int i = 0; i < keys.size(); i++) {
            publisher.structured(RegistryEvents.upserted(oidcSpec(keys.get(i), 1, domain("d" + i))));
        }
        keys.forEach(key -> awaitStatus(key, "SYNCED"));

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var page = given().queryParam("tenantId", tenant).queryParam("limit", 2)
                    .queryParam("cursor", cursor == null ? "" : cursor)
                    .get("/api/connections").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.connectionKey", String.class));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null);

        assertEquals(keys, seen);
        assertEquals(3, pages);
    }

    @Test
    void aBadListingQueryIs400NamingTheParameter() {
        given().queryParam("limit", 0).get("/api/connections").then().statusCode(400)
                .body("parameter", equalTo("limit")).body("reason", containsString("between 1 and 1000"));
        given().queryParam("limit", 5000).get("/api/connections").then().statusCode(400)
                .body("parameter", equalTo("limit"));
        given().queryParam("cursor", "not-a-cursor").get("/api/connections").then().statusCode(400)
                .body("parameter", equalTo("cursor"));
        given().queryParam("status", "BROKEN").get("/api/connections").then().statusCode(400)
                .body("parameter", equalTo("status")).body("reason", containsString("SYNCED"));
    }

    @Test
    void historyListsAttemptsNewestFirst() {
        String key = key("okta");
        ObjectNode v1 = samlSpec(key, 1, domain("acme"));
        publisher.structured(RegistryEvents.upserted(v1));
        awaitStatus(key, "SYNCED");
        ObjectNode v2 = RegistryEvents.at(v1, 2);
        v2.put("name", "Renamed");
        RegistryEvents.Event rename = RegistryEvents.upserted(v2);
        publisher.structured(rename);
        awaitSettled(rename);

        given().get("/api/connections/" + key + "/history").then().statusCode(200)
                .body("method", contains("PATCH", "POST"))
                .body("[0].requestBody.name", equalTo("Renamed"))
                .body("[0].sourceEventId", equalTo(rename.id()))
                .body("[1].httpStatus", equalTo(201))
                .body("[1].requestBody.saml.idp_certificate", equalTo("[redacted]"));
    }
}
