package io.ssosync.sync.dispatch;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ssosync.testing.PipelineTest;
import io.ssosync.testing.RegistryEvents;
import io.ssosync.testing.SyncStack;
import io.ssosync.testing.TestDatabase;

/** Clerk answers 503 for a while, then stops answering in time: nothing is lost, nothing doubled. */
@QuarkusTest
@WithTestResource(SyncStack.class)
class OutageTest extends PipelineTest {

    private static final int CHANGES = 12;

    @Test
    void breakerOpensDuringTheOutageAndEveryChangeLandsOnceAfterIt() {
        clerk.faults().statusWindow(503, Duration.ofSeconds(30));
        for (int i = 0; i < CHANGES; i++) {
            publisher.structured(RegistryEvents.upserted(samlSpec(key("c" + i), 1, domain("c" + i))));
        }
        await().atMost(TIMEOUT).until(() -> TestDatabase.count("select count(*) from sync_command"
                + " where last_error like '%circuit breaker is open%'") > 0);
        long during503 = clerk.requests().size();

        // Then Clerk is slower than the client's 2 s time-out: it still creates what it was sent.
        clerk.clearFaults();
        clerk.faults().latency(Duration.ofMillis(2500), "POST");
        await().atMost(TIMEOUT).until(() -> TestDatabase.count("select count(*) from sync_history"
                + " where outcome = 'RETRYING' and http_status is null") > 0);
        clerk.clearFaults();

        await().atMost(Duration.ofSeconds(60)).until(() ->
                TestDatabase.count("select count(*) from connection_state where status = 'SYNCED'") == CHANGES);
        // The open breaker spared Clerk calls: fewer arrived than attempts were made during the 503s.
        long attempts = TestDatabase.count("select coalesce(sum(attempts), 0) from sync_command");
        org.junit.jupiter.api.Assertions.assertTrue(during503 < attempts, during503 + " calls, " + attempts
                + " attempts");
        // Creates whose answers timed out were found and adopted, not made twice.
        assertEquals(CHANGES, clerk.connections().size());
        assertEquals(0, clerk.requests().stream().filter(r -> r.status() == 422).count());
    }
}
