package io.ssosync.sync.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.ssosync.support.tracing.Traces;
import io.ssosync.testing.TestKeys;
import io.ssosync.support.jdbc.Transactions;
import io.ssosync.sync.domain.ConnectionField;
import io.ssosync.sync.domain.ConnectionSpec;
import io.ssosync.sync.domain.Operation;
import io.ssosync.sync.domain.PlannedCommand;
import io.ssosync.sync.domain.Specs;
import io.ssosync.testing.UnitDatabase;

/** The outbox's claims, fences and idle-time queries, against a real database. */
class CommandStoreTest {

    private static final Duration LEASE = Duration.ofSeconds(60);

    private final Transactions transactions = UnitDatabase.transactions();
    private final CommandStore commands = new CommandStore(new SpecJson(new ObjectMapper(), TestKeys.box()), Traces.none());

    @Test
    void aTakenOverClaimFailsItsFenceAndItsRenewal() {
        add("idp_1", 1);
        SyncCommand first = claim("a").orElseThrow();
        UnitDatabase.execute("update sync_command set lease_until = now() - interval '1 second'");
        SyncCommand second = claim("b").orElseThrow();

        assertNotEquals(first.claimToken(), second.claimToken());
        assertThrows(ClaimLostException.class, () -> transactions.run(c -> commands.fence(c, first)));
        boolean firstRenewed = transactions.inTransaction(c -> commands.renew(c, first, LEASE));
        boolean secondRenewed = transactions.inTransaction(c -> commands.renew(c, second, LEASE));
        assertFalse(firstRenewed);
        assertTrue(secondRenewed);
        transactions.run(c -> commands.fence(c, second));
    }

    @Test
    void claimsGivenBackByTheirOwnerAreDueAtOnceAndTheirOldTokensNoLongerHold() {
        add("idp_1", 1);
        add("idp_2", 1);
        add("idp_3", 1);
        SyncCommand broken = claim("a").orElseThrow();
        SyncCommand alsoA = claim("a").orElseThrow();
        SyncCommand others = claim("b").orElseThrow();

        int released = transactions.inTransaction(c -> commands.releaseAllOf(c, "a"));
        assertEquals(2, released);

        assertThrows(ClaimLostException.class, () -> transactions.run(c -> commands.fence(c, broken)));
        assertThrows(ClaimLostException.class, () -> transactions.run(c -> commands.fence(c, alsoA)));
        transactions.run(c -> commands.fence(c, others));
        assertEquals(Set.of(broken.id(), alsoA.id()), Set.of(claim("c").orElseThrow().id(),
                claim("c").orElseThrow().id()));
    }

    @Test
    void pendingCommandsBehindAParkedOneAreNotDueAndWakeNoIdleWorker() {
        add("idp_1", 1);
        SyncCommand head = claim("a").orElseThrow();
        transactions.run(c -> commands.park(c, head, "parked"));
        add("idp_1", 2);

        assertEquals(Optional.empty(), claim("a"));
        assertNull(transactions.inTransaction(commands::untilNextDue),
                "nothing falls due by itself while a parked command blocks its connection");
    }

    @Test
    void commandsWaitingBehindTheHeadAreFoldedIntoTheNewest() {
        add("idp_1", 1);
        add("idp_1", 2);
        add("idp_1", 3);
        add("idp_2", 1);

        SyncCommand claimed = claim("a").orElseThrow();

        assertEquals(3, claimed.version());
        assertEquals(2, UnitDatabase.count("select count(*) from sync_command where status = 'SUPERSEDED'"
                + " and superseded_by = ?", claimed.id()));
        assertEquals("idp_2", claim("a").orElseThrow().connectionKey());
    }

    @Test
    void theOpenCountCountsWaitingAndClaimedCommandsAndStopsAtItsLimitBesideTheHighestId() {
        add("idp_1", 1);
        add("idp_2", 1);
        add("idp_3", 1);
        add("idp_4", 1);
        SyncCommand claimed = claim("a").orElseThrow();
        SyncCommand parked = claim("a").orElseThrow();
        transactions.run(c -> commands.park(c, parked, "parked"));

        OpenCommands open = transactions.inTransaction(c -> commands.openCommands(c, 10));
        OpenCommands openUpToTwo = transactions.inTransaction(c -> commands.openCommands(c, 2));

        assertEquals(3, open.count(), "three waiting or claimed (" + claimed.connectionKey() + " among them), the parked"
                + " one not");
        assertEquals(2, openUpToTwo.count());
        long highest = (Long) UnitDatabase.value("select max(id) from sync_command");
        assertEquals(highest, open.highestId());
        assertEquals(highest, (long) transactions.inTransaction(commands::highestId));
    }

    @Test
    void specsAreStoredOutOfLineWithoutATryToCompressTheirSealedBytes() {
        Object storage = UnitDatabase.value("select string_agg(c.relname || '.' || a.attname || '=' || a.attstorage::text,"
                + " ',' order by c.relname, a.attname) from pg_attribute a join pg_class c on c.oid = a.attrelid"
                + " where c.relname in ('connection_state', 'sync_command') and a.attname like '%spec'");

        assertEquals("connection_state.applied_spec=e,connection_state.create_in_doubt_spec=e,"
                + "connection_state.desired_spec=e,sync_command.target_spec=e", storage);
    }

    @Test
    void finishedCommandsStayOutOfTheIndexThatClaimingUses() {
        String predicate = (String) UnitDatabase.value("select pg_get_expr(i.indpred, i.indrelid) from pg_index i"
                + " join pg_class c on c.oid = i.indexrelid where c.relname = 'sync_command_open_by_connection'");

        assertTrue(predicate != null && predicate.contains("PENDING") && predicate.contains("IN_FLIGHT")
                && predicate.contains("DEAD") && !predicate.contains("DONE"), String.valueOf(predicate));
        assertEquals(0, UnitDatabase.count("select count(*) from pg_indexes where tablename = 'sync_command'"
                + " and indexdef like '%(connection_key, id)' and indexdef not like '%WHERE%'"));
    }

    private Optional<SyncCommand> claim(String owner) {
        return transactions.inTransaction(c -> commands.claim(c, owner, LEASE));
    }

    private void add(String connectionKey, long version) {
        ConnectionSpec spec = Specs.saml("t_acme", connectionKey, version, connectionKey + ".example.com");
        transactions.run(c -> commands.insert(c, "t_acme", connectionKey,
                new PlannedCommand(Operation.UPDATE, version, spec, ConnectionField.present(spec)), "ev"));
    }
}
