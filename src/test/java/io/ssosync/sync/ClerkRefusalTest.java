package io.ssosync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ssosync.testing.PipelineTest;
import io.ssosync.testing.RegistryEvents;
import io.ssosync.testing.SyncStack;
import io.ssosync.testing.TestDatabase;

/** Clerk refuses a change for good: that connection fails visibly, the others carry on. */
@QuarkusTest
@WithTestResource(SyncStack.class)
class ClerkRefusalTest extends PipelineTest {

    @Test
    void refusedConnectionFailsWithClerksMessageAndOthersFlow() {
        String first = key("first");
        publisher.structured(RegistryEvents.upserted(samlSpec(first, 1, domain("shared"))));
        awaitStatus(first, "SYNCED");

        // Clerk holds each domain once: a second connection claiming it is refused with 422.
        String clash = key("clash");
        publisher.structured(RegistryEvents.upserted(samlSpec(clash, 1, domain("shared"))));
        Map<String, Object> failed = awaitStatus(clash, "FAILED");

        String error = (String) failed.get("last_error");
        assertTrue(error.startsWith("Clerk answered 422"), error);
        assertTrue(error.contains(domain("shared")), error);
        Map<String, Object> attempt = TestDatabase.rows("select http_status, outcome, clerk_error_code,"
                + " clerk_error_message, clerk_trace_id from sync_history where connection_key = ?", clash).get(0);
        assertEquals(422, attempt.get("http_status"));
        assertEquals("FAILED", attempt.get("outcome"));
        assertTrue(attempt.get("clerk_error_code") != null && attempt.get("clerk_trace_id") != null, attempt.toString());
        assertEquals("FAILED", TestDatabase.value("select status from sync_command where connection_key = ?", clash));

        String other = key("other");
        publisher.structured(RegistryEvents.upserted(samlSpec(other, 1, domain("other"))));
        awaitStatus(other, "SYNCED");

        // Once the registry fixes the data, the failed connection syncs.
        ObjectNode fixed = samlSpec(clash, 2, domain("own"));
        publisher.structured(RegistryEvents.upserted(fixed));
        awaitStatus(clash, "SYNCED");
        assertEquals(3, clerk.connections().size());
    }

    @Test
    void unchangedEventAfterARefusalDoesNotMarkAVersionClerkNeverGotAsApplied() {
        String first = key("first");
        publisher.structured(RegistryEvents.upserted(samlSpec(first, 1, domain("shared"))));
        awaitStatus(first, "SYNCED");
        String clash = key("clash");
        ObjectNode refused = samlSpec(clash, 1, domain("shared"));
        publisher.structured(RegistryEvents.upserted(refused));
        awaitStatus(clash, "FAILED");
        Object appliedBefore = state(clash).get("applied_version");

        // The registry sends the same spec again at a higher version: nothing to send, and still not in Clerk.
        RegistryEvents.Event again = RegistryEvents.upserted(RegistryEvents.at(refused, 2));
        publisher.structured(again);
        assertEquals("UNCHANGED", awaitSettled(again));

        Map<String, Object> state = state(clash);
        assertEquals(2L, state.get("desired_version"));
        assertEquals(appliedBefore, state.get("applied_version"));
        assertEquals("FAILED", state.get("status"));
        assertEquals(1, clerk.connections().size());
    }
}
