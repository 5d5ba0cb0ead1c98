package io.ssosync.sync;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import org.jboss.logging.Logger;

import io.ssosync.status.StatusChange;
import io.ssosync.sync.domain.ConnectionSnapshot;
import io.ssosync.sync.domain.ConnectionSpec;
import io.ssosync.sync.domain.Plan;
import io.ssosync.sync.domain.PlannedCommand;
import io.ssosync.sync.domain.Planner;
import io.ssosync.sync.domain.RegistryEvent;
import io.ssosync.sync.domain.SyncStatus;
import io.ssosync.sync.store.CommandStore;
import io.ssosync.sync.store.EventLocks;
import io.ssosync.sync.store.SpecJson;
import io.ssosync.sync.store.StoredConnection;

/**
 * The connections a batch of events touches, locked and read at once, and what planning the events one after
 * the other does to them, kept in memory and written at the end in a few statements. Each event is planned
 * against the state the events before it left, exactly as if each had been recorded in a transaction of its own.
 */
final class RecordingBatch {

    private static final Logger LOG = Logger.getLogger(RecordingBatch.class);

    private final Map<String, StoredConnection> rows;
    private final Map<String, Long> tenantDeletions;
    private final Set<String> withOpenCommands;
    private final Map<String, StoredConnection> written = new LinkedHashMap<>();
    private final Map<String, Long> newTenantDeletions = new HashMap<>();
    private final List<CommandStore.NewCommand> commands = new ArrayList<>();
    private final List<StatusChange> announcements = new ArrayList<>();

    private RecordingBatch(Map<String, StoredConnection> rows, Map<String, Long> tenantDeletions,
            Set<String> withOpenCommands) {
        this.rows = rows;
        this.tenantDeletions = tenantDeletions;
        this.withOpenCommands = withOpenCommands;
    }

    /**
     * Takes the locks the events need, tenants first and then connection keys, each in sorted order as every
     * transaction takes them, and reads the rows behind them.
     */
    static RecordingBatch lockAndRead(Connection c, RecordingStores stores, List<RegistryEvent> events)
            throws SQLException {
        SortedMap<String, EventLocks.TenantHold> tenants = new TreeMap<>();
        SortedSet<String> keys = new TreeSet<>();
        for (RegistryEvent event : events) {
            if (event instanceof RegistryEvent.TenantDeleted) {
                // Exclusive: waits for every event still recording one of the tenant's connections, new keys
                // included, so that the live connections read below are all there are.
                tenants.put(event.tenantId(), EventLocks.TenantHold.EXCLUSIVE);
            } else {
                // Shared: the tenant's deletion version read below cannot change before this transaction ends.
                tenants.putIfAbsent(event.tenantId(), EventLocks.TenantHold.SHARED);
            }
            keys.addAll(connectionKeys(event));
        }
        stores.locks().lockTenants(c, tenants);
        List<String> deleted = tenants.entrySet().stream()
                .filter(t -> t.getValue() == EventLocks.TenantHold.EXCLUSIVE).map(Map.Entry::getKey).toList();
        if (!deleted.isEmpty()) {
            stores.connections().lockLiveOfTenants(c, deleted).forEach(row -> keys.add(row.connectionKey()));
        }
        stores.locks().lockConnections(c, keys);
        return new RecordingBatch(stores.connections().lockAll(c, keys),
                stores.tenants().deletedVersions(c, tenants.keySet()),
                stores.commands().withOpenCommands(c, keys));
    }

    private static List<String> connectionKeys(RegistryEvent event) {
        if (event instanceof RegistryEvent.ConnectionUpserted upserted) {
            return List.of(upserted.spec().connectionKey());
        }
        if (event instanceof RegistryEvent.ConnectionDeleted deleted) {
            return List.of(deleted.connectionKey());
        }
        if (event instanceof RegistryEvent.TenantCreated created) {
            return created.connections().stream().map(ConnectionSpec::connectionKey).toList();
        }
        return List.of();
    }

    /** Plans one event against what the events before it in the batch left. */
    List<Plan> apply(RegistryEvent event, String eventId, String traceparent) {
        List<Plan> plans = new ArrayList<>();
        if (event instanceof RegistryEvent.TenantDeleted deleted) {
            for (String key : liveKeysOf(deleted.tenantId())) {
                plans.add(delete(deleted.tenantId(), key, deleted.version(), eventId, traceparent));
            }
            tenantDeletions.merge(deleted.tenantId(), deleted.version(), Math::max);
            newTenantDeletions.merge(deleted.tenantId(), deleted.version(), Math::max);
        } else if (event instanceof RegistryEvent.ConnectionUpserted upserted) {
            plans.add(upsert(upserted.spec(), eventId, traceparent));
        } else if (event instanceof RegistryEvent.ConnectionDeleted deleted) {
            plans.add(delete(deleted.tenantId(), deleted.connectionKey(), deleted.version(), eventId, traceparent));
        } else if (event instanceof RegistryEvent.TenantCreated created) {
            for (ConnectionSpec spec : created.connections()) {
                // A connection without an organization of its own belongs to its tenant's organization.
                ConnectionSpec withOrganization = spec.organizationId() == null && created.organizationId() != null
                        ? spec.withOrganizationId(created.organizationId())
                        : spec;
                plans.add(upsert(withOrganization, eventId, traceparent));
            }
        }
        return plans;
    }

