package io.ssosync.sync;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ssosync.ingest.EventIntake;
import io.ssosync.sync.store.InboxStore;
import io.ssosync.testing.PipelineTest;
import io.ssosync.testing.RegistryEvents;
import io.ssosync.testing.SyncStack;
import io.ssosync.testing.TestDatabase;
import jakarta.inject.Inject;

/**
 * Two events about a connection key never seen before, recorded at the same moment (a Kafka event and an
 * operator's replay, say). There is no row to lock yet, so only a lock on the key itself keeps the older one
 * from overwriting the newer one, and a tenant's deletion from missing a connection created beside it.
 * <p>
 * The race is made deterministic with a gate: a trigger (test fixture, dropped afterwards) holds the chosen
 * transaction right before its first write to {@code connection_state}, i.e. after it has read "no row",
 * until the test opens the gate. Meanwhile the other transaction runs as far as it can.
 */
@QuarkusTest
@WithTestResource(SyncStack.class)
class FirstSightRaceTest extends PipelineTest {

    /** Session-level advisory lock the test holds while the gate is shut (one-key form: no clash with the service's). */
    private static final long GATE_LOCK = 4242;

    @Inject
    EventIntake intake;

    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private Connection gate;

    @BeforeEach
    void shutGate() throws SQLException {
        gate = DriverManager.getConnection(TestDatabase.URL, TestDatabase.USER, TestDatabase.PASSWORD);
        try (Statement st = gate.createStatement()) {
            st.execute("select pg_advisory_lock(" + GATE_LOCK + ")");
        }
    }

    @AfterEach
    void removeGate() throws SQLException {
        threads.shutdownNow();
        TestDatabase.execute("drop trigger if exists first_sight_gate on connection_state");
        TestDatabase.execute("drop function if exists first_sight_gate()");
        gate.close();
    }

    @Test
    void olderEventRecordedAtTheSameMomentCannotOverwriteTheNewerOne() throws Exception {
        String key = key("okta");
        ObjectNode v1 = samlSpec(key, 1, domain("acme"));
        ObjectNode v2 = RegistryEvents.at(v1, 2);
        v2.put("name", "The newer name");
        holdFirstInsertOf(key, 1);

        Future<EventIntake.Result> older = record(RegistryEvents.upserted(v1));
        awaitGateWaiters(1);
        Future<EventIntake.Result> newer = record(RegistryEvents.upserted(v2));
        // Unfixed, the newer one commits now; fixed, it waits for the older one's lock on the key.
        await().atMost(TIMEOUT).until(() -> newer.isDone() || advisoryWaiters() == 2);
        openGate();

        assertEquals(EventRecorder.Outcome.CHANGED, older.get(30, TimeUnit.SECONDS).outcome());
        assertEquals(EventRecorder.Outcome.CHANGED, newer.get(30, TimeUnit.SECONDS).outcome());
        assertEquals(2L, state(key).get("desired_version"));
        assertEquals("The newer name", json((String) TestDatabase.value(
                "select desired_spec::text from connection_state where connection_key = ?", key)).get("name").asText());
        assertEquals("The newer name", awaitStatusName(key));
    }

    @Test
    void tenantDeletionRacingTheFirstUpsertOfANewKeyDeletesIt() throws Exception {
        String key = key("okta");
        holdFirstInsertOf(key, 5);

        Future<EventIntake.Result> upsert = record(RegistryEvents.upserted(samlSpec(key, 5, domain("acme"))));
        awaitGateWaiters(1);
        Future<EventIntake.Result> deletion = record(RegistryEvents.tenantDeleted(tenant, 10));
        // Unfixed, the deletion commits now without seeing the new key; fixed, it waits for the upsert.
        await().atMost(TIMEOUT).until(() -> deletion.isDone() || advisoryWaiters() == 2);
        openGate();

        upsert.get(30, TimeUnit.SECONDS);
        deletion.get(30, TimeUnit.SECONDS);
        Map<String, Object> state = state(key);
        assertEquals(true, state.get("desired_deleted"), "desired version " + state.get("desired_version"));
        assertEquals(10L, state.get("desired_version"));
        awaitStatus(key, "DELETED");
        assertEquals(0, clerk.connections().size());
    }

    /** Gates the insert (or upsert) of {@code key} at {@code version} until {@link #openGate()}. */
    private void holdFirstInsertOf(String key, long version) {
        TestDatabase.execute("create or replace function first_sight_gate() returns trigger language plpgsql as $$"
                + " begin"
                + "   if new.connection_key = '" + key + "' and new.desired_version = " + version + " then"
                + "     perform pg_advisory_xact_lock_shared(" + GATE_LOCK + ");"
                + "   end if;"
                + "   return new;"
                + " end $$");
        TestDatabase.execute("create trigger first_sight_gate before insert on connection_state"
                + " for each row execute function first_sight_gate()");
    }

    private void openGate() throws SQLException {
        try (Statement st = gate.createStatement()) {
            st.execute("select pg_advisory_unlock(" + GATE_LOCK + ")");
        }
    }

    private void awaitGateWaiters(int count) {
        await().atMost(TIMEOUT).until(() -> advisoryWaiters() == count);
    }

    /** Sessions of this database waiting for an advisory lock: at the gate, or on a key the service locked. */
    private static long advisoryWaiters() {
        return TestDatabase.count("select count(*) from pg_stat_activity where datname = current_database()"
                + " and wait_event_type = 'Lock' and wait_event = 'advisory'");
    }

    private Future<EventIntake.Result> record(RegistryEvents.Event event) {
        byte[] envelope = event.cloudEvent().structuredValue();
        return threads.submit(() -> intake.take(Map.of(), envelope, InboxStore.Origin.NONE));
    }

    private String awaitStatusName(String key) {
        awaitStatus(key, "SYNCED");
        return clerk.connection((String) state(key).get("clerk_connection_id")).orElseThrow().name();
    }
}
