package io.ssosync.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.ssosync.security.Roles;
import io.ssosync.testing.ApiTokens;
import io.ssosync.testing.SyncStack;
import io.ssosync.testing.TestDatabase;

/**
 * The console's roles and sessions over plain HTTP: each page and action with each role's bearer token, the
 * sign-in page for a person without credentials, the session cookie, CSRF refusal and sign-out.
 */
@QuarkusTest
@WithTestResource(SyncStack.class)
class ConsoleAccessTest {

    private static final String KEY = "idp_console";
    private static final Set<String> EVERY_ROLE = Set.of(Roles.VIEWER, Roles.AUDITOR, Roles.OPERATOR);
    private static final Map<String, Set<String>> ROLES_OF_TOKEN = Map.of(
            ApiTokens.VIEWER, Set.of(Roles.VIEWER),
            ApiTokens.AUDITOR, Set.of(Roles.AUDITOR),
            ApiTokens.OPERATOR, Set.of(Roles.OPERATOR),
            ApiTokens.HASHED_VIEWER, Set.of(Roles.VIEWER));

    /** Each console call, the roles that may make it, and its answer to them. */
    enum Call {
        HOME("GET", "/console", EVERY_ROLE, 303),
        CONNECTIONS("GET", "/console/connections", EVERY_ROLE, 200),
        CONNECTION("GET", "/console/connections/" + KEY, EVERY_ROLE, 200),
        COMMANDS("GET", "/console/commands", EVERY_ROLE, 200),
        REJECTED("GET", "/console/rejected-events", EVERY_ROLE, 200),
        RECONCILE_PAGE("GET", "/console/reconcile", EVERY_ROLE, 200),
        // An unknown command: a 404 shows the call got past the role check.
        RETRY_COMMAND("POST", "/console/commands/999999/retry", Set.of(Roles.OPERATOR), 404),
        REPLAY("POST", "/console/rejected-events/{id}/replay", Set.of(Roles.OPERATOR), 200),
        PAUSE("POST", "/console/dispatch/pause", Set.of(Roles.OPERATOR), 200),
        RESUME("POST", "/console/dispatch/resume", Set.of(Roles.OPERATOR), 200),
        RECONCILE("POST", "/console/reconcile", Set.of(Roles.OPERATOR), 200),
        SIGN_OUT("POST", "/console/sign-out", EVERY_ROLE, 303);

        final String method;
        final String path;
        final Set<String> roles;
        final int allowed;

        Call(String method, String path, Set<String> roles, int allowed) {
            this.method = method;
            this.path = path;
            this.roles = roles;
            this.allowed = allowed;
        }
    }

    private long rejectedId;

