package io.ssosync.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ssosync.testing.PipelineTest;
import io.ssosync.testing.TestKeys;
import io.ssosync.testing.RegistryEvents;
import io.ssosync.testing.SyncStack;
import io.ssosync.testing.TestDatabase;

/** How events arrive: redelivered, late, in either binding, of unknown type, or broken. */
@QuarkusTest
@WithTestResource(SyncStack.class)
class DeliveryTest extends PipelineTest {

    @Test
    void sameEventDeliveredTwiceHasOneEffect() {
        String key = key("okta");
        RegistryEvents.Event created = RegistryEvents.upserted(samlSpec(key, 1, domain("acme")));
        publisher.structured(created);
        publisher.structured(created);
        RegistryEvents.Event marker = RegistryEvents.upserted(samlSpec(key("marker"), 1, domain("marker")));
        publisher.structured(marker);

        // Same tenant, same partition: once the marker is settled, both copies were consumed.
        awaitSettled(marker);
        awaitStatus(key, "SYNCED");
        assertEquals(1, TestDatabase.count("select count(*) from inbox_event where event_id = ?", created.id()));
        assertEquals(1, TestDatabase.count("select count(*) from sync_command where source_event_id = ?", created.id()));
        assertEquals(2, clerk.connections().size());
        assertEquals(2, clerkRequests("POST").size());
    }

    @Test
    void staleVersionChangesNothing() {
        String key = key("okta");
        ObjectNode v2 = samlSpec(key, 2, domain("acme"));
        publisher.structured(RegistryEvents.upserted(v2));
        awaitStatus(key, "SYNCED");
        clerk.clearRequestLog();

        ObjectNode v1 = RegistryEvents.at(v2, 1);
        v1.put("name", "An older name");
        RegistryEvents.Event late = RegistryEvents.upserted(v1);
        publisher.structured(late);

        assertEquals("STALE", awaitSettled(late));
        assertTrue(clerk.requests().isEmpty());
        assertEquals("Acme Okta", clerk.connections().get(0).name());
        assertEquals(2L, state(key).get("desired_version"));
    }

    @Test
    void bothCloudEventsBindingsAreAccepted() {
        String key = key("okta");
        ObjectNode v1 = samlSpec(key, 1, domain("acme"));
        publisher.binary(RegistryEvents.upserted("idp.connection.created", v1));
        String clerkId = (String) awaitStatus(key, "SYNCED").get("clerk_connection_id");

        ObjectNode v2 = RegistryEvents.at(v1, 2);
        v2.put("name", "Renamed in structured mode");
        RegistryEvents.Event structured = RegistryEvents.upserted(v2);
        publisher.structured(structured);
        awaitSettled(structured);

        ObjectNode v3 = RegistryEvents.at(v2, 3);
        v3.put("name", "Renamed in binary mode");
        RegistryEvents.Event binary = RegistryEvents.upserted("idp.connection.updated", v3);
        publisher.binary(binary);
        awaitSettled(binary);

        assertEquals("Renamed in binary mode", clerk.connection(clerkId).orElseThrow().name());
        assertEquals(3L, state(key).get("applied_version"));
    }

    @Test
    void unknownTypeIsSkippedAndRecorded() {
        RegistryEvents.Event unknown = RegistryEvents.ofType("idp.connection.archived", tenant,
                samlSpec(key("okta"), 1, domain("acme")));
        publisher.structured(unknown);

        assertEquals("SKIPPED_UNKNOWN_TYPE", awaitSettled(unknown));
        assertEquals("idp.connection.archived",
                TestDatabase.value("select event_type from inbox_event where event_id = ?", unknown.id()));
        assertEquals(1, TestDatabase.count("select count(*) from inbox_event where outcome = 'SKIPPED_UNKNOWN_TYPE'"));
        assertTrue(clerk.requests().isEmpty());
    }

    @Test
    void invalidEventsAreSetAsideWithTheirReasonAndTheNextOnesFlow() {
        byte[] notJson = "{not json".getBytes(UTF_8);
        publisher.raw(tenant, notJson);
        ObjectNode noTenant = samlSpec(key("broken"), 1, domain("broken"));
        noTenant.remove("tenantId");
        publisher.structured(new RegistryEvents.Event(RegistryEvents.newId(), "idp.connection.upserted", tenant,
                null, noTenant));
        ObjectNode badDomain = samlSpec(key("broken2"), 1, "Not A Domain");
        publisher.binary(RegistryEvents.upserted(badDomain));
        String key = key("okta");
        publisher.structured(RegistryEvents.upserted(samlSpec(key, 1, domain("acme"))));

        awaitStatus(key, "SYNCED");
        await().atMost(TIMEOUT).until(() -> TestDatabase.count("select count(*) from rejected_event") == 3);
        List<Map<String, Object>> rejected = TestDatabase.rows(
                "select reason, raw_value, kafka_topic, kafka_offset from rejected_event order by kafka_offset");
        assertTrue(((String) rejected.get(0).get("reason")).startsWith("value is not JSON"), rejected.toString());
        assertArrayEquals(notJson, TestKeys.openRawValue(rejected.get(0).get("raw_value")));
        assertEquals("data.tenantId is missing", rejected.get(1).get("reason"));
        assertTrue(((String) rejected.get(2).get("reason")).startsWith("data.domains[0]"), rejected.toString());
        assertEquals(SyncStack.TOPIC, rejected.get(0).get("kafka_topic"));
        assertEquals(1, clerk.connections().size());
    }

    @Test
    void aRejectedRecordsCopyToTheDeadLetterTopicIsRecordedOnItsRow() {
        publisher.raw(tenant, "{not json".getBytes(UTF_8));

        await().atMost(TIMEOUT).until(() -> "COPIED".equals(
                TestDatabase.value("select dead_letter_status from rejected_event")));
        Map<String, Object> row = TestDatabase.rows("select dead_letter_error, dead_letter_at from rejected_event").get(0);
        assertEquals(null, row.get("dead_letter_error"));
        assertTrue(row.get("dead_letter_at") != null);
    }
}
