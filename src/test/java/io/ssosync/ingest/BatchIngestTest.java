package io.ssosync.ingest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ssosync.testing.CloudEvents;
import io.ssosync.testing.PipelineTest;
import io.ssosync.testing.RegistryEvents;
import io.ssosync.testing.SyncStack;
import io.ssosync.testing.TestDatabase;
import jakarta.inject.Inject;

/**
 * The records of one poll, handed to the consumer as Kafka hands them: one transaction for the batch, each event
 * planned against what the events before it left, a record the database refuses found by recording the batch
 * one by one. The batch is built here, so that what is in it does not depend on how the broker splits polls.
 */
@QuarkusTest
@WithTestResource(SyncStack.class)
class BatchIngestTest extends PipelineTest {

    private static final String TOPIC = "idp-registry.events";

    @Inject
    RegistryEventConsumer consumer;

    private final RegistryRecordDeserializer deserializer = new RegistryRecordDeserializer();
    private long offset = 1_000;

    BatchIngestTest() {
        deserializer.configure(Map.of(RegistryRecordDeserializer.MAX_EVENT_BYTES, "262144"), false);
    }

    @AfterEach
    void dropRefusal() {
        TestDatabase.execute("drop trigger if exists refuse_for_test on inbox_event");
        TestDatabase.execute("drop function if exists refuse_for_test()");
    }

    @Test
    void eventsOfOneBatchArePlannedInOrderAgainstWhatTheEventsBeforeThemLeft() throws Exception {
        String first = key("first");
        String second = key("second");
        ObjectNode firstV1 = samlSpec(first, 1, domain("first"));
        ObjectNode firstV2 = RegistryEvents.at(firstV1, 2);
        firstV2.put("name", "Renamed in the same batch");
        RegistryEvents.Event created = RegistryEvents.tenantCreated(tenant, null, List.of(firstV1));
        RegistryEvents.Event renamed = RegistryEvents.upserted(firstV2);
        RegistryEvents.Event secondCreated = RegistryEvents.upserted(samlSpec(second, 1, domain("second")));
        RegistryEvents.Event sameAgain = secondCreated;
        RegistryEvents.Event sameIdOtherContent = new RegistryEvents.Event(secondCreated.id(), secondCreated.type(),
                tenant, second, samlSpec(second, 7, domain("other")));
        RegistryEvents.Event secondDeleted = RegistryEvents.deleted(tenant, second, 2);
        String leaving = "t_leaving_" + tenant.substring(2);
        String leavingKey = leaving + "_okta";
        RegistryEvents.Event leavingCreated = RegistryEvents.upserted(RegistryEvents.samlSpec(leaving, leavingKey, 1,
                "leaving-" + tenant.replace('_', '-') + ".example.com"));
        RegistryEvents.Event tenantLeft = RegistryEvents.tenantDeleted(leaving, 3);

        consumer.consume(batch(created, renamed, secondCreated, sameAgain, sameIdOtherContent, secondDeleted,
                leavingCreated, tenantLeft));

        assertEquals(List.of("CHANGED", "CHANGED", "CHANGED", "CHANGED", "CHANGED"),
                List.of(outcome(created), outcome(renamed), outcome(secondCreated), outcome(secondDeleted),
                        outcome(tenantLeft)));
        assertEquals(1L, TestDatabase.count("select conflicts from inbox_event where event_id = ?",
                secondCreated.id()));
        assertEquals(List.of("CREATE 1", "UPDATE 2"), commands(first));
        assertEquals(List.of("CREATE 1", "DELETE 2"), commands(second));
        assertEquals(List.of("CREATE 1", "DELETE 3"), commands(leavingKey));
        assertEquals(3L, TestDatabase.value("select deleted_version from tenant_state where tenant_id = ?", leaving));

        // What the batch planned reaches Clerk: the renamed connection only.
        Object clerkId = awaitStatus(first, "SYNCED").get("clerk_connection_id");
        assertEquals("Renamed in the same batch", clerk.connection((String) clerkId).orElseThrow().name());
        awaitStatus(second, "DELETED");
        awaitStatus(leavingKey, "DELETED");
        await().atMost(TIMEOUT).until(() -> clerk.connections().size() == 1);
    }

