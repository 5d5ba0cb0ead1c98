package io.ssosync.testing.clerksim;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FaultInjectionTest {

    private static final String CREATE = "{\"name\":\"a\",\"provider\":\"saml_custom\",\"domains\":[\"a.example.com\"]}";

    private static ClerkSimulator clerk;
    private static SimulatorClient client;

    @BeforeAll
    static void start() {
        clerk = ClerkSimulator.start();
        client = new SimulatorClient(clerk);
    }

    @AfterAll
    static void stop() {
        clerk.close();
    }

    @BeforeEach
    void reset() {
        clerk.reset();
    }

    @Test
    void aStatusWindowAnswersEveryRequestUntilItEnds() {
        clerk.faults().statusWindow(503, Duration.ofMillis(1500));

        SimulatorClient.Reply unavailable = client.get("/enterprise_connections");
        assertEquals(503, unavailable.status());
        assertTrue(unavailable.body().get("errors").isArray(), "injected errors use Clerk's envelope");
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> client.get("/enterprise_connections").status() == 200);
    }

    @Test
    void anInjected429CarriesItsRetryAfterAndIsCounted() {
        clerk.faults().statusWindow(429, Duration.ofSeconds(3), 3);

        SimulatorClient.Reply reply = client.post("/enterprise_connections", CREATE);

        assertEquals(429, reply.status());
        assertEquals("3", reply.headers().firstValue("Retry-After").orElseThrow());
        assertEquals("too_many_requests", reply.errorCode());
        assertEquals(1, clerk.count429());
        assertTrue(clerk.connections().isEmpty(), "an injected error is not carried out");
    }

    @Test
    void failNextHitsOnlyTheMatchingMethodAndRunsOut() {
        clerk.faults().failNext(2, "POST", 500);

        assertEquals(200, client.get("/enterprise_connections").status());
        SimulatorClient.Reply failed = client.post("/enterprise_connections", CREATE);
        assertEquals(500, failed.status());
        assertEquals("internal_clerk_error", failed.errorCode());
        assertEquals(500, client.post("/enterprise_connections", CREATE).status());
        assertEquals(201, client.post("/enterprise_connections", CREATE).status());
        assertEquals(3, clerk.requestCount("POST", "/enterprise_connections"));
        assertEquals(3, clerk.requestCount("post", "/v1/enterprise_connections"));
    }

    @Test
    void anErrorRateFailsThatShareOfRequests() {
        clerk.faults().add(FaultSpec.errorRate(0.5, 502).withSeed(7));

        int failures = 0;
        for (int i = 0; i < 40; i++) {
            failures += client.get("/enterprise_connections").status() == 502 ? 1 : 0;
        }
        assertTrue(failures > 8 && failures < 32, failures + " of 40 failed");
        clerk.clearFaults();
        assertEquals(200, client.get("/enterprise_connections").status());
    }

    @Test
    void latencyMakesAClientTimeOut() {
        clerk.faults().latency(Duration.ofMillis(800), "GET");

        UncheckedIOException timeout = assertThrows(UncheckedIOException.class,
                () -> client.withTimeout(Duration.ofMillis(200)).get("/enterprise_connections"));
        assertInstanceOf(HttpTimeoutException.class, timeout.getCause());
        assertEquals(201, client.withTimeout(Duration.ofMillis(200)).post("/enterprise_connections", CREATE).status(),
                "latency for GET leaves POST alone");
    }

    @Test
    void hangAfterCommitStoresTheCreateButAnswersTooLate() {
        clerk.faults().hangAfterCommit("POST", Duration.ofSeconds(1));

        assertThrows(UncheckedIOException.class,
                () -> client.withTimeout(Duration.ofMillis(200)).post("/enterprise_connections", CREATE));

        assertEquals(1, clerk.connections().size(), "Clerk applied the create although the client saw a timeout");
        assertEquals(1, client.get("/enterprise_connections").body().get("total_count").asInt());
        SimulatorClient.Reply retry = client.post("/enterprise_connections", CREATE);
        assertEquals(422, retry.status(), "a blind retry collides with the connection it already made");
        assertEquals("form_identifier_exists", retry.errorCode());
    }

    @Test
    void faultsCanBeSwitchedOverHttp() {
        SimulatorClient.Reply added = client.admin("POST", "/faults",
                "{\"type\":\"fail_next\",\"count\":1,\"status\":500,\"method\":\"GET\",\"path_prefix\":\"/saml_connections\"}");
        assertEquals(200, added.status());
        assertEquals("fail_next", added.body().at("/0/type").asText());

        assertEquals(200, client.get("/enterprise_connections").status());
        assertEquals(500, client.get("/saml_connections").status());
        assertEquals(200, client.get("/saml_connections").status());

        client.admin("POST", "/faults", "{\"type\":\"status_window\",\"status\":503,\"duration_ms\":60000}");
        assertEquals(503, client.get("/enterprise_connections").status());
        assertEquals(204, client.admin("DELETE", "/faults", null).status());
        assertEquals(200, client.get("/enterprise_connections").status());

        SimulatorClient.Reply invalid = client.admin("POST", "/faults", "{\"type\":\"latency\"}");
        assertEquals(400, invalid.status());
        assertEquals(400, client.admin("POST", "/faults", "{\"type\":\"meteor\"}").status());
    }

    @Test
    void theAdminApiShowsStateAndResets() {
        client.post("/enterprise_connections", CREATE);
        String id = clerk.connections().get(0).id();

        assertEquals(id, client.admin("GET", "/connections", null).body().at("/0/id").asText());
        assertEquals("enterprise", client.admin("GET", "/connections/" + id, null).body().get("flavour").asText());
        assertEquals(201, client.admin("GET", "/requests", null).body().at("/0/status").asInt());
        assertEquals(1, client.admin("GET", "/stats", null).body().get("requests").asInt());

        assertEquals(204, client.admin("POST", "/reset", null).status());
        assertTrue(clerk.connections().isEmpty());
        assertTrue(clerk.requests().isEmpty());
        assertEquals(404, client.admin("GET", "/connections/" + id, null).status());
    }
}
