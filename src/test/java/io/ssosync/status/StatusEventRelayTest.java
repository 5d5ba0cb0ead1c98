package io.ssosync.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.ssosync.support.jdbc.Transactions;
import io.ssosync.sync.domain.ServiceProvider;
import io.ssosync.sync.domain.SyncStatus;
import io.ssosync.testing.RegistryEvents;
import io.ssosync.testing.UnitDatabase;

/** The status event outbox and its relay against a real database, with a Kafka stand-in that can refuse. */
class StatusEventRelayTest {

    private final StatusEventStore store = new StatusEventStore();
    private Transactions transactions;
    private final Kafka kafka = new Kafka();

    @BeforeEach
    void clean() {
        transactions = UnitDatabase.transactions();
    }

    @Test
    void eventsAfterOneKafkaDidNotTakeWaitForItAndAllGoOutInOrderOnceItDoes() {
        append("t_a", "idp_1", 1);
        append("t_a", "idp_1", 2);
        append("t_b", "idp_9", 1);
        StatusEventRelay relay = new StatusEventRelay(transactions, store, kafka, 100);
        kafka.refuseAfter(1, 2);

        StatusEventRelay.Turn outage = relay.relayOnce();

        assertTrue(outage.relayed());
        assertEquals(1, outage.published());
        assertNotNull(outage.failure());
        assertEquals(List.of("t_a/idp_1/1"), kafka.taken);
        assertEquals(List.of("t_a/idp_1/1", "t_a/idp_1/2"), kafka.offered, "nothing after the refused event was sent");
        assertEquals(2, UnitDatabase.count("select count(*) from status_event where published_at is null"));

        StatusEventRelay.Turn outageGoesOn = relay.relayOnce();
        assertEquals(0, outageGoesOn.published());

        StatusEventRelay.Turn back = relay.relayOnce();

        assertNull(back.failure());
        assertEquals(2, back.published());
        assertEquals(List.of("t_a/idp_1/1", "t_a/idp_1/2", "t_b/idp_9/1"), kafka.taken);
        assertEquals(0, UnitDatabase.count("select count(*) from status_event where published_at is null"));
        assertEquals(0, relay.relayOnce().published(), "published once");
    }

    @Test
    void aSecondRelayWaitsWhileOneHasTheTurn() throws Exception {
        append("t_a", "idp_1", 1);
        StatusEventRelay relay = new StatusEventRelay(transactions, store, kafka, 100);
        try (Connection other = UnitDatabase.dataSource().getConnection()) {
            other.setAutoCommit(false);
            assertTrue(store.tryLockRelay(other));

            StatusEventRelay.Turn turn = relay.relayOnce();

            assertFalse(turn.relayed());
            assertEquals(List.of(), kafka.offered);
            other.commit();
        }
        assertEquals(1, relay.relayOnce().published());
    }

    @Test
    void aStatusChangeWhoseTransactionRolledBackLeavesNothingToPublish() {
        assertThrows(IllegalStateException.class, () -> transactions.run(c -> {
            store.append(c, change("t_a", "idp_1", 1, SyncStatus.SYNCED));
            throw new IllegalStateException("the state change failed after its event was written");
        }));

        assertEquals(0, UnitDatabase.count("select count(*) from status_event"));
        assertEquals(0, new StatusEventRelay(transactions, store, kafka, 100).relayOnce().published());
        assertEquals(List.of(), kafka.offered);
    }

