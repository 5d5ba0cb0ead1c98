package io.ssosync.reconcile;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ssosync.testing.ApiTokens;
import io.ssosync.testing.PipelineTest;
import io.ssosync.testing.RegistryEvents;
import io.ssosync.testing.SyncStack;
import io.ssosync.testing.TestDatabase;
import io.ssosync.testing.clerksim.Flavour;
import io.ssosync.testing.clerksim.SampleCertificates;
import io.ssosync.testing.clerksim.StoredConnection;
import jakarta.inject.Inject;

/**
 * Reconcile against a Clerk changed behind our back: a connection deleted, one edited, one made on our domain
 * by someone else. The plan finds each and changes nothing; apply repairs ours and leaves the orphan alone
 * unless told to adopt it; nothing sso-sync did not create is ever deleted.
 */
@QuarkusTest
@WithTestResource(SyncStack.class)
class ReconcileTest extends PipelineTest {

    @Inject
    ReconcileSchedule schedule;

    @Test
    void planFindsTheDifferencesAndApplyRepairsOursButNotTheOrphanUntilAdopted() {
        String deleted = key("deleted");
        String edited = key("edited");
        String intact = key("intact");
        publisher.structured(RegistryEvents.upserted(samlSpec(deleted, 1, domain("gone"))));
        publisher.structured(RegistryEvents.upserted(samlSpec(edited, 1, domain("edited"))));
        publisher.structured(RegistryEvents.upserted(oidcSpec(intact, 1, domain("intact"))));
        String deletedId = (String) awaitStatus(deleted, "SYNCED").get("clerk_connection_id");
        String editedId = (String) awaitStatus(edited, "SYNCED").get("clerk_connection_id");
        awaitStatus(intact, "SYNCED");
        String name = clerk.connection(editedId).orElseThrow().name();

        clerk.remove(deletedId);
        clerk.edit(editedId, "{\"name\": \"Edited in the dashboard\", \"saml\": {\"force_authn\": true}}");
        // Someone else's connection on the domain the deleted one had, and one on nobody's domain of ours.
        StoredConnection orphan = clerk.seed(Flavour.ENTERPRISE, body("Made by hand", domain("gone")));
        StoredConnection foreign = clerk.seed(Flavour.ENTERPRISE, body("Not ours", "elsewhere-" + tenant
                .replace('_', '-') + ".example.org"));
        clerk.clearRequestLog();

        var plan = given().queryParam("mode", "plan").post("/api/reconcile").then().statusCode(200)
                .body("mode", equalTo("plan"))
                .body("missing.connectionKey", contains(deleted))
                .body("drifted", hasSize(1))
                .body("drifted[0].connectionKey", equalTo(edited))
                .body("drifted[0].clerkConnectionId", equalTo(editedId))
                .body("drifted[0].fields", contains("name", "saml.force_authn"))
                .body("orphans.clerkConnectionId", contains(orphan.id()))
                .body("orphans[0].domains", contains(domain("gone")))
                .body("queued", equalTo(0)).extract().jsonPath();
        // A plan only reads.
        assertEquals(clerk.requests().size(), clerk.requestCount("GET", "/enterprise_connections"));
        assertEquals("Edited in the dashboard", clerk.connection(editedId).orElseThrow().name());
        given().get("/api/reconcile/last").then().statusCode(200).body("runId", equalTo(plan.getInt("runId")));
        given().get("/api/connections/" + edited + "/history").then().statusCode(200)
                .body("find { it.outcome == 'DRIFTED' }.clerkErrorMessage",
                        equalTo("differs in [name, saml.force_authn]"));

        given().queryParam("mode", "apply").post("/api/reconcile").then().statusCode(200)
                .body("missing.connectionKey", contains(deleted)).body("queued", equalTo(2))
                .body("adopted", empty());
        await().atMost(TIMEOUT).until(() -> name.equals(clerk.connection(editedId).orElseThrow().name()));
        assertEquals(false, clerk.connection(editedId).orElseThrow().response().path("saml_connection")
                .path("force_authn").asBoolean());
        // The deleted one cannot come back while the orphan holds its domain: Clerk refuses it.
        awaitStatus(deleted, "FAILED");
        assertTrue(clerk.connection(orphan.id()).isPresent());
        assertEquals("Made by hand", clerk.connection(orphan.id()).orElseThrow().name());

        given().queryParam("mode", "apply").queryParam("adoptOrphans", "true").queryParam("reason", "INC-7")
                .post("/api/reconcile").then().statusCode(200)
                .body("adopted.clerkConnectionId", contains(orphan.id()))
                .body("adopted.connectionKey", contains(deleted));
        awaitStatus(deleted, "SYNCED");
        assertEquals(orphan.id(), state(deleted).get("clerk_connection_id"));
        // Adopted, it now carries our desired state: both connections were made from one spec template.
        assertEquals(name, clerk.connection(orphan.id()).orElseThrow().name());
        assertTrue(clerk.connection(foreign.id()).isPresent());
        assertEquals(0, clerk.requestCount("DELETE", null));
        given().queryParam("mode", "plan").post("/api/reconcile").then().statusCode(200)
                .body("missing", empty()).body("drifted", empty()).body("orphans", empty());
        given().queryParam("operation", "reconcile.apply").get("/api/audit").then().statusCode(200)
                .body("items", hasSize(2)).body("items[0].actor", equalTo(ApiTokens.actor(ApiTokens.AUDITOR_OPERATOR)))
                .body("items[0].reason", equalTo("INC-7"))
                .body("items[0].details.adopted", equalTo(1)).body("items[0].details.adoptOrphans", equalTo(true));
    }

    @Test
    void aBadModeIsRefusedAndAdoptingNeedsApply() {
        given().queryParam("mode", "fix").post("/api/reconcile").then().statusCode(400)
                .body("parameter", equalTo("mode"));
        given().queryParam("mode", "plan").queryParam("adoptOrphans", "true").post("/api/reconcile").then()
                .statusCode(400).body("parameter", equalTo("adoptOrphans"));
    }

    @Test
    void theScheduledPlanRecordsDriftInTheHistoryOncePerInterval() {
        String key = key("okta");
        publisher.structured(RegistryEvents.upserted(samlSpec(key, 1, domain("acme"))));
        String clerkId = (String) awaitStatus(key, "SYNCED").get("clerk_connection_id");
        clerk.edit(clerkId, "{\"name\": \"Edited in the dashboard\"}");

        schedule.tick(Duration.ofHours(1));
        schedule.tick(Duration.ofHours(1));

        assertEquals(1, TestDatabase.count("select count(*) from reconcile_run where actor = ?", ReconcileSchedule.ACTOR));
        List<Object> drift = TestDatabase.rows("select clerk_error_message from sync_history where connection_key = ?"
                + " and outcome = 'DRIFTED'", key).stream().map(row -> row.get("clerk_error_message")).toList();
        assertEquals(List.of("differs in [name]"), drift);
        // A plan repairs nothing.
        assertEquals("Edited in the dashboard", clerk.connection(clerkId).orElseThrow().name());
    }

    private static String body(String name, String domain) {
        return """
                {"name":"%s","provider":"saml_okta","domains":["%s"],"active":true,
                 "saml":{"idp_entity_id":"http://www.okta.com/exk9","idp_sso_url":"https://other.okta.com/app/sso/saml",
                         "idp_certificate":%s}}
                """.formatted(name, domain, RegistryEvents.JSON.valueToTree(SampleCertificates.IDP_1));
    }
}
