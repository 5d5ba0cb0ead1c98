package io.ssosync.sync;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ssosync.testing.ConnectionSpecs;
import io.ssosync.testing.PipelineTest;
import io.ssosync.testing.RegistryEvents;
import io.ssosync.testing.SyncStack;
import io.ssosync.testing.TestDatabase;
import io.ssosync.testing.clerksim.StoredConnection;

/** OIDC connections on the enterprise API; the client secret reaches Clerk and nothing else. */
@QuarkusTest
@WithTestResource(SyncStack.class)
class EnterpriseOidcSyncTest extends PipelineTest {

    @Test
    void createsAndUpdatesAnOidcConnection() {
        String key = key("entra");
        ObjectNode v1 = oidcSpec(key, 1, domain("acme"));
        publisher.structured(RegistryEvents.upserted(v1));
        String clerkId = (String) awaitStatus(key, "SYNCED").get("clerk_connection_id");

        StoredConnection stored = clerk.connection(clerkId).orElseThrow();
        assertEquals("oidc_custom", stored.response().get("provider").asText());
        assertEquals("client-123", stored.stored().at("/oidc/client_id").asText());
        assertEquals(ConnectionSpecs.OIDC_CLIENT_SECRET, stored.stored().at("/oidc/client_secret").asText());
        assertEquals("https://login.acme.test/.well-known/openid-configuration",
                stored.stored().at("/oidc/discovery_url").asText());
        clerk.clearRequestLog();

        ObjectNode v2 = RegistryEvents.at(v1, 2);
        ((ObjectNode) v2.get("oidc")).put("clientSecret", "ROTATED-SECRET");
        RegistryEvents.Event rotate = RegistryEvents.upserted(v2);
        publisher.structured(rotate);

        assertEquals("CHANGED", awaitSettled(rotate));
        assertEquals(json("{\"oidc\":{\"client_secret\":\"ROTATED-SECRET\"}}"),
                json(clerk.requests().get(0).requestBody()));
        assertEquals(1, clerk.requests().size());
    }

    @Test
    void secretsNeverReachTheAuditTrailOrTheApi() {
        String key = key("entra");
        publisher.structured(RegistryEvents.upserted(oidcSpec(key, 1, domain("acme"))));
        awaitStatus(key, "SYNCED");

        String history = TestDatabase.rows("select * from sync_history where connection_key = ?", key).toString();
        String apiState = given().get("/api/connections/" + key).then().statusCode(200).extract().asString();
        String apiHistory = given().get("/api/connections/" + key + "/history").then().statusCode(200).extract()
                .asString();

        assertTrue(history.contains("[redacted]"));
        for (String shown : new String[] {history, apiState, apiHistory}) {
            assertFalse(shown.contains(ConnectionSpecs.OIDC_CLIENT_SECRET), shown);
        }
    }
}
