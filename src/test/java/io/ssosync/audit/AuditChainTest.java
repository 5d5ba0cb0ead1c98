package io.ssosync.audit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/**
 * The hash chain over what the running service wrote (attempts and an operator action): intact as written, and
 * the first broken link named after a row is altered or removed behind the service's back.
 */
@QuarkusTest
@WithTestResource(SyncStack.class)
class AuditChainTest extends PipelineTest {

    @Test
    void rowsTheServiceWroteVerifyAndAnAlteredOrRemovedRowIsNamed() {
        // A row from before the chain existed carries no hash; the walk starts after it.
        TestDatabase.execute("insert into sync_history (connection_key, tenant_id, operation, outcome)"
                + " values ('idp_before', 't_before', 'CREATE', 'SUCCEEDED')");
        for (String name : List.of("a", "b", "c")) {
            publisher.structured(RegistryEvents.upserted(ConnectionSpecs.oidc(tenant, key(name)).domains(domain(name))
                    .build()));
        }
        for (String name : List.of("a", "b", "c")) {
            awaitStatus(key(name), "SYNCED");
        }
        given().post("/api/connections/" + key("b") + "/retry?reason=drill").then().statusCode(200);
        long rows = TestDatabase.count("select count(*) from audit_trail where hash is not null");
        assertTrue(rows >= 4, "three attempts and an action: " + rows);
        assertEquals(rows + 1, TestDatabase.count("select count(*) from audit_trail"));

        JsonPath intact = verify();
        assertTrue(intact.getBoolean("intact"));
        assertEquals(rows, intact.getLong("checked"));
        assertNull(intact.get("firstBrokenId"));

        long second = (Long) TestDatabase.value("select id from audit_trail where hash is not null order by id"
                + " offset 1 limit 1");
        behindTheServicesBack("update sync_history set outcome = 'FAILED' where audit_id = " + second);
        JsonPath altered = verify();
        assertFalse(altered.getBoolean("intact"));
        assertEquals(second, altered.getLong("firstBrokenId"));
        assertEquals(1, altered.getLong("checked"));

        behindTheServicesBack("update sync_history set outcome = 'SUCCEEDED' where audit_id = " + second);
        assertTrue(verify().getBoolean("intact"));
        behindTheServicesBack("delete from sync_history where audit_id = " + second);
        long next = (Long) TestDatabase.value("select min(id) from audit_trail where id > ?", second);
        assertEquals(next, verify().getLong("firstBrokenId"));
    }

    @Test
    void theAppendOnlyRuleStillRefusesEveryOtherChange() {
        publisher.structured(RegistryEvents.upserted(ConnectionSpecs.oidc(tenant, key("x")).domains(domain("x"))
                .build()));
        awaitStatus(key("x"), "SYNCED");
        long id = (Long) TestDatabase.value("select audit_id from sync_history order by audit_id limit 1");
        for (String change : List.of("update sync_history set outcome = 'FAILED' where audit_id = " + id,
                "update sync_history set hash = 'forged' where audit_id = " + id,
                "delete from sync_history where audit_id = " + id)) {
            IllegalStateException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> TestDatabase.execute(change), change);
            assertTrue(refused.getMessage().contains("append-only"), refused.getMessage());
        }
    }

    private static JsonPath verify() {
        return given().get("/api/audit/verify").then().statusCode(200).extract().jsonPath();
    }

    /** What someone with the table owner's rights could do: switch the append-only trigger off for a moment. */
    private static void behindTheServicesBack(String sql) {
        TestDatabase.execute("begin; alter table sync_history disable trigger sync_history_append_only; " + sql
                + "; alter table sync_history enable trigger sync_history_append_only; commit");
    }
}
