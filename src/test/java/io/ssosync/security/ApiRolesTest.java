package io.ssosync.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.ssosync.testing.ApiTokens;
import io.ssosync.testing.RegistryEvents;
import io.ssosync.testing.SyncStack;
import io.ssosync.testing.TestDatabase;

/** Every API call with no token, wrong tokens and each role's token, over real HTTP: 401, 403 or 2xx. */
@QuarkusTest
@WithTestResource(SyncStack.class)
class ApiRolesTest {

    private static final String KEY = "idp_roles";
    private static final String TENANT = "t_roles";
    private static final Set<String> EVERY_ROLE = Set.of(Roles.VIEWER, Roles.AUDITOR, Roles.OPERATOR);

    /** Each call and the roles that may make it. */
    enum Call {
        LIST_CONNECTIONS("GET", "/api/connections", EVERY_ROLE),
        GET_CONNECTION("GET", "/api/connections/" + KEY, EVERY_ROLE),
        HISTORY("GET", "/api/connections/" + KEY + "/history", Set.of(Roles.AUDITOR)),
        RETRY("POST", "/api/connections/" + KEY + "/retry", Set.of(Roles.OPERATOR)),
        LIST_REJECTED("GET", "/api/rejected-events", EVERY_ROLE),
        GET_REJECTED("GET", "/api/rejected-events/{id}", EVERY_ROLE),
        AUDIT("GET", "/api/audit", Set.of(Roles.AUDITOR)),
        AUDIT_VERIFY("GET", "/api/audit/verify", Set.of(Roles.AUDITOR)),
        REPLAY("POST", "/api/rejected-events/{id}/replay", Set.of(Roles.OPERATOR)),
        ENCRYPTION_KEYS("GET", "/api/encryption/keys", Set.of(Roles.AUDITOR, Roles.OPERATOR)),
        RE_ENCRYPT("POST", "/api/encryption/re-encrypt", Set.of(Roles.OPERATOR)),
        LIST_COMMANDS("GET", "/api/commands", EVERY_ROLE),
        // An unknown command: a 404 shows the call got past the role check.
        RETRY_COMMAND("POST", "/api/commands/999999/retry", Set.of(Roles.OPERATOR), 404),
        RESYNC("POST", "/api/connections/" + KEY + "/resync", Set.of(Roles.OPERATOR)),
        RESYNC_TENANT("POST", "/api/tenants/" + TENANT + "/resync", Set.of(Roles.OPERATOR)),
        DISPATCH_STATE("GET", "/api/dispatch", EVERY_ROLE),
        PAUSE("POST", "/api/dispatch/pause", Set.of(Roles.OPERATOR)),
        RESUME("POST", "/api/dispatch/resume", Set.of(Roles.OPERATOR)),
        RECONCILE("POST", "/api/reconcile", Set.of(Roles.OPERATOR)),
        LAST_RECONCILE("GET", "/api/reconcile/last", EVERY_ROLE);

        final String method;
        final String path;
        final Set<String> roles;
        final int allowed;

        Call(String method, String path, Set<String> roles) {
            this(method, path, roles, 200);
        }

        Call(String method, String path, Set<String> roles, int allowed) {
            this.method = method;
            this.path = path;
            this.roles = roles;
            this.allowed = allowed;
        }
    }

    private static final Map<String, Set<String>> ROLES_OF_TOKEN = Map.of(
            ApiTokens.VIEWER, Set.of(Roles.VIEWER),
            ApiTokens.AUDITOR, Set.of(Roles.AUDITOR),
            ApiTokens.OPERATOR, Set.of(Roles.OPERATOR),
            ApiTokens.AUDITOR_OPERATOR, Set.of(Roles.AUDITOR, Roles.OPERATOR),
            ApiTokens.HASHED_VIEWER, Set.of(Roles.VIEWER));

    private long rejectedId;

    @BeforeEach
    void seed() {
        TestDatabase.clean();
        TestDatabase.execute("insert into connection_state (connection_key, tenant_id, desired_version, status)"
                + " values ('" + KEY + "', '" + TENANT + "', 1, 'SYNCED')");
        rejectedId = ((Number) TestDatabase.value("insert into rejected_event (reason, raw_value, raw_headers,"
                + " kafka_topic, kafka_partition, kafka_offset, dead_letter_status)"
                + " values ('data is missing', convert_to('{}', 'UTF8'), '{}', 'roles', 0, 0, 'COPIED') returning id"))
                .longValue();
        TestDatabase.execute("insert into reconcile_run (actor, mode, missing, drifted, orphans, queued, plan) values"
                + " ('test', 'plan', 0, 0, 0, 0, '{\"runId\": 1, \"mode\": \"plan\", \"missing\": [],"
                + " \"drifted\": [], \"orphans\": [], \"adopted\": [], \"queued\": 0}')");
    }

