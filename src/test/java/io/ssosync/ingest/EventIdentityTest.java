package io.ssosync.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ssosync.sync.EventRecorder;
import io.ssosync.sync.store.InboxStore;
import io.ssosync.testing.PipelineTest;
import io.ssosync.testing.RegistryEvents;
import io.ssosync.testing.SyncStack;
import io.ssosync.testing.TestDatabase;
import jakarta.inject.Inject;

/** An event is identified by its source and id together, as CloudEvents defines; a reused id with new content is a conflict. */
@QuarkusTest
@WithTestResource(SyncStack.class)
class EventIdentityTest extends PipelineTest {

    @Inject
    EventIntake intake;

    @Test
    void sameIdFromAnotherSourceIsAnotherEvent() {
        RegistryEvents.Event first = RegistryEvents.upserted(samlSpec(key("first"), 1, domain("first")));
        RegistryEvents.Event second = new RegistryEvents.Event(first.id(), first.type(), tenant, key("second"),
                samlSpec(key("second"), 1, domain("second")));
        publisher.structured(first);
        publishStructured(second, "/another-registry");

        awaitStatus(key("first"), "SYNCED");
        awaitStatus(key("second"), "SYNCED");
        assertEquals(2, TestDatabase.count("select count(*) from inbox_event where event_id = ?", first.id()));
        assertEquals(2, clerk.connections().size());
    }

    @Test
    void sameIdAndSourceWithOtherContentIsRecordedAsAConflictAndChangesNothing() throws Exception {
        String key = key("okta");
        ObjectNode v1 = samlSpec(key, 1, domain("acme"));
        RegistryEvents.Event original = RegistryEvents.upserted(v1);
        publisher.structured(original);
        awaitSettled(original);
        awaitStatus(key, "SYNCED");

        ObjectNode v2 = RegistryEvents.at(v1, 2);
        v2.put("name", "Changed under the same id");
        RegistryEvents.Event reused = new RegistryEvents.Event(original.id(), original.type(), tenant, key, v2);
        publisher.structured(reused);
        RegistryEvents.Event marker = RegistryEvents.upserted(samlSpec(key("marker"), 1, domain("marker")));
        publisher.structured(marker);
        awaitSettled(marker);

        Map<String, Object> inbox = TestDatabase.rows("select outcome, conflicts, last_conflict_at from inbox_event"
                + " where event_id = ?", original.id()).get(0);
        assertEquals("CHANGED", inbox.get("outcome"), "the first delivery's outcome stays");
        assertEquals(1, inbox.get("conflicts"));
        assertNotNull(inbox.get("last_conflict_at"));
        assertEquals(1, TestDatabase.count("select count(*) from sync_command where source_event_id = ?", original.id()));
        assertEquals(1L, state(key).get("desired_version"));
        assertEquals("Acme Okta", clerk.connection((String) state(key).get("clerk_connection_id")).orElseThrow().name());

        // The same reuse through intake directly (as a replay would) is answered as a conflict, and counted.
        EventIntake.Result again = intake.take(Map.of(), reused.cloudEvent().structuredValue(),
                InboxStore.Origin.NONE);
        assertEquals(EventRecorder.Outcome.CONFLICT, again.outcome());
        assertEquals(2, TestDatabase.value("select conflicts from inbox_event where event_id = ?", original.id()));
    }

    @Test
    void sameEventInBothBindingsIsAPlainDuplicate() throws Exception {
        String key = key("okta");
        RegistryEvents.Event event = RegistryEvents.upserted(samlSpec(key, 1, domain("acme")));
        publisher.binary(event);
        publisher.structured(event);
        RegistryEvents.Event marker = RegistryEvents.upserted(samlSpec(key("marker"), 1, domain("marker")));
        publisher.structured(marker);
        awaitSettled(marker);

        List<Map<String, Object>> inbox = TestDatabase.rows("select conflicts, last_conflict_at from inbox_event"
                + " where event_id = ?", event.id());
        assertEquals(1, inbox.size());
        assertEquals(0, inbox.get(0).get("conflicts"));
        assertNull(inbox.get(0).get("last_conflict_at"));
        assertEquals(1, TestDatabase.count("select count(*) from sync_command where source_event_id = ?", event.id()));
        assertEquals(EventRecorder.Outcome.DUPLICATE, intake.take(Map.of(),
                event.cloudEvent().structuredValue(), InboxStore.Origin.NONE).outcome());
    }

    private void publishStructured(RegistryEvents.Event event, String source) {
        publisher.publish(event.tenantId(), event.cloudEvent().source(source).structured());
    }
}
