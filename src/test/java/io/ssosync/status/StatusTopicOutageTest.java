package io.ssosync.status;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ssosync.testing.PipelineTest;
import io.ssosync.testing.RegistryEvents;
import io.ssosync.testing.StatusEvents;
import io.ssosync.testing.StatusOutageStack;
import io.ssosync.testing.SyncStack;
import io.ssosync.testing.TestDatabase;

/**
 * Kafka goes away from the status relay while connections keep syncing: their events wait in the outbox and,
 * once Kafka is back, all of them are published, in order.
 */
@QuarkusTest
@WithTestResource(StatusOutageStack.class)
class StatusTopicOutageTest extends PipelineTest {

    @Test
    void eventsWrittenWhileKafkaIsAwayArePublishedInOrderOnceItIsBack() throws IOException {
        String key = key("okta");
        ObjectNode v1 = samlSpec(key, 1, domain("acme"));
        publisher.structured(RegistryEvents.upserted(v1));
        awaitStatus(key, "SYNCED");
        await().atMost(TIMEOUT).until(() -> unpublished() == 0);

        long failuresBefore = relayFailuresLogged();
        StatusOutageStack.proxy().cutOff();
        try {
            ObjectNode v2 = RegistryEvents.at(v1, 2);
            v2.put("name", "Acme Okta EU");
            awaitSettled(publish(RegistryEvents.upserted("idp.connection.updated", v2)));
            ObjectNode v3 = RegistryEvents.at(v2, 3);
            v3.put("name", "Acme Okta Europe");
            awaitSettled(publish(RegistryEvents.upserted("idp.connection.updated", v3)));
            assertEquals("SYNCED", state(key).get("status"), "syncing does not wait for the status topic");
            assertEquals(2, unpublished());
            // Long enough for Kafka's producer to give the event up, so that the relay has to send it again.
            await().atMost(Duration.ofSeconds(60)).until(() -> relayFailuresLogged() > failuresBefore);
            assertEquals(2, unpublished());
        } finally {
            StatusOutageStack.proxy().restore();
        }

        try (StatusEvents status = new StatusEvents(StatusOutageStack.bootstrapServers(), SyncStack.STATUS_TOPIC,
                tenant)) {
            List<StatusEvents.Received> received = status.awaitAllPublished();
            // At least once: a copy Kafka took while its acknowledgement was lost comes again under the same id.
            Map<String, Long> firstCopies = new LinkedHashMap<>();
            received.forEach(e -> firstCopies.putIfAbsent(e.event().path("id").asText(),
                    e.data().path("version").asLong()));
            assertEquals(List.of(1L, 2L, 3L), new ArrayList<>(firstCopies.values()), received.toString());
        }
        // A status event Kafka gave up on is the relay's to send again, not a failed channel.
        given().get("/q/health/live").then().statusCode(200);
    }

    /** The relay's warnings in the test log, which every Quarkus test writes (application.properties). */
    private static long relayFailuresLogged() throws IOException {
        Path log = Path.of("target/quarkus-test.log");
        try (var lines = Files.lines(log)) {
            return lines.filter(line -> line.contains("status events not published")).count();
        }
    }

    private long unpublished() {
        return TestDatabase.count("select count(*) from status_event where tenant_id = ? and published_at is null",
                tenant);
    }

    private RegistryEvents.Event publish(RegistryEvents.Event event) {
        publisher.structured(event);
        return event;
    }

}