    static Stream<Arguments> everyCallWithEveryToken() {
        List<Arguments> cases = new ArrayList<>();
        for (Call call : Call.values()) {
            ROLES_OF_TOKEN.forEach((token, roles) -> cases.add(Arguments.of(call, token,
                    roles.stream().anyMatch(call.roles::contains) ? call.allowed : 403)));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} with {1}: {2}")
    @MethodSource("everyCallWithEveryToken")
    void eachRoleMakesOnlyItsCalls(Call call, String token, int expected) {
        assertEquals(expected, send(call, given().header("Authorization", ApiTokens.bearer(token))).statusCode());
    }

    static Stream<Arguments> everyCallWithoutValidCredentials() {
        List<Arguments> cases = new ArrayList<>();
        for (Call call : Call.values()) {
            cases.add(Arguments.of(call, "no Authorization header", null));
            cases.add(Arguments.of(call, "a token nobody was given", "Bearer not-a-configured-token"));
            cases.add(Arguments.of(call, "an empty bearer", "Bearer "));
            cases.add(Arguments.of(call, "a token in another scheme", "Basic " + ApiTokens.AUDITOR_OPERATOR));
            // The digest in the settings is not itself a token.
            cases.add(Arguments.of(call, "the configured digest", "Bearer " + sha256(ApiTokens.HASHED_VIEWER)));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} with {1}: 401")
    @MethodSource("everyCallWithoutValidCredentials")
    void withoutValidCredentialsEveryCallIs401(Call call, String description, String authorization) {
        RequestSpecification request = authorization == null ? given() : given().header("Authorization", authorization);
        Response response = send(call, request);
        assertEquals(401, response.statusCode(), description);
        assertEquals("Bearer", response.header("WWW-Authenticate"));
    }

    @Test
    void healthAndMetricsStayOpen() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
        // Prometheus scrapes without credentials; README "Threat model" says what the metrics show.
        given().get("/q/metrics").then().statusCode(200);
    }

    @Test
    void retryAndReplayRecordWhoMadeThemButNeverTheToken() {
        given().header("Authorization", ApiTokens.bearer(ApiTokens.OPERATOR)).queryParam("reason", "IdP fixed")
                .post("/api/connections/" + KEY + "/retry").then().statusCode(200).body("requeued", equalTo(0));
        given().header("Authorization", ApiTokens.bearer(ApiTokens.AUDITOR_OPERATOR))
                .post("/api/rejected-events/" + rejectedId + "/replay").then().statusCode(422);

        List<Map<String, Object>> actions = TestDatabase.rows("select actor, action, target_type, target,"
                + " connection_key, reason, details::text as details from operator_action order by id");
        assertEquals(2, actions.size());
        String operator = "token:" + sha256(ApiTokens.OPERATOR).substring(0, 12);
        assertEquals(Map.of("actor", operator, "action", "connection.retry", "target_type", "connection",
                "target", KEY, "connection_key", KEY, "reason", "IdP fixed", "details", "{\"requeued\": 0}"),
                actions.get(0));
        Map<String, Object> replay = actions.get(1);
        assertEquals("token:" + sha256(ApiTokens.AUDITOR_OPERATOR).substring(0, 12), replay.get("actor"));
        assertEquals("rejected-event.replay", replay.get("action"));
        assertEquals(String.valueOf(rejectedId), replay.get("target"));
        assertEquals(null, replay.get("reason"));
        assertEquals("{\"outcome\": \"REJECTED\", \"corrected\": false}", replay.get("details"));
        assertFalse(actions.toString().contains("test-"), "a token was recorded: " + actions);
    }

    private Response send(Call call, RequestSpecification request) {
        String path = call.path.replace("{id}", String.valueOf(rejectedId));
        if (call == Call.REPLAY) {
            // A corrected envelope that intake accepts, so that an operator gets a 2xx.
            request = request.contentType("application/cloudevents+json").body(RegistryEvents.ofType("test.marker",
                    TENANT, RegistryEvents.JSON.createObjectNode().put("tenantId", TENANT)).cloudEvent().structuredValue());
        }
        return "GET".equals(call.method) ? request.get(path) : request.post(path);
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
