package io.ssosync.sync.dispatch;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ssosync.config.SsoSyncConfig;
import io.ssosync.testing.PipelineTest;
import io.ssosync.testing.RegistryEvents;
import io.ssosync.testing.SyncStack;
import io.ssosync.testing.TestDatabase;
import io.ssosync.testing.clerksim.FaultSpec;
import io.ssosync.testing.clerksim.RecordedRequest;
import jakarta.inject.Inject;

/** A 429 with Retry-After holds every call on the key until it expires. */
@QuarkusTest
@WithTestResource(SyncStack.class)
class RetryAfterTest extends PipelineTest {

    @Inject
    SsoSyncConfig config;

    @Test
    void noCallReachesClerkBeforeRetryAfterEndsAndAllLandAfterwards() {
        Instant windowEnds = Instant.now().plusSeconds(3);
        clerk.faults().statusWindow(429, Duration.ofSeconds(3), 3);
        assertHeldUntil(windowEnds);
    }

    @Test
    void retryAfterGivenAsAnHttpDateIsHonouredToo() {
        Instant windowEnds = Instant.now().plusSeconds(3);
        // An HTTP-date has whole seconds: one more second keeps the date past the window's end.
        clerk.faults().add(FaultSpec.statusWindow(429, Duration.ofSeconds(3)).withRetryAfter(4).withRetryAfterAsDate());
        assertHeldUntil(windowEnds);
    }

    private void assertHeldUntil(Instant windowEnds) {
        for (int i = 0; i < 10; i++) {
            publisher.structured(RegistryEvents.upserted(samlSpec(key("c" + i), 1, domain("c" + i))));
        }

        await().atMost(TIMEOUT).until(() ->
                TestDatabase.count("select count(*) from connection_state where status = 'SYNCED'") == 10);

        List<RecordedRequest> requests = clerk.requests();
        List<RecordedRequest> throttled = requests.stream().filter(r -> r.status() == 429).toList();
        // At most one call per worker was on its way when the first 429 came back.
        int workers = config.dispatch().workers();
        assertTrue(!throttled.isEmpty() && throttled.size() <= workers, "429s: " + throttled.size() + " for "
                + workers + " workers");
        Instant firstAnswer = throttled.get(0).time();
        // Calls already on their way when the first 429 came back may arrive; nothing sent after it does.
        long duringPause = requests.stream().filter(r -> r.time().isAfter(firstAnswer.plusMillis(500))
                && r.time().isBefore(windowEnds)).count();
        assertEquals(0, duringPause);
        assertEquals(10, clerk.connections().size());
        assertTrue(TestDatabase.count("select count(*) from sync_history where http_status = 429"
                + " and outcome = 'RETRYING'") >= 1);
    }
}
