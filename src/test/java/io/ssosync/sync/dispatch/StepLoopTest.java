package io.ssosync.sync.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.ssosync.sync.domain.ConnectionSpec;
import io.ssosync.sync.domain.Operation;
import io.ssosync.sync.domain.Specs;
import io.ssosync.sync.domain.SyncStatus;
import io.ssosync.sync.store.ClaimLostException;
import io.ssosync.sync.store.SyncCommand;
import io.ssosync.testing.UnitDatabase;

/** The step loop against a fake Clerk and a real database, without Quarkus. */
class StepLoopTest {

    private final DispatchCore core = new DispatchCore();
    private final ConnectionSpec v1 = Specs.saml("t_acme", "idp_1", 1, "acme.com");

    @Test
    void createsWhatClerkLacksAndSettlesTheConnection() {
        core.desire(v1, Operation.CREATE);

        core.steps.process(core.claimOrFail());

        assertEquals(List.of("POST /enterprise_connections"), core.clerk.calls());
        assertEquals(SyncStatus.SYNCED, core.state("idp_1").status());
        assertNotNull(core.state("idp_1").clerkConnectionId());
        assertNull(core.state("idp_1").createInDoubt());
        assertEquals("DONE", UnitDatabase.value("select status from sync_command"));
    }

    @Test
    void aWorkerWhoseClaimWasTakenOverSendsNothing() {
        core.desire(v1, Operation.CREATE);
        SyncCommand stalled = core.claimOrFail();
        core.expireLease(stalled.id());
        SyncCommand takenOver = core.claim("worker-b").orElseThrow();

        assertThrows(ClaimLostException.class, () -> core.steps.process(stalled));

        assertEquals(List.of(), core.clerk.calls());
        assertEquals(takenOver.claimToken(), UnitDatabase.value("select claim_token from sync_command"));
        assertEquals("worker-b", UnitDatabase.value("select lease_owner from sync_command"));
    }

    @Test
    void aClaimTakenOverWhileItsCallWasOnItsWayWritesNothing() {
        core.desire(v1, Operation.CREATE);
        SyncCommand slow = core.claimOrFail();
        core.clerk.whileSending(() -> {
            core.expireLease(slow.id());
            core.claim("worker-b").orElseThrow();
        });

        assertThrows(ClaimLostException.class, () -> core.steps.process(slow));

        assertEquals(1, core.clerk.calls().size(), "no call after the claim was lost");
        assertEquals(0, UnitDatabase.count("select count(*) from sync_history"));
        assertNull(core.state("idp_1").clerkConnectionId());
        assertEquals("IN_FLIGHT", UnitDatabase.value("select status from sync_command"));
        assertEquals("worker-b", UnitDatabase.value("select lease_owner from sync_command"));
        // The create stays in doubt: the worker that took over looks before it creates.
        assertNotNull(core.state("idp_1").createInDoubt());
    }

    @Test
    void aCreateAnsweredWithoutAnIdIsLookedUpBeforeAnythingElse() {
        core.desire(v1, Operation.CREATE);
        core.clerk.then(FakeClerk.inDoubt())
                .then(FakeClerk.page("[{\"id\":\"entconn_9\",\"name\":\"Acme Okta\",\"provider\":\"saml_okta\","
                        + "\"domains\":[\"acme.com\"],\"organization_id\":null}]", 1));

        core.steps.process(core.claimOrFail());
        assertEquals(SyncStatus.PENDING, core.state("idp_1").status());
        UnitDatabase.execute("update sync_command set next_attempt_at = now()");
        core.steps.process(core.claimOrFail());

        assertEquals(List.of("POST /enterprise_connections", "GET /enterprise_connections?limit=100&offset=0",
                "PATCH /enterprise_connections/entconn_9"), core.clerk.calls());
        assertEquals("entconn_9", core.state("idp_1").clerkConnectionId());
        assertEquals(SyncStatus.SYNCED, core.state("idp_1").status());
    }

    @Test
    void aLookupNarrowsToTheOrganizationTheCreateNamed() {
        ConnectionSpec inOrg = v1.withOrganizationId("org_1");
        core.desire(inOrg, Operation.CREATE);
        core.clerk.then(FakeClerk.timedOut());

        core.steps.process(core.claimOrFail());
        UnitDatabase.execute("update sync_command set next_attempt_at = now()");
        core.steps.process(core.claimOrFail());

        assertEquals("GET /enterprise_connections?limit=100&offset=0&organization_id=org_1", core.clerk.calls().get(1));
    }

    @Test
    void aRefusedLookupFailsTheCommandButLeavesTheCreateInDoubtForTheNext() {
        core.desire(v1, Operation.CREATE);
        core.clerk.then(FakeClerk.timedOut()).then(FakeClerk.refused(403, "authorization_invalid"));
        core.steps.process(core.claimOrFail());
        UnitDatabase.execute("update sync_command set next_attempt_at = now()");
        core.steps.process(core.claimOrFail());
        assertEquals("FAILED", UnitDatabase.value("select status from sync_command"));
        assertNotNull(core.state("idp_1").createInDoubt());

        core.desire(Specs.renamed(v1, "Renamed", 2), Operation.UPDATE);
        core.steps.process(core.claimOrFail());

        assertEquals("GET /enterprise_connections?limit=100&offset=0", core.clerk.calls().get(2),
                "the next command looks before it creates: " + core.clerk.calls());
    }

    @Test
    void aCommandThatDoesNotConvergeParksOncePastItsMaximumAge() {
        // Clerk keeps losing the connection right after creating it: each follow-up update finds it gone.
        ConnectionSpec withFollowUp = v1.withSyncUserAttributes(true);
        core.desire(withFollowUp, Operation.CREATE);
        core.clerk.then(FakeClerk.created("entconn_1"))
                .then(new io.ssosync.clerk.ClerkOutcome.NotFound(FakeClerk.ok(404)))
                .then(FakeClerk.created("entconn_2"))
                .then(new io.ssosync.clerk.ClerkOutcome.NotFound(FakeClerk.ok(404)));
        core.clock.advance(DispatchCore.MAX_AGE.plus(Duration.ofMinutes(1)));

        core.steps.process(core.claimOrFail());

        assertEquals("DEAD", UnitDatabase.value("select status from sync_command"));
        assertEquals(SyncStatus.FAILED, core.state("idp_1").status());
        assertTrue(core.state("idp_1").lastError().contains("did not converge"), core.state("idp_1").lastError());
    }
}
