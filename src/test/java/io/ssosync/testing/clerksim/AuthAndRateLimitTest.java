package io.ssosync.testing.clerksim;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuthAndRateLimitTest {

    @Test
    void requestsWithoutAnAcceptedKeyAre401AndKeepNoKey() {
        try (ClerkSimulator clerk = ClerkSimulator.builder().secretKeys("sk_test_one", "sk_test_two").start()) {
            SimulatorClient client = new SimulatorClient(clerk);

            SimulatorClient.Reply missing = client.withKey(null).get("/enterprise_connections");
            assertEquals(401, missing.status());
            assertEquals("authentication_invalid", missing.errorCode());

            SimulatorClient.Reply wrong = client.withKey("sk_test_wrong").get("/enterprise_connections");
            assertEquals(401, wrong.status());
            assertEquals("clerk_key_invalid", wrong.errorCode());

            assertEquals(200, client.withKey("sk_test_two").get("/enterprise_connections").status());
            assertFalse(clerk.requests().get(0).authValid());
            assertTrue(clerk.requests().get(2).authValid());
            assertEquals("2025-11-10", clerk.requests().get(2).clerkApiVersion());
            assertEquals("127.0.0.1:" + clerk.port(), clerk.requests().get(2).host());
            assertFalse(clerk.requests().toString().contains("sk_test_wrong"));
        }
    }

    @Test
    void theSixthRequestInTheWindowIs429UntilTheWindowFreesASlot() {
        try (ClerkSimulator clerk = ClerkSimulator.builder().rateLimit(5, Duration.ofSeconds(3)).start()) {
            SimulatorClient client = new SimulatorClient(clerk);
            for (int i = 0; i < 5; i++) {
                assertEquals(200, client.get("/enterprise_connections").status());
            }

            SimulatorClient.Reply limited = client.get("/enterprise_connections");

            assertEquals(429, limited.status());
            assertEquals("too_many_requests", limited.errorCode());
            int retryAfter = Integer.parseInt(limited.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(retryAfter >= 1 && retryAfter <= 3, "Retry-After " + retryAfter);
            assertEquals(1, clerk.count429());
            await().atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(200))
                    .until(() -> client.get("/enterprise_connections").status() == 200);
        }
    }

    @Test
    void eachKeyHasItsOwnLimitAndUnauthenticatedRequestsUseNone() {
        try (ClerkSimulator clerk = ClerkSimulator.builder().secretKeys("sk_test_a", "sk_test_b")
                .rateLimit(2, Duration.ofSeconds(30)).start()) {
            SimulatorClient a = new SimulatorClient(clerk).withKey("sk_test_a");
            SimulatorClient b = new SimulatorClient(clerk).withKey("sk_test_b");
            for (int i = 0; i < 3; i++) {
                assertEquals(401, a.withKey("sk_test_bad").get("/enterprise_connections").status());
            }
            assertEquals(200, a.get("/enterprise_connections").status());
            assertEquals(422, a.get("/enterprise_connections?limit=0").status(), "invalid requests count too");
            assertEquals(429, a.get("/enterprise_connections").status());
            assertEquals(200, b.get("/enterprise_connections").status());
        }
    }
}
