package io.ssosync.sync.dispatch;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.ssosync.testing.PipelineTest;
import io.ssosync.testing.RegistryEvents;
import io.ssosync.testing.SyncStack;
import io.ssosync.testing.TestDatabase;
import io.ssosync.testing.clerksim.RecordedRequest;

/** A call retried on the spot after a broken connection takes a quota token for each try, like any call. */
@QuarkusTest
@TestProfile(RetryQuotaTest.BreakerStaysClosed.class)
@WithTestResource(SyncStack.class)
class RetryQuotaTest extends PipelineTest {

    /** At Clerk's development limit, with a breaker that never opens: this test is about the quota alone. */
    public static class BreakerStaysClosed extends ClerkQuotaProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("io.ssosync.clerk.ClerkHttp/exchange/CircuitBreaker/requestVolumeThreshold", "100000");
            return config;
        }
    }

    private static final int CONNECTIONS = 60;
    private static final int DROPS = 2 * CONNECTIONS;

    @AfterEach
    void restoreLimit() {
        clerk.rateLimit(100_000);
    }

    @Test
    void updatesWhoseConnectionsBreakStayWithinTheQuota() {
        clerk.rateLimit(ClerkQuotaProfile.LIMIT);
        List<ObjectNode> specs = IntStream.range(0, CONNECTIONS).mapToObj(i -> {
            ObjectNode spec = samlSpec(key("c" + i), 1, domain("c" + i));
            spec.remove("syncUserAttributes"); // one call per change
            return spec;
        }).toList();
        specs.forEach(spec -> publisher.structured(RegistryEvents.upserted(spec)));
        await().atMost(Duration.ofSeconds(60)).until(() ->
                TestDatabase.count("select count(*) from connection_state where status = 'SYNCED'") == CONNECTIONS);

        // The first 120 update calls lose their connection; each is retried at once, then again later.
        clerk.faults().dropConnection("PATCH", DROPS);
        specs.forEach(spec -> {
            ObjectNode renamed = RegistryEvents.at(spec, 2);
            renamed.put("name", "renamed " + spec.get("connectionKey").asText());
            publisher.structured(RegistryEvents.upserted(renamed));
        });
        await().atMost(Duration.ofSeconds(90)).until(() -> TestDatabase.count("select count(*) from connection_state"
                + " where status = 'SYNCED' and applied_version = 2") == CONNECTIONS);

        List<RecordedRequest> requests = clerk.requests();
        assertEquals(DROPS + CONNECTIONS, requests.stream().filter(r -> r.method().equals("PATCH")).count());
        assertEquals(0, clerk.count429());
        int busiest = RequestWindows.busiestWindow(requests, Duration.ofSeconds(10));
        assertTrue(busiest <= ClerkQuotaProfile.LIMIT, "busiest window: " + busiest);
    }
}
