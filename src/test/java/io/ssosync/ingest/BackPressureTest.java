package io.ssosync.ingest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.smallrye.reactive.messaging.ChannelRegistry;
import io.smallrye.reactive.messaging.PausableChannel;
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
    ChannelRegistry channels;

    private PausableChannel consumer() {
        return channels.getPausable(RegistryEventConsumer.CHANNEL);
    }

    @Test
    void consumerPausesWhileTheOutboxIsOverItsBoundAndResumesWhenItDrains() {
        clerk.faults().latency(Duration.ofSeconds(1), "POST");
        for (int i = 0; i < EVENTS; i++) {
            publisher.structured(RegistryEvents.upserted(samlSpec(key("c" + i), 1, domain("c" + i))));
        }

        await().atMost(TIMEOUT).until(() -> consumer().isPaused());
        long recorded = TestDatabase.count("select count(*) from inbox_event");
        // Over the bound by the batch that crossed it and what the connector had fetched, however fast intake is.
        long overshoot = 4L * BackPressureProfile.MAX_POLL_RECORDS;
        assertTrue(recorded > BackPressureProfile.MAX_OUTBOX && recorded <= BackPressureProfile.MAX_OUTBOX + overshoot,
                recorded + " of " + EVENTS + " recorded when the consumer paused");

        clerk.clearFaults();
        await().atMost(TIMEOUT).until(() -> !consumer().isPaused());
        await().atMost(Duration.ofSeconds(60)).until(() ->
                TestDatabase.count("select count(*) from connection_state where status = 'SYNCED'") == EVENTS);
    }
}
