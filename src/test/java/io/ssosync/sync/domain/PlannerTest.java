package io.ssosync.sync.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PlannerTest {

    private final ConnectionSpec v1 = Specs.saml("t_acme", "idp_1", 1, "acme.com");

    @Test
    void unknownConnectionIsCreatedWithEverySetField() {
        Plan plan = Planner.upsert(ConnectionSnapshot.unknown(0), v1);

        assertEquals(Plan.Decision.CHANGED, plan.decision());
        PlannedCommand create = plan.commands().get(0);
        assertEquals(Operation.CREATE, create.operation());
        assertEquals(v1, create.target());
        assertTrue(create.changedFields().containsAll(Set.of(ConnectionField.NAME, ConnectionField.DOMAINS,
                ConnectionField.SAML_IDP_CERTIFICATE)));
    }

    @Test
    void knownConnectionIsUpdatedWithOnlyTheChangedFields() {
        ConnectionSpec v2 = Specs.renamed(v1, "Acme Okta EU", 2);

        Plan plan = Planner.upsert(new ConnectionSnapshot(1, v1, 0), v2);

        assertEquals(List.of(new PlannedCommand(Operation.UPDATE, 2, v2, Set.of(ConnectionField.NAME))),
                plan.commands());
    }

    @Test
    void unchangedSpecPlansNoCommand() {
        Plan plan = Planner.upsert(new ConnectionSnapshot(1, v1, 0), v1.withVersion(2));

        assertEquals(Plan.Decision.UNCHANGED, plan.decision());
        assertTrue(plan.commands().isEmpty());
    }

    @Test
    void versionNotAboveTheNewestAcceptedIsStale() {
        assertEquals(Plan.Decision.STALE, Planner.upsert(new ConnectionSnapshot(3, v1, 0), v1.withVersion(3)).decision());
        assertEquals(Plan.Decision.STALE, Planner.upsert(new ConnectionSnapshot(3, v1, 0), v1.withVersion(2)).decision());
        assertEquals(Plan.Decision.STALE, Planner.delete(new ConnectionSnapshot(3, v1, 0), 1).decision());
    }

    @Test
    void upsertOlderThanTheTenantsDeletionIsStale() {
        assertEquals(Plan.Decision.STALE, Planner.upsert(ConnectionSnapshot.unknown(40), v1.withVersion(39)).decision());
        assertEquals(Plan.Decision.CHANGED,
                Planner.upsert(ConnectionSnapshot.unknown(40), v1.withVersion(41)).decision());
    }

    @Test
    void providerChangeDeletesThenCreates() {
        ConnectionSpec v2 = Specs.withProvider(v1, "saml_custom", 2);

        Plan plan = Planner.upsert(new ConnectionSnapshot(1, v1, 0), v2);

        assertEquals(List.of(Operation.DELETE, Operation.CREATE),
                plan.commands().stream().map(PlannedCommand::operation).toList());
        assertNull(plan.commands().get(0).target());
        assertEquals(v2, plan.commands().get(1).target());
    }

    @Test
    void deleteOfADesiredConnectionPlansADelete() {
        Plan plan = Planner.delete(new ConnectionSnapshot(1, v1, 0), 2);

        assertEquals(Operation.DELETE, plan.commands().get(0).operation());
        assertNull(plan.desired());
    }

    @Test
    void deleteOfAnUnknownOrDeletedConnectionPlansNothing() {
        assertEquals(Plan.Decision.UNCHANGED, Planner.delete(ConnectionSnapshot.unknown(0), 2).decision());
        assertEquals(Plan.Decision.UNCHANGED, Planner.delete(new ConnectionSnapshot(2, null, 0), 3).decision());
    }

    @Test
    void upsertAfterDeleteCreatesAgain() {
        Plan plan = Planner.upsert(new ConnectionSnapshot(2, null, 0), v1.withVersion(3));

        assertEquals(Operation.CREATE, plan.commands().get(0).operation());
    }
}
