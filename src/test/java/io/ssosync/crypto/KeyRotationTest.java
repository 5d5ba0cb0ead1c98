package io.ssosync.crypto;

import static io.restassured.RestAssured.given;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.ssosync.sync.domain.ConnectionSpec;
import io.ssosync.sync.domain.OidcSettings;
import io.ssosync.sync.domain.Specs;
import io.ssosync.sync.store.SpecJson;
import io.ssosync.testing.ConnectionSpecs;
import io.ssosync.testing.PipelineTest;
import io.ssosync.testing.RegistryEvents;
import io.ssosync.testing.SyncStack;
import io.ssosync.testing.TestDatabase;
import io.ssosync.testing.TestKeys;

/**
 * Rotation as the README describes it: with a new key put first, re-encryption moves every stored value (those
 * sealed under the old key, and those kept in clear from before encryption) to the new key while events flow;
 * the key usage then shows the old key unused, and everything opens with the new key alone.
 */
@QuarkusTest
@TestProfile(RotatedKeysProfile.class)
@WithTestResource(SyncStack.class)
class KeyRotationTest extends PipelineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OLD_SECRET = "sealed-under-the-old-key-31c9";
    private static final String CLEAR_SECRET = "kept-in-clear-before-encryption-77a0";

    @Test
    void reEncryptionWhileEventsFlowLeavesTheOldKeyUnusedAndEverythingOpensWithTheNewOne() throws Exception {
        String seeded = key("seeded");
        ConnectionSpec spec = Specs.oidc(tenant, seeded, 1, domain("seeded"));
        OidcSettings oidc = spec.oidc();
        spec = spec.withIdpSettings(null,
                new OidcSettings(oidc.discoveryUrl(), oidc.authUrl(), oidc.tokenUrl(), oidc.userInfoUrl(),
                        oidc.clientId(), OLD_SECRET, oidc.requiresPkce()));
        String sealedUnderOldKey = new SpecJson(JSON, TestKeys.box()).write(spec);
        TestDatabase.execute("insert into connection_state (connection_key, tenant_id, desired_version, desired_spec,"
                + " applied_version, applied_spec, status) values ('" + seeded + "', '" + tenant + "', 1, '"
                + sealedUnderOldKey + "', 1, '" + sealedUnderOldKey + "', 'SYNCED')");
        TestDatabase.execute("insert into rejected_event (reason, raw_value, raw_headers, kafka_topic, kafka_partition,"
                + " kafka_offset) values ('data is missing', convert_to('{\"clientSecret\":\"" + CLEAR_SECRET
                + "\"}', 'UTF8'), '{\"ce_id\":\"x\"}', 'rotation', 0, 0)");
        given().get("/api/encryption/keys").then().statusCode(200)
                .body("currentKey", equalTo("test-k2"))
                .body("values.'test-k1'", equalTo(2))
                .body("values.'(clear)'", equalTo(2));

        List<String> flowing = List.of(key("a"), key("b"), key("c"), key("d"), key("e"), key("f"));
        CompletableFuture<Void> events = CompletableFuture.runAsync(() -> {
            for (long version = 1; version <= 3; version++) {
                for (String connection : flowing) {
                    publisher.structured(RegistryEvents.upserted(ConnectionSpecs.oidc(tenant, connection)
                            .domains(domain(connection.substring(connection.length() - 1))).version(version).build()));
                }
            }
        });
        String answer = given().post("/api/encryption/re-encrypt?reason=rotation drill").then().statusCode(200)
                .extract().asString();
        events.get();
        for (String connection : flowing) {
            await().atMost(TIMEOUT).until(() -> Long.valueOf(3).equals(TestDatabase.value(
                    "select applied_version from connection_state where connection_key = ? and status = 'SYNCED'",
                    connection)));
        }

        JsonPath result = JsonPath.from(answer);
        assertTrue(result.getLong("resealed") >= 3, answer);
        JsonPath usage = JsonPath.from(given().get("/api/encryption/keys").then().statusCode(200).extract().asString());
        assertEquals(0, usage.getInt("values.'test-k1'"), usage.prettify());
        assertEquals(0, usage.getInt("values.'(clear)'"), usage.prettify());
        assertEquals(List.of("test-k1"), usage.getList("unusedKeys"));
        assertEquals(1L, TestDatabase.count("select count(*) from operator_action where action = 'encryption.re-encrypt'"
                + " and reason = 'rotation drill' and actor is not null"));

        // The old key removed: every stored value opens with the new key alone.
        SecretBox newKeyOnly = new SecretBox(EncryptionKeys.parse(RotatedKeysProfile.NEW_KEY));
        SpecJson specs = new SpecJson(JSON, newKeyOnly);
        assertEquals(OLD_SECRET, specs.read((String) TestDatabase.value(
                "select applied_spec::text from connection_state where connection_key = ?", seeded)).oidc().clientSecret());
        for (Map<String, Object> row : TestDatabase.rows("select desired_spec::text as d, applied_spec::text as a"
                + " from connection_state")) {
            specs.read((String) row.get("d"));
            specs.read((String) row.get("a"));
        }
        for (Map<String, Object> row : TestDatabase.rows("select target_spec::text as t from sync_command")) {
            specs.read((String) row.get("t"));
        }
        Map<String, Object> rejected = TestDatabase.rows("select raw_value, raw_headers::text as h, sealed_with from"
                + " rejected_event where kafka_topic = 'rotation'").get(0);
        assertEquals("test-k2", rejected.get("sealed_with"));
        String raw = new String(newKeyOnly.openBytes(new String((byte[]) rejected.get("raw_value"), UTF_8),
                "rejected_event.raw_value"), UTF_8);
        assertTrue(raw.contains(CLEAR_SECRET));
        assertFalse(new String((byte[]) rejected.get("raw_value"), UTF_8).contains(CLEAR_SECRET));
        JsonNode headers = JSON.readTree(newKeyOnly.open(JSON.readValue((String) rejected.get("h"), String.class),
                "rejected_event.raw_headers"));
        assertEquals("x", headers.get("ce_id").asText());
        given().get("/api/connections/" + seeded).then().statusCode(200);
    }
}
