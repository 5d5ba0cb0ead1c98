package io.ssosync.packaged;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.ssosync.testing.PackagedApp;
import io.ssosync.testing.TestDatabase;
import io.ssosync.testing.clerksim.ClerkSimulator;
import io.ssosync.testing.kafka.EmbeddedKafka;

/** The packaged service's HTTP surface from outside: the webhook switch, problem answers, security headers. */
class HttpSurfaceIT {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String HSTS = "max-age=31536000";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static ClerkSimulator clerk;

    @BeforeAll
    static void startParts() {
        TestDatabase.createIfMissing();
        clerk = ClerkSimulator.start();
    }

    @AfterAll
    static void stopParts() {
        clerk.close();
    }

    @Test
    void withoutWebhookSecretsTheWebhookIsNotThere() throws Exception {
        try (PackagedApp app = started("http-no-secrets", Map.of())) {
            HttpResponse<String> answer = postWebhook(app);

            assertEquals(404, answer.statusCode(), answer.body());
            assertProblem(answer, 404);
            assertSecurityHeaders(answer);
            assertTrue(answer.headers().firstValue("Strict-Transport-Security").isEmpty(), answer.headers().toString());
        }
    }

    @Test
    void withWebhookSecretsAnUnsignedDeliveryIs401ProblemJson() throws Exception {
        try (PackagedApp app = started("http-secrets", Map.of("IDP_WEBHOOK_SECRETS", SECRET,
                "SSO_SYNC_HTTP_HSTS", HSTS))) {
            HttpResponse<String> answer = postWebhook(app);

            assertEquals(401, answer.statusCode(), answer.body());
            assertProblem(answer, 401);
            assertSecurityHeaders(answer);
            assertEquals(HSTS, answer.headers().firstValue("Strict-Transport-Security").orElse(null));
        }
    }

    @Test
    void aBodyLimitBelowTheEventLimitStopsStartUpNamingBoth() {
        Map<String, String> env = PackagedAppEnvironment.of(EmbeddedKafka.shared(), "it-http", clerk);
        env.put("QUARKUS_HTTP_LIMITS_MAX_BODY_SIZE", "1K");
        try (PackagedApp app = PackagedApp.start("http-small-limit", env)) {
            assertNotEquals(0, app.awaitExit(Duration.ofSeconds(90)));
            assertTrue(app.output().contains("QUARKUS_HTTP_LIMITS_MAX_BODY_SIZE"), app.output());
            assertTrue(app.output().contains("SSO_SYNC_INGEST_MAX_EVENT_BYTES"), app.output());
        }
    }

    private static PackagedApp started(String name, Map<String, String> settings) {
        Map<String, String> env = PackagedAppEnvironment.of(EmbeddedKafka.shared(), "it-http", clerk);
        env.putAll(settings);
        PackagedApp app = PackagedApp.start(name, env);
        await().atMost(Duration.ofSeconds(90)).until(() -> app.isReady() || !app.isAlive());
        assertTrue(app.isReady(), app.output());
        return app;
    }

    private static HttpResponse<String> postWebhook(PackagedApp app) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/webhooks/idp-registry"))
                .header("Content-Type", "application/cloudevents+json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertProblem(HttpResponse<String> answer, int status) {
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                answer.headers().toString());
        assertTrue(answer.body().contains("\"status\":" + status), answer.body());
        assertTrue(answer.body().contains("\"type\":\"about:blank\""), answer.body());
        assertTrue(answer.body().contains("\"detail\":"), answer.body());
        assertFalse(answer.body().contains("Exception"), answer.body());
    }

    private static void assertSecurityHeaders(HttpResponse<String> answer) {
        assertEquals("nosniff", answer.headers().firstValue("X-Content-Type-Options").orElse(null));
        assertEquals("DENY", answer.headers().firstValue("X-Frame-Options").orElse(null));
        assertEquals("no-referrer", answer.headers().firstValue("Referrer-Policy").orElse(null));
        assertEquals("no-store", answer.headers().firstValue("Cache-Control").orElse(null));
        assertTrue(answer.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'none'"),
                answer.headers().toString());
    }
}
