package io.ssosync.ingest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import jakarta.inject.Inject;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.ssosync.testing.PipelineTest;
import io.ssosync.testing.RegistryEvents;
import io.ssosync.testing.SyncStack;
import io.ssosync.testing.TestDatabase;

/** While Clerk drains slower than events arrive, the backlog waits in Kafka, not in the outbox. */
@QuarkusTest
@TestProfile(BackPressureProfile.class)
@WithTestResource(SyncStack.class)
class BackPressureTest extends PipelineTest {

    private static final int EVENTS = 300;

    @Inject
    IntakeChannels consumers;

    @Test
    void consumerPausesWhileTheOutboxIsOverItsBoundAndResumesWhenItDrains() {
        clerk.faults().latency(Duration.ofSeconds(1), "POST");
        for (int i = 0; i < EVENTS; i++) {
            // Keyed by connection, so that every partition, and so every consumer, has events to take.
            RegistryEvents.Event event = RegistryEvents.upserted(samlSpec(key("c" + i), 1, domain("c" + i)));
            publisher.publish(key("c" + i), event.cloudEvent().structured());
        }

        await().atMost(TIMEOUT).until(consumers::paused);
        long recorded = TestDatabase.count("select count(*) from inbox_event");
        // Over the bound by, for each consumer, the batch that crossed it and what the connector had fetched,
        // however fast intake is.
        long overshoot = BackPressureProfile.CONSUMERS * 4L * BackPressureProfile.MAX_POLL_RECORDS;
        assertTrue(recorded > BackPressureProfile.MAX_OUTBOX && recorded <= BackPressureProfile.MAX_OUTBOX + overshoot,
                recorded + " of " + EVENTS + " recorded when the consumer paused");

        clerk.clearFaults();
        await().atMost(TIMEOUT).until(() -> !consumers.paused());
        await().atMost(Duration.ofSeconds(60)).until(() ->
                TestDatabase.count("select count(*) from connection_state where status = 'SYNCED'") == EVENTS);
    }
}