    @Test
    void aBatchTheDatabaseRefusesIsRecordedOneByOneAndOnlyTheRecordAtFaultIsRejected() throws Exception {
        String before = key("before");
        String refused = key("refused");
        String after = key("after");
        RegistryEvents.Event beforeCreated = RegistryEvents.upserted(samlSpec(before, 1, domain("before")));
        RegistryEvents.Event refusedCreated = RegistryEvents.upserted(samlSpec(refused, 1, domain("refused")));
        RegistryEvents.Event afterCreated = RegistryEvents.upserted(samlSpec(after, 1, domain("after")));
        // PostgreSQL refusing one row for its content, as a broken constraint would: not a transient failure.
        TestDatabase.execute("create function refuse_for_test() returns trigger language plpgsql as $$ begin"
                + " if new.event_id = '" + refusedCreated.id() + "' then raise exception 'refused by the test'"
                + " using errcode = '23514'; end if; return new; end $$");
        TestDatabase.execute("create trigger refuse_for_test before insert on inbox_event for each row"
                + " execute function refuse_for_test()");
        List<ConsumerRecord<String, RegistryRecord>> records = new ArrayList<>();
        records.add(record(beforeCreated));
        records.add(record(refusedCreated));
        records.add(record(tenant, "{\"specversion\": \"1.0\", \"id\": ".getBytes(StandardCharsets.UTF_8)));
        records.add(record(afterCreated));

        consumer.consume(batch(records));

        assertEquals("CHANGED", outcome(beforeCreated));
        assertEquals("CHANGED", outcome(afterCreated));
        assertEquals(0L, TestDatabase.count("select count(*) from inbox_event where event_id = ?",
                refusedCreated.id()));
        List<Map<String, Object>> rejected = TestDatabase.rows("select event_id, reason, kafka_offset"
                + " from rejected_event order by kafka_offset");
        assertEquals(2, rejected.size(), rejected::toString);
        assertEquals(refusedCreated.id(), rejected.get(0).get("event_id"));
        assertEquals("value could not be stored (SQL state 23514)", rejected.get(0).get("reason"));
        assertTrue(((String) rejected.get(1).get("reason")).startsWith("value is not JSON"), rejected::toString);
        awaitStatus(before, "SYNCED");
        awaitStatus(after, "SYNCED");
        assertEquals(0L, TestDatabase.count("select count(*) from connection_state where connection_key = ?",
                refused));
    }

    private String outcome(RegistryEvents.Event event) {
        return (String) TestDatabase.value("select outcome from inbox_event where event_id = ?", event.id());
    }

    private static List<String> commands(String connectionKey) {
        return TestDatabase.rows("select operation, version from sync_command where connection_key = ? order by id",
                connectionKey).stream().map(row -> row.get("operation") + " " + row.get("version")).toList();
    }

    private ConsumerRecords<String, RegistryRecord> batch(RegistryEvents.Event... events) {
        List<ConsumerRecord<String, RegistryRecord>> records = new ArrayList<>();
        for (RegistryEvents.Event event : events) {
            records.add(record(event));
        }
        return batch(records);
    }

    private static ConsumerRecords<String, RegistryRecord> batch(List<ConsumerRecord<String, RegistryRecord>> records) {
        return new ConsumerRecords<>(Map.of(new TopicPartition(TOPIC, 0), records), Map.of());
    }

    private ConsumerRecord<String, RegistryRecord> record(RegistryEvents.Event event) {
        CloudEvents.Encoded encoded = event.cloudEvent().structured();
        RecordHeaders headers = new RecordHeaders();
        encoded.headers().forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        return new ConsumerRecord<>(TOPIC, 0, offset++, System.currentTimeMillis(), TimestampType.CREATE_TIME, -1, -1,
                event.tenantId(), deserializer.deserialize(TOPIC, headers, encoded.value()), headers, Optional.empty());
    }

    private ConsumerRecord<String, RegistryRecord> record(String key, byte[] value) {
        RecordHeaders headers = new RecordHeaders();
        return new ConsumerRecord<>(TOPIC, 0, offset++, System.currentTimeMillis(), TimestampType.CREATE_TIME, -1, -1,
                key, deserializer.deserialize(TOPIC, headers, value), headers, Optional.empty());
    }
}
