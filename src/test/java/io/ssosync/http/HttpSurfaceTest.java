package io.ssosync.http;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.ssosync.testing.ApiTokens;
import io.ssosync.testing.RegistryEvents;
import io.ssosync.testing.SyncStack;
import io.ssosync.testing.WebhookSender;

/**
 * Every kind of error answer, from our resources, from JAX-RS, from Quarkus security and from Vert.x, is
 * RFC 9457 problem JSON with no trace of an exception, and every answer carries the security headers.
 */
@QuarkusTest
@WithTestResource(SyncStack.class)
class HttpSurfaceTest {

    private static final String VIEWER = ApiTokens.bearer(ApiTokens.VIEWER);
    private static final String OPERATOR = ApiTokens.bearer(ApiTokens.OPERATOR);
    /** Above quarkus.http.limits.max-body-size (1M). */
    private static final byte[] HUGE = filled(2 * 1024 * 1024);
    /** Above sso-sync.ingest.max-event-bytes (262144), below the HTTP limit. */
    private static final byte[] OVER_EVENT_LIMIT = filled(300_000);

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("bad query", 400, (Call) () -> given().header("Authorization", VIEWER)
                        .queryParam("limit", 0).get("/api/connections")),
                Arguments.of("signed webhook, malformed JSON", 400, (Call) () -> WebhookSender.Delivery
                        .signed("{not json".getBytes(StandardCharsets.UTF_8)).send()),
                Arguments.of("no token", 401, (Call) () -> given().get("/api/connections")),
                Arguments.of("wrong token", 401, (Call) () -> given().header("Authorization", "Bearer nope")
                        .post("/api/connections/x/retry")),
                Arguments.of("unsigned webhook", 401, (Call) () -> WebhookSender.Delivery
                        .signed("{}".getBytes(StandardCharsets.UTF_8)).withoutHeaders().send()),
                Arguments.of("too little role", 403, (Call) () -> given().header("Authorization", VIEWER)
                        .post("/api/connections/x/retry")),
                Arguments.of("unknown path", 404, (Call) () -> given().get("/nothing-here")),
                Arguments.of("unknown path under /api", 404, (Call) () -> given().header("Authorization", VIEWER)
                        .get("/api/nothing-here")),
                Arguments.of("unknown connection", 404, (Call) () -> given().header("Authorization", VIEWER)
                        .get("/api/connections/no-such-key")),
                Arguments.of("unknown rejected event", 404, (Call) () -> given().header("Authorization", VIEWER)
                        .get("/api/rejected-events/987654321")),
                Arguments.of("wrong method", 405, (Call) () -> given().header("Authorization", VIEWER)
                        .delete("/api/connections")),
                Arguments.of("wrong method on the webhook", 405, (Call) () -> given().get(WebhookSender.PATH)),
                Arguments.of("unacceptable media type", 406, (Call) () -> given().header("Authorization", VIEWER)
                        .accept("application/xml").get("/api/connections")),
                Arguments.of("body over the HTTP limit on an /api POST", 413, (Call) () -> given()
                        .header("Authorization", OPERATOR).contentType("application/json").body(HUGE)
                        .post("/api/rejected-events/1/replay")),
                Arguments.of("body over the HTTP limit on the webhook", 413, (Call) () -> WebhookSender.Delivery
                        .signed(HUGE).send()),
                Arguments.of("body over the event limit on the webhook", 413, (Call) () -> WebhookSender.Delivery
                        .signed(OVER_EVENT_LIMIT).send()),
                Arguments.of("unsupported content type", 415, (Call) () -> WebhookSender.Delivery
                        .signed("{}".getBytes(StandardCharsets.UTF_8)).withContentType("text/plain").send()),
                Arguments.of("unexpected exception", 500, (Call) () -> given().get("/test-only/failure")));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("errors")
    void everyErrorIsProblemJsonWithSecurityHeaders(String name, int status, Call call) {
        Response answer = call.send();

        assertEquals(status, answer.statusCode(), answer.asString());
        assertProblem(answer, status);
        assertSecurityHeaders(answer);
    }

    @Test
    void a401KeepsItsChallenge() {
        Response answer = given().get("/api/connections");

        assertEquals("Bearer", answer.header("WWW-Authenticate"));
    }

    @Test
    void a400KeepsTheMembersClientsReadBefore() {
        Response answer = given().header("Authorization", VIEWER).queryParam("status", "<script>x</script>")
                .get("/api/connections");

        assertProblem(answer, 400);
        assertEquals("status", answer.jsonPath().getString("parameter"));
        assertTrue(answer.jsonPath().getString("reason").contains("SYNCED"), answer.asString());
        assertFalse(answer.asString().contains("script"), "raw input echoed: " + answer.asString());
    }

    @Test
    void a500SaysOnlyWhereTheLogHasIt() {
        Response answer = given().get("/test-only/failure");

        assertFalse(answer.asString().contains(FailingResource.SECRET_TEXT), answer.asString());
        assertFalse(answer.asString().contains("IllegalStateException"), answer.asString());
        assertTrue(answer.jsonPath().getString("instance").startsWith("urn:uuid:"), answer.asString());
    }

    static Stream<Arguments> successes() {
        return Stream.of(
                Arguments.of("health", (Call) () -> given().get("/q/health/live")),
                Arguments.of("metrics", (Call) () -> given().get("/q/metrics")),
                Arguments.of("api", (Call) () -> given().header("Authorization", VIEWER).get("/api/connections")),
                Arguments.of("webhook", (Call) () -> WebhookSender.signed(RegistryEvents.upserted(
                        RegistryEvents.samlSpec("t_http_headers", "idp_http_headers", 1, "headers.example"))).send()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("successes")
    void successesCarryTheSecurityHeaders(String name, Call call) {
        Response answer = call.send();

        assertEquals(200, answer.statusCode(), answer.asString());
        assertSecurityHeaders(answer);
    }

    @Test
    void noStrictTransportSecurityUnlessConfigured() {
        assertEquals(null, given().get("/q/health/live").header("Strict-Transport-Security"));
    }

    private static void assertProblem(Response answer, int status) {
        String body = answer.asString();
        assertTrue(answer.contentType().startsWith("application/problem+json"), answer.contentType() + " " + body);
        Map<String, Object> members = answer.jsonPath().getMap("");
        assertEquals("about:blank", members.get("type"), body);
        assertEquals(status, members.get("status"), body);
        assertNotNull(members.get("title"), body);
        assertNotNull(members.get("detail"), body);
        for (String trace : new String[] { "Exception", "\tat ", "at io.", "at org.", "<html" }) {
            assertFalse(body.contains(trace), "trace text \"" + trace + "\" in " + body);
        }
    }

    static void assertSecurityHeaders(Response answer) {
        assertEquals("nosniff", answer.header("X-Content-Type-Options"), answer.headers().toString());
        assertEquals("DENY", answer.header("X-Frame-Options"), answer.headers().toString());
        assertEquals("no-referrer", answer.header("Referrer-Policy"), answer.headers().toString());
        assertEquals("no-store", answer.header("Cache-Control"), answer.headers().toString());
        assertEquals("default-src 'none'; frame-ancestors 'none'", answer.header("Content-Security-Policy"),
                answer.headers().toString());
    }

    private static byte[] filled(int size) {
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) 'a');
        return body;
    }

    /** One request; a lambda so that each case is sent only when its test runs. */
    @FunctionalInterface
    interface Call {
        Response send();
    }
}