    @BeforeEach
    void seed() {
        TestDatabase.clean();
        TestDatabase.execute("insert into connection_state (connection_key, tenant_id, desired_version, status)"
                + " values ('" + KEY + "', 't_console', 1, 'SYNCED')");
        rejectedId = ((Number) TestDatabase.value("insert into rejected_event (reason, raw_value, raw_headers,"
                + " kafka_topic, kafka_partition, kafka_offset, dead_letter_status)"
                + " values ('data is missing', convert_to('{}', 'UTF8'), '{}', 'console', 0, 0, 'COPIED') returning id"))
                .longValue();
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
    void eachRoleMakesOnlyItsCallsWithABearerHeader(Call call, String token, int expected) {
        assertEquals(expected, send(call, given().header("Authorization", ApiTokens.bearer(token))).statusCode());
    }

    static Stream<Call> everyCall() {
        return Stream.of(Call.values());
    }

    @ParameterizedTest(name = "{0} without credentials: to the sign-in page")
    @MethodSource("everyCall")
    void aPersonWithoutCredentialsIsSentToSignIn(Call call) {
        Response response = send(call, given());
        assertEquals(303, response.statusCode());
        assertEquals("/console/sign-in", response.header("Location"));
    }

    @ParameterizedTest(name = "{0} with a wrong bearer: 401")
    @MethodSource("everyCall")
    void aScriptWithAWrongTokenGets401(Call call) {
        Response response = send(call, given().header("Authorization", "Bearer not-a-configured-token"));
        assertEquals(401, response.statusCode());
        assertEquals("Bearer", response.header("WWW-Authenticate"));
    }

    @Test
    void signInSetsASessionCookieThatHoldsNoToken() {
        given().get("/console/sign-in").then().statusCode(200).body(containsString("name=\"token\""));
        Response signIn = signIn(ApiTokens.OPERATOR);
        assertEquals(303, signIn.statusCode());
        assertEquals("/console/connections", java.net.URI.create(signIn.header("Location")).getPath());
        String setCookie = signIn.header("Set-Cookie");
        assertTrue(setCookie.startsWith("sso_sync_console="), setCookie);
        for (String attribute : List.of("Path=/console", "Secure", "HttpOnly", "SameSite=Strict", "Max-Age=28800")) {
            assertTrue(setCookie.contains(attribute), attribute + " missing in " + setCookie);
        }
        String session = signIn.cookie("sso_sync_console");
        assertFalse(session.contains(ApiTokens.OPERATOR));
        assertEquals(0, TestDatabase.count("select count(*) from console_session where actor like '%test-%'"
                + " or csrf_token = '" + session + "'"));
        assertEquals(ApiTokens.actor(ApiTokens.OPERATOR), TestDatabase.value("select actor from console_session"));

        given().cookie("sso_sync_console", session).get("/console/connections").then().statusCode(200)
                .body(containsString(KEY)).body(containsString("id=\"pause\""))
                .header("Content-Security-Policy", containsString("style-src 'self'"));
    }

    @Test
    void withoutConsoleOidcTheSignInPageOffersOnlyTheTokenAndItsPathSignsNobodyIn() {
        given().get("/console/sign-in").then().statusCode(200).body(not(containsString("id=\"sso\"")));
        Response response = given().redirects().follow(false).get("/console/oidc/sign-in");
        assertEquals(303, response.statusCode());
        assertEquals("/console/sign-in", response.header("Location"));
        assertEquals(0, TestDatabase.count("select count(*) from console_session"));
    }

    @Test
    void aWrongTokenIsRefusedOnTheSignInPage() {
        Response response = signIn("not-a-configured-token");
        assertEquals(401, response.statusCode());
        assertTrue(response.body().asString().contains("not a token this service knows"));
        assertNull(response.header("Set-Cookie"));
    }

    @Test
    void aSignInPostedFromAnotherSiteIsRefused() {
        given().header("Sec-Fetch-Site", "cross-site").contentType(ContentType.URLENC)
                .formParam("token", ApiTokens.OPERATOR).redirects().follow(false).post("/console/sign-in")
                .then().statusCode(403);
        assertEquals(0, TestDatabase.count("select count(*) from console_session"));
    }

    @Test
    void aFormWithoutTheSessionsCsrfTokenIsRefused() {
        String session = signIn(ApiTokens.OPERATOR).cookie("sso_sync_console");
        String csrf = csrfOf(given().cookie("sso_sync_console", session).get("/console/connections").body().asString());

        for (String forged : new String[] { null, "", "forged" + csrf }) {
            RequestSpecification request = given().cookie("sso_sync_console", session).contentType(ContentType.URLENC)
                    .formParam("reason", "forged");
            if (forged != null) {
                request = request.formParam("csrf", forged);
            }
            request.post("/console/dispatch/pause").then().statusCode(403);
        }
        assertEquals(Boolean.FALSE, TestDatabase.value("select paused from dispatch_control"));
        assertEquals(0, TestDatabase.count("select count(*) from operator_action"));

        given().cookie("sso_sync_console", session).contentType(ContentType.URLENC).formParam("csrf", csrf)
                .formParam("reason", "maintenance").post("/console/dispatch/pause").then().statusCode(200)
                .body(containsString("Dispatch paused"));
        assertEquals(Boolean.TRUE, TestDatabase.value("select paused from dispatch_control"));
        assertEquals(Map.of("actor", ApiTokens.actor(ApiTokens.OPERATOR), "action", "dispatch.pause",
                "reason", "maintenance"), TestDatabase.rows("select actor, action, reason from operator_action").get(0));
    }

    @Test
    void aViewerSessionSeesNoActionsAndIsRefusedThem() {
        String session = signIn(ApiTokens.VIEWER).cookie("sso_sync_console");
        String page = given().cookie("sso_sync_console", session).get("/console/connections").then().statusCode(200)
                .body(not(containsString("id=\"pause\""))).extract().body().asString();
        given().cookie("sso_sync_console", session).contentType(ContentType.URLENC).formParam("csrf", csrfOf(page))
                .post("/console/dispatch/pause").then().statusCode(403);
        assertEquals(Boolean.FALSE, TestDatabase.value("select paused from dispatch_control"));
    }

    @Test
    void signOutEndsTheSessionEverywhere() {
        String session = signIn(ApiTokens.AUDITOR).cookie("sso_sync_console");
        String csrf = csrfOf(given().cookie("sso_sync_console", session).get("/console/connections").body().asString());
        Response out = given().cookie("sso_sync_console", session).contentType(ContentType.URLENC)
                .formParam("csrf", csrf).redirects().follow(false).post("/console/sign-out");
        assertEquals(303, out.statusCode());
        assertTrue(out.header("Set-Cookie").contains("Max-Age=0"), out.header("Set-Cookie"));
        assertEquals(0, TestDatabase.count("select count(*) from console_session"));

        Response after = given().cookie("sso_sync_console", session).redirects().follow(false).get("/console/connections");
        assertEquals(303, after.statusCode());
        assertEquals("/console/sign-in", after.header("Location"));
    }

    @Test
    void anEndedSessionSignsNobodyIn() {
        String session = signIn(ApiTokens.OPERATOR).cookie("sso_sync_console");
        TestDatabase.execute("update console_session set expires_at = now() - interval '1 second'");
        Response after = given().cookie("sso_sync_console", session).redirects().follow(false).get("/console/commands");
        assertEquals(303, after.statusCode());
        assertNotNull(after.header("Location"));
    }

    private static Response signIn(String token) {
        return given().contentType(ContentType.URLENC).formParam("token", token).redirects().follow(false)
                .post("/console/sign-in");
    }

    static String csrfOf(String page) {
        Matcher matcher = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page);
        assertTrue(matcher.find(), "no CSRF token in the page");
        return matcher.group(1);
    }

    private Response send(Call call, RequestSpecification request) {
        String path = call.path.replace("{id}", String.valueOf(rejectedId));
        request = request.redirects().follow(false);
        return "GET".equals(call.method) ? request.get(path)
                : request.contentType(ContentType.URLENC).formParam("reason", "roles test").post(path);
    }
}
