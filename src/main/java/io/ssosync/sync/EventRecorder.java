package io.ssosync.sync;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jboss.logging.Logger;

import io.ssosync.status.StatusChange;
import io.ssosync.status.StatusEventStore;
import io.ssosync.sync.domain.ConnectionSnapshot;
import io.ssosync.sync.domain.ConnectionSpec;
import io.ssosync.sync.domain.Plan;
import io.ssosync.sync.domain.PlannedCommand;
import io.ssosync.sync.domain.Planner;
import io.ssosync.sync.domain.RegistryEvent;
import io.ssosync.sync.domain.SyncStatus;
import io.ssosync.sync.store.CommandStore;
import io.ssosync.sync.store.ConnectionStateStore;
import io.ssosync.sync.store.EventLocks;
import io.ssosync.sync.store.InboxStore;
import io.ssosync.sync.store.StoredConnection;
import io.ssosync.sync.store.TenantStore;
import io.ssosync.support.jdbc.Transactions;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Records an accepted event: its dedup record, the new desired state and the commands it produces,
 * all in one transaction. Once this returns, the event is safe and its offset may be committed.
 */
@ApplicationScoped
public class EventRecorder {

    private static final Logger LOG = Logger.getLogger(EventRecorder.class);

    /** What recording an event did. */
    public enum Outcome {
        /** The event id was recorded before; nothing changed. */
        DUPLICATE,
        /** The event's source and id were recorded before with other content; nothing changed, the conflict is recorded. */
        CONFLICT,
        /** At least one command was written. */
        CHANGED,
        /** Nothing to send: the desired state is already what the event asks for. */
        UNCHANGED,
        /** Every connection it names already has a newer version. */
        STALE,
        /** A type the contract does not know. */
        SKIPPED_UNKNOWN_TYPE
    }

    /**
     * An event as received, after its envelope was read. {@code event} is empty for an unknown type;
     * {@code contentDigest} tells a redelivery from another event under the same source and id.
     */
    public record Incoming(String id, String type, String source, String subject, Optional<RegistryEvent> event,
            String contentDigest, InboxStore.Origin origin) {
    }

    private final Transactions transactions;
    private final InboxStore inbox;
    private final TenantStore tenants;
    private final ConnectionStateStore connections;
    private final CommandStore commands;
    private final EventLocks locks;
    private final StatusEventStore statusEvents;

    public EventRecorder(Transactions transactions, InboxStore inbox, TenantStore tenants,
            ConnectionStateStore connections, CommandStore commands, EventLocks locks,
            StatusEventStore statusEvents) {
        this.transactions = transactions;
        this.inbox = inbox;
        this.tenants = tenants;
        this.connections = connections;
        this.commands = commands;
        this.locks = locks;
        this.statusEvents = statusEvents;
    }

    public Outcome record(Incoming incoming) {
        Outcome outcome = transactions.inTransaction(c -> recordIn(c, incoming));
        LOG.debugf("event %s (%s): %s", incoming.id(), incoming.type(), outcome);
        return outcome;
    }

    private Outcome recordIn(Connection c, Incoming incoming) throws SQLException {
        String tenantId = incoming.event().map(RegistryEvent::tenantId).orElse(null);
        InboxStore.Delivery delivery = inbox.record(c, new InboxStore.Entry(incoming.id(), incoming.source(),
                incoming.type(), incoming.subject(), tenantId, incoming.contentDigest(), incoming.origin()));
        if (delivery == InboxStore.Delivery.REDELIVERY) {
            return Outcome.DUPLICATE;
        }
        if (delivery == InboxStore.Delivery.CONFLICT) {
            // Which of the two contents the registry meant is anyone's guess: the first one stays, and an
            // operator is told. Ids, type and subject only: the data may hold secrets.
            LOG.warnf("event %s from %s was delivered again with other content (type %s, subject %s): conflict"
                    + " recorded in the inbox, the new content is not applied", incoming.id(), incoming.source(),
                    incoming.type(), incoming.subject());
            return Outcome.CONFLICT;
        }
        if (incoming.event().isEmpty()) {
            LOG.infof("skipped event %s of unknown type %s", incoming.id(), incoming.type());
            inbox.recordOutcome(c, incoming.id(), incoming.source(), Outcome.SKIPPED_UNKNOWN_TYPE.name(), null);
            return Outcome.SKIPPED_UNKNOWN_TYPE;
        }
        List<Plan> plans = apply(c, incoming.event().get(), incoming.id());
        Outcome outcome = summarise(plans);
        inbox.recordOutcome(c, incoming.id(), incoming.source(), outcome.name(), describe(plans));
        return outcome;
    }

