package io.ssosync.sync.dispatch;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.jboss.logging.Logger;
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

/** Calls are paced to Clerk's quota: they wait for a token instead of earning 429s. */
@QuarkusTest
@TestProfile(ClerkQuotaProfile.class)
@WithTestResource(SyncStack.class)
class QuotaTest extends PipelineTest {

    private static final Logger LOG = Logger.getLogger(QuotaTest.class);
    private static final int CHANGES = 300;
    private static final Duration WINDOW = Duration.ofSeconds(10);

    @AfterEach
    void restoreLimit() {
        clerk.rateLimit(100_000);
    }

    @Test
    void threeHundredChangesDrainWithinTheQuotaWithoutA429() {
        clerk.rateLimit(ClerkQuotaProfile.LIMIT);
        List<ObjectNode> specs = IntStream.range(0, CHANGES).mapToObj(i -> {
            ObjectNode spec = samlSpec(key("c" + i), 1, domain("c" + i));
            spec.remove("syncUserAttributes"); // one call per change: nothing to follow the create
            return spec;
        }).toList();

        long started = System.nanoTime();
        specs.forEach(spec -> publisher.structured(RegistryEvents.upserted(spec)));
        await().atMost(Duration.ofSeconds(90)).until(() ->
                TestDatabase.count("select count(*) from connection_state where status = 'SYNCED'") == CHANGES);
        Duration drain = Duration.ofNanos(System.nanoTime() - started);

        List<RecordedRequest> requests = clerk.requests();
        int busiest = RequestWindows.busiestWindow(requests, WINDOW);
        LOG.infof("quota: %d changes drained in %.1f s (ideal %.1f s at %d per 10 s); busiest 10 s window held %d"
                + " requests", CHANGES, drain.toMillis() / 1000.0, CHANGES / (ClerkQuotaProfile.LIMIT / 10.0),
                ClerkQuotaProfile.LIMIT, busiest);
        assertEquals(0, clerk.count429());
        assertEquals(CHANGES, requests.size());
        assertEquals(CHANGES, clerk.connections().size());
        assertTrue(busiest <= ClerkQuotaProfile.LIMIT, "busiest window: " + busiest);
        // Paced near the limit, not far below it: any 10 s window in the steady middle holds at least 90%.
        assertTrue(busiest >= ClerkQuotaProfile.LIMIT * 0.9, "busiest window: " + busiest);
    }
}
