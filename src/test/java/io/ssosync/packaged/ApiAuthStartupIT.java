package io.ssosync.packaged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

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

/** The packaged service refuses to start when nobody could call /api, or on a malformed token entry. */
class ApiAuthStartupIT {

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
    void withoutTokensOrOidcStartUpFailsNamingTheVariables() {
        String output = failedStartUp("auth-none-configured", Map.of("SSO_SYNC_API_TOKENS", ""));

        assertTrue(output.contains("SSO_SYNC_API_TOKENS"), output);
        assertTrue(output.contains("QUARKUS_OIDC_AUTH_SERVER_URL"), output);
        assertTrue(output.contains("SSO_SYNC_API_AUTH"), output);
    }

    @Test
    void aMalformedTokenEntryFailsStartUpByPositionWithoutEchoingIt() {
        String output = failedStartUp("auth-bad-entry",
                Map.of("SSO_SYNC_API_TOKENS", "viewer:fine-token,root:leaked-s3cret"));

        assertTrue(output.contains("SSO_SYNC_API_TOKENS: entry 2 of 2"), output);
        assertFalse(output.contains("leaked-s3cret"), output);
    }

    @Test
    void anOidcServerWithOidcOffFailsStartUp() {
        String output = failedStartUp("auth-oidc-off", Map.of("QUARKUS_OIDC_AUTH_SERVER_URL", "http://127.0.0.1:9/realm"));

        assertTrue(output.contains("QUARKUS_OIDC_TENANT_ENABLED=true"), output);
    }

    @Test
    void authNoneOpensTheApiWithAWarning() throws Exception {
        Map<String, String> env = PackagedAppEnvironment.of(EmbeddedKafka.shared(), "it-auth", clerk);
        env.put("SSO_SYNC_API_TOKENS", "");
        env.put("SSO_SYNC_API_AUTH", "none");
        try (PackagedApp app = PackagedApp.start("auth-open", env)) {
            await().atMost(Duration.ofSeconds(90)).until(() -> app.isReady() || !app.isAlive());
            assertTrue(app.isReady(), app.output());
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(app.baseUrl() + "/api/connections")).build(), HttpResponse.BodyHandlers.ofString());

            assertEquals(200, answer.statusCode());
            assertTrue(app.output().contains("SSO_SYNC_API_AUTH=none: /api is open to anyone"), app.output());
        }
    }

    private static String failedStartUp(String name, Map<String, String> settings) {
        Map<String, String> env = PackagedAppEnvironment.of(EmbeddedKafka.shared(), "it-auth", clerk);
        env.putAll(settings);
        try (PackagedApp app = PackagedApp.start(name, env)) {
            assertNotEquals(0, app.awaitExit(Duration.ofSeconds(90)));
            return app.output();
        }
    }
}