    private List<Plan> apply(Connection c, RegistryEvent event, String eventId) throws SQLException {
        List<Plan> plans = new ArrayList<>();
        if (event instanceof RegistryEvent.TenantDeleted deleted) {
            // Exclusive: waits for every event still recording one of the tenant's connections, new keys
            // included, so that the list below misses none of them.
            locks.lockTenantExclusive(c, deleted.tenantId());
            for (String key : connections.lockLiveKeysOfTenant(c, deleted.tenantId())) {
                plans.add(delete(c, deleted.tenantId(), key, deleted.version(), eventId));
            }
            tenants.recordDeletion(c, deleted.tenantId(), deleted.version());
            return plans;
        }
        // Shared: the tenant's deletion version read below cannot change before this transaction ends.
        locks.lockTenantShared(c, event.tenantId());
        if (event instanceof RegistryEvent.ConnectionUpserted upserted) {
            plans.add(upsert(c, upserted.spec(), eventId));
        } else if (event instanceof RegistryEvent.ConnectionDeleted deleted) {
            plans.add(delete(c, deleted.tenantId(), deleted.connectionKey(), deleted.version(), eventId));
        } else if (event instanceof RegistryEvent.TenantCreated created) {
            // In sorted order, as every transaction takes them, so that two of them cannot deadlock.
            for (String key : created.connections().stream().map(ConnectionSpec::connectionKey).sorted().toList()) {
                locks.lockConnection(c, key);
            }
            for (ConnectionSpec spec : created.connections()) {
                // A connection without an organization of its own belongs to its tenant's organization.
                ConnectionSpec withOrganization = spec.organizationId() == null && created.organizationId() != null
                        ? spec.withOrganizationId(created.organizationId())
                        : spec;
                plans.add(upsert(c, withOrganization, eventId));
            }
        }
        return plans;
    }

    private Plan upsert(Connection c, ConnectionSpec spec, String eventId) throws SQLException {
        locks.lockConnection(c, spec.connectionKey());
        Optional<StoredConnection> stored = connections.lock(c, spec.connectionKey());
        Plan plan = Planner.upsert(snapshot(c, spec.tenantId(), stored), spec);
        return save(c, spec.tenantId(), spec.connectionKey(), stored, plan, eventId);
    }

    private Plan delete(Connection c, String tenantId, String connectionKey, long version, String eventId)
            throws SQLException {
        locks.lockConnection(c, connectionKey);
        Optional<StoredConnection> stored = connections.lock(c, connectionKey);
        Plan plan = Planner.delete(snapshot(c, tenantId, stored), version);
        return save(c, tenantId, connectionKey, stored, plan, eventId);
    }

    private ConnectionSnapshot snapshot(Connection c, String tenantId, Optional<StoredConnection> stored)
            throws SQLException {
        long tenantDeleted = tenants.deletedVersion(c, tenantId);
        return stored.map(s -> new ConnectionSnapshot(s.desiredVersion(), s.desiredDeleted() ? null : s.desiredSpec(),
                        tenantDeleted))
                .orElseGet(() -> ConnectionSnapshot.unknown(tenantDeleted));
    }

    /** @return the plan as recorded */
    private Plan save(Connection c, String tenantId, String connectionKey, Optional<StoredConnection> stored,
            Plan plan, String eventId) throws SQLException {
        switch (plan.decision()) {
            case STALE -> LOG.infof("stale version %d of %s ignored", plan.version(), connectionKey);
            case UNCHANGED -> {
                if (stored.isEmpty()) {
                    // A delete of a connection never seen: keep a tombstone so older upserts stay stale.
                    connections.saveDesired(c, tenantId, connectionKey, plan.version(), null, SyncStatus.DELETED);
                    announce(c, connectionKey, plan.version());
                } else {
                    boolean inSync = inSync(c, stored.get());
                    connections.bumpVersion(c, connectionKey, plan.version(), inSync);
                    if (inSync) {
                        // Clerk holds this version too: the registry hears it as it would of a change.
                        announce(c, connectionKey, plan.version());
                    }
                }
            }
            case CHANGED -> {
                if (!connections.saveDesired(c, tenantId, connectionKey, plan.version(), plan.desired(),
                        SyncStatus.PENDING)) {
                    LOG.warnf("version %d of %s is no longer the newest: recorded as stale", plan.version(),
                            connectionKey);
                    return new Plan(Plan.Decision.STALE, plan.version(), null, List.of());
                }
                for (PlannedCommand command : plan.commands()) {
                    commands.insert(c, tenantId, connectionKey, command, eventId);
                }
            }
        }
        return plan;
    }

    private void announce(Connection c, String connectionKey, long version) throws SQLException {
        StoredConnection now = connections.find(c, connectionKey).orElseThrow();
        statusEvents.append(c, StatusChange.of(now, version, null));
    }

    /**
     * Whether Clerk holds the connection's desired state, so that an unchanged newer version counts as
     * applied too. Not after a refusal (FAILED): Clerk never got that state, whatever the registry resends.
     */
    private boolean inSync(Connection c, StoredConnection stored) throws SQLException {
        return (stored.status() == SyncStatus.SYNCED || stored.status() == SyncStatus.DELETED)
                && !commands.hasOpenCommands(c, stored.connectionKey());
    }

    private static Outcome summarise(List<Plan> plans) {
        if (plans.stream().anyMatch(p -> p.decision() == Plan.Decision.CHANGED)) {
            return Outcome.CHANGED;
        }
        if (!plans.isEmpty() && plans.stream().allMatch(p -> p.decision() == Plan.Decision.STALE)) {
            return Outcome.STALE;
        }
        return Outcome.UNCHANGED;
    }

    private static String describe(List<Plan> plans) {
        long changed = plans.stream().filter(p -> p.decision() == Plan.Decision.CHANGED).count();
        long unchanged = plans.stream().filter(p -> p.decision() == Plan.Decision.UNCHANGED).count();
        long stale = plans.stream().filter(p -> p.decision() == Plan.Decision.STALE).count();
        return changed + " changed, " + unchanged + " unchanged, " + stale + " stale";
    }
}