    @Test
    void eachEventIsAStructuredCloudEventWithAnIdOfItsOwnKeptForRepublishing() {
        ServiceProvider sp = new ServiceProvider("https://clerk.example.test/v1/saml/acs/samlc_1",
                "https://clerk.example.test/saml/samlc_1", "https://clerk.example.test/v1/saml/metadata/samlc_1");
        transactions.run(c -> store.append(c, new StatusChange("t_a", "idp_1", 3, "entconn_1", SyncStatus.SYNCED, null,
                sp)));
        append("t_a", "idp_1", 4);
        String stored = (String) UnitDatabase.value("select body from status_event order by id limit 1");
        kafka.refuseAfter(0, 1);
        StatusEventRelay relay = new StatusEventRelay(transactions, store, kafka, 100);
        relay.relayOnce();
        relay.relayOnce();

        assertEquals(List.of("t_a/idp_1/3", "t_a/idp_1/3", "t_a/idp_1/4"), kafka.offered);
        assertEquals(stored, kafka.offeredBodies.get(0));
        assertEquals(stored, kafka.offeredBodies.get(1), "the same bytes when published again");
        JsonNode event = json(stored);
        assertEquals("1.0", event.path("specversion").asText());
        assertEquals("sso-sync.connection.synced", event.path("type").asText());
        assertEquals("idp_1", event.path("subject").asText());
        assertEquals(UnitDatabase.value("select event_id from status_event order by id limit 1"),
                event.path("id").asText());
        assertEquals(json("{\"tenantId\":\"t_a\",\"connectionKey\":\"idp_1\",\"version\":3,"
                + "\"clerkConnectionId\":\"entconn_1\",\"status\":\"SYNCED\",\"reason\":null,\"clerk\":{"
                + "\"acsUrl\":\"https://clerk.example.test/v1/saml/acs/samlc_1\","
                + "\"spEntityId\":\"https://clerk.example.test/saml/samlc_1\","
                + "\"spMetadataUrl\":\"https://clerk.example.test/v1/saml/metadata/samlc_1\"}}"), event.get("data"));
        Set<String> ids = new HashSet<>();
        kafka.offeredBodies.forEach(b -> ids.add(json(b).path("id").asText()));
        assertEquals(2, ids.size(), "one id per event, the same on every copy");
    }

    @Test
    void pruningDeletesOnlyEventsPublishedLongEnoughAgo() {
        append("t_a", "idp_1", 1);
        append("t_a", "idp_1", 2);
        append("t_a", "idp_1", 3);
        UnitDatabase.execute("update status_event set published_at = now() - interval '2 days' where id = 1");
        UnitDatabase.execute("update status_event set published_at = now() where id = 2");
        Instant dayAgo = Instant.now().minus(1, ChronoUnit.DAYS);

        assertEquals(1, (int) transactions.inTransaction(c -> store.prunePublished(c, dayAgo, 1000)));

        assertEquals(List.of(2L, 3L), ids());
    }

    private List<Long> ids() {
        return UnitDatabase.rows("select id from status_event order by id").stream()
                .map(r -> ((Number) r.get("id")).longValue()).toList();
    }

    private void append(String tenant, String key, long version) {
        transactions.run(c -> store.append(c, change(tenant, key, version, SyncStatus.SYNCED)));
    }

    private static StatusChange change(String tenant, String key, long version, SyncStatus status) {
        return new StatusChange(tenant, key, version, "entconn_" + key, status, null, null);
    }

    private static JsonNode json(String text) {
        try {
            return RegistryEvents.JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Takes events, or refuses the next one when told, as Kafka does while its brokers are away. */
    private static final class Kafka implements StatusEventSender {
        private int accepting = Integer.MAX_VALUE;
        private int refusing;
        final List<String> offered = new ArrayList<>();
        final List<String> offeredBodies = new ArrayList<>();
        final List<String> taken = new ArrayList<>();

        /** Takes {@code first} more events, then refuses the {@code times} after them. */
        void refuseAfter(int first, int times) {
            accepting = first;
            refusing = times;
        }

        @Override
        public void send(String key, String cloudEvent) throws Exception {
            JsonNode data = json(cloudEvent).path("data");
            String name = key + "/" + data.path("connectionKey").asText() + "/" + data.path("version").asLong();
            offered.add(name);
            offeredBodies.add(cloudEvent);
            if (accepting-- <= 0 && refusing-- > 0) {
                throw new org.apache.kafka.common.errors.TimeoutException("Kafka is away");
            }
            taken.add(name);
        }
    }
}