    /** Writes what the batch planned: tenants' deletions, connections, commands, then their announcements. */
    void write(Connection c, RecordingStores stores) throws SQLException {
        stores.tenants().recordDeletions(c, newTenantDeletions);
        SpecJson.Batch json = stores.specs().batch();
        if (!stores.connections().writePlanned(c, written.values(), json)) {
            // Cannot happen while every writer takes the key's lock; if it did, the batch is planned again.
            throw new SQLException("a connection's desired version moved on while its events were planned", "40001");
        }
        stores.commands().insertAll(c, commands, json);
        stores.statusEvents().appendAll(c, announcements);
    }

    private List<String> liveKeysOf(String tenantId) {
        return rows.values().stream().filter(row -> row.tenantId().equals(tenantId) && !row.desiredDeleted())
                .map(StoredConnection::connectionKey).sorted(Comparator.naturalOrder()).toList();
    }

    private Plan upsert(ConnectionSpec spec, String eventId, String traceparent) {
        StoredConnection stored = rows.get(spec.connectionKey());
        Plan plan = Planner.upsert(snapshot(spec.tenantId(), stored), spec);
        return save(spec.tenantId(), spec.connectionKey(), stored, plan, eventId, traceparent);
    }

    private Plan delete(String tenantId, String connectionKey, long version, String eventId, String traceparent) {
        StoredConnection stored = rows.get(connectionKey);
        Plan plan = Planner.delete(snapshot(tenantId, stored), version);
        return save(tenantId, connectionKey, stored, plan, eventId, traceparent);
    }

    private ConnectionSnapshot snapshot(String tenantId, StoredConnection stored) {
        long tenantDeleted = tenantDeletions.getOrDefault(tenantId, 0L);
        return stored == null ? ConnectionSnapshot.unknown(tenantDeleted)
                : new ConnectionSnapshot(stored.desiredVersion(), stored.desiredDeleted() ? null : stored.desiredSpec(),
                        tenantDeleted);
    }

    private Plan save(String tenantId, String connectionKey, StoredConnection stored, Plan plan, String eventId,
            String traceparent) {
        long version = plan.version();
        switch (plan.decision()) {
            case STALE -> LOG.infof("stale version %d of %s ignored", version, connectionKey);
            case UNCHANGED -> {
                if (stored == null) {
                    // A delete of a connection never seen: keep a tombstone so older upserts stay stale.
                    StoredConnection tombstone = StoredConnection.firstSight(connectionKey, tenantId)
                            .withPlanned(version, null, SyncStatus.DELETED, null, null);
                    announce(put(tombstone), version);
                } else {
                    boolean inSync = inSync(stored);
                    ConnectionSpec spec = stored.desiredSpec() == null ? null : stored.desiredSpec().withVersion(version);
                    put(stored.withPlanned(version, spec, stored.status(), stored.lastError(),
                            inSync ? Long.valueOf(version) : stored.appliedVersion()));
                    if (inSync) {
                        // Clerk holds this version too: the registry hears it as it would of a change.
                        announce(rows.get(connectionKey), version);
                    }
                }
            }
            case CHANGED -> {
                StoredConnection base = stored == null ? StoredConnection.firstSight(connectionKey, tenantId) : stored;
                put(base.withPlanned(version, plan.desired(), SyncStatus.PENDING, null, base.appliedVersion()));
                for (PlannedCommand command : plan.commands()) {
                    commands.add(new CommandStore.NewCommand(tenantId, connectionKey, command, eventId, traceparent,
                            false));
                }
                withOpenCommands.add(connectionKey);
            }
        }
        return plan;
    }

    private StoredConnection put(StoredConnection row) {
        rows.put(row.connectionKey(), row);
        written.put(row.connectionKey(), row);
        return row;
    }

    private void announce(StoredConnection now, long version) {
        announcements.add(StatusChange.of(now, version, null));
    }

    /**
     * Whether Clerk holds the connection's desired state, so that an unchanged newer version counts as
     * applied too. Not after a refusal (FAILED): Clerk never got that state, whatever the registry resends.
     */
    private boolean inSync(StoredConnection stored) {
        return (stored.status() == SyncStatus.SYNCED || stored.status() == SyncStatus.DELETED)
                && !withOpenCommands.contains(stored.connectionKey());
    }
}
