package io.ssosync.reconcile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.ssosync.clerk.ClerkReadback;
import io.ssosync.sync.domain.ConnectionSpec;
import io.ssosync.sync.domain.SyncStatus;
import io.ssosync.sync.store.StoredConnection;

/**
 * Compares our connections with Clerk's list. A connection with commands on their way (PENDING) is left
 * out: it is about to change, so a difference is not drift. An orphan is adoptable by exactly one of our
 * missing connections of the same provider that shares a domain with it (and its organization, where ours
 * names one); any other orphan stays Clerk's own.
 */
final class ReconcilePlanner {

    /** The plan; by connection key, the Clerk id each repair was planned against and the orphan each would adopt. */
    record Findings(ReconcilePlan plan, Map<String, String> heldIds, Map<String, HeldConnection> adoptable) {
    }

    private ReconcilePlanner() {
    }

    static Findings compare(List<StoredConnection> ours, List<HeldConnection> held) {
        Map<String, HeldConnection> byId = new HashMap<>();
        held.forEach(connection -> byId.put(connection.id(), connection));
        Set<String> knownIds = new HashSet<>();
        Set<String> ourDomains = new HashSet<>();
        Set<String> ourOrganizations = new HashSet<>();
        for (StoredConnection row : ours) {
            if (row.clerkConnectionId() != null) {
                knownIds.add(row.clerkConnectionId());
            }
            if (!row.desiredDeleted() && row.desiredSpec() != null) {
                ourDomains.addAll(row.desiredSpec().domains());
                if (row.desiredSpec().organizationId() != null) {
                    ourOrganizations.add(row.desiredSpec().organizationId());
                }
            }
        }
        List<ReconcilePlan.Missing> missing = new ArrayList<>();
        List<ReconcilePlan.Drifted> drifted = new ArrayList<>();
        // For each connection to repair, the Clerk id it held when planned: a repair is skipped if it moved since.
        Map<String, String> heldIds = new HashMap<>();
        List<StoredConnection> missingRows = new ArrayList<>();
        for (StoredConnection row : ours) {
            if (row.desiredDeleted() || row.desiredSpec() == null || row.status() == SyncStatus.PENDING) {
                continue;
            }
            HeldConnection copy = row.clerkConnectionId() == null ? null : byId.get(row.clerkConnectionId());
            if (copy == null) {
                missing.add(new ReconcilePlan.Missing(row.connectionKey()));
                heldIds.put(row.connectionKey(), row.clerkConnectionId());
                missingRows.add(row);
                continue;
            }
            List<String> fields = differing(row.desiredSpec(), copy);
            if (!fields.isEmpty()) {
                drifted.add(new ReconcilePlan.Drifted(row.connectionKey(), copy.id(), fields));
                heldIds.put(row.connectionKey(), copy.id());
            }
        }
        List<ReconcilePlan.Orphan> orphans = new ArrayList<>();
        Map<String, HeldConnection> adoptable = new HashMap<>();
        for (HeldConnection connection : held) {
            if (knownIds.contains(connection.id())) {
                continue;
            }
            boolean onOurs = connection.domains().stream().anyMatch(ourDomains::contains)
                    || connection.organizationId() != null && ourOrganizations.contains(connection.organizationId());
            if (!onOurs) {
                continue;
            }
            orphans.add(new ReconcilePlan.Orphan(connection.id(), connection.domains()));
            List<StoredConnection> takers = missingRows.stream().filter(row -> mayAdopt(row.desiredSpec(), connection))
                    .toList();
            if (takers.size() == 1) {
                // One connection takes over one orphan at most: a second candidate makes both ambiguous.
                String key = takers.get(0).connectionKey();
                adoptable.put(key, adoptable.containsKey(key) ? null : connection);
            }
        }
        adoptable.values().removeIf(Objects::isNull);
        return new Findings(new ReconcilePlan(List.copyOf(missing), List.copyOf(drifted), List.copyOf(orphans)),
                heldIds, adoptable);
    }

    private static List<String> differing(ConnectionSpec desired, HeldConnection copy) {
        List<String> fields = new ArrayList<>(ClerkReadback.clerkNames(copy.api(),
                ClerkReadback.differing(copy.api(), copy.answer(), desired)));
        if (copy.provider() != null && !copy.provider().equals(desired.provider())) {
            fields.add(0, "provider");
        }
        return List.copyOf(fields);
    }

    private static boolean mayAdopt(ConnectionSpec desired, HeldConnection orphan) {
        // Adopting a connection of another provider would mean replacing it: sso-sync never deletes one it did not make.
        return Objects.equals(desired.provider(), orphan.provider())
                && orphan.domains().stream().anyMatch(desired.domains()::contains)
                && (desired.organizationId() == null || desired.organizationId().equals(orphan.organizationId()));
    }
}
