package io.ssosync.reconcile;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.ssosync.audit.HistoryEntry;
import io.ssosync.audit.HistoryStore;
import io.ssosync.audit.OperatorAction;
import io.ssosync.audit.OperatorActionStore;
import io.ssosync.clerk.ClerkGateway;
import io.ssosync.clerk.ClerkRequests;
import io.ssosync.config.ClerkSettings;
import io.ssosync.operator.Resync;
import io.ssosync.support.jdbc.Transactions;
import io.ssosync.support.tracing.Traces;
import io.ssosync.sync.domain.ClerkApi;
import io.ssosync.sync.domain.ClerkHolding;
import io.ssosync.sync.domain.SyncStatus;
import io.ssosync.sync.store.ConnectionQuery;
import io.ssosync.sync.store.ConnectionStateStore;
import io.ssosync.sync.store.StoredConnection;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Compares what we want with what Clerk holds, and on {@code apply} repairs the differences through the
 * outbox: each missing or drifted connection gets a resync command (read Clerk, re-apply what differs, or
 * create it again), in its connection's order and within the shared quota. Orphans are only ever adopted
 * when the caller asks, and never deleted. Every run is recorded: its plan, an audit row with the caller,
 * and a history row for each connection found missing or drifted.
 */
@ApplicationScoped
public class Reconciliation {

    /** How the run ends. */
    public enum Mode {
        PLAN, APPLY
    }

    private static final int LOAD_PAGE = 1000;
    /** How long a run may wait for Clerk's quota before it gives up; the dispatchers share the same tokens. */
    private static final Duration QUOTA_DEADLINE = Duration.ofMinutes(2);

    private final Transactions transactions;
    private final ConnectionStateStore connections;
    private final Resync resync;
    private final HistoryStore history;
    private final OperatorActionStore actions;
    private final ReconcileRunStore runs;
    private final ClerkInventory inventory;
    private final ClerkApi defaultApi;
    private final Clock clock = Clock.systemUTC();
    private final Traces traces;

    public Reconciliation(Transactions transactions, ConnectionStateStore connections, Resync resync,
            HistoryStore history, OperatorActionStore actions, ReconcileRunStore runs, ClerkGateway clerk,
            ClerkSettings clerkSettings, Traces traces) {
        this.transactions = transactions;
        this.traces = traces;
        this.connections = connections;
        this.resync = resync;
        this.history = history;
        this.actions = actions;
        this.runs = runs;
        this.inventory = new ClerkInventory(clerk, clock, QUOTA_DEADLINE);
        this.defaultApi = clerkSettings.api();
    }

    /** @throws ReconcileUnavailableException if Clerk's list could not be read */
    public ReconcileResult run(Mode mode, boolean adoptOrphans, String actor, String reason) {
        List<StoredConnection> ours = loadOurs();
        List<HeldConnection> held = new ArrayList<>();
        try {
            for (ClerkApi api : apis(ours)) {
                held.addAll(inventory.read(api));
            }
        } catch (ClerkInventory.Unreadable e) {
            throw new ReconcileUnavailableException(e.getMessage());
        }
        ReconcilePlanner.Findings findings = ReconcilePlanner.compare(ours, held);
        ReconcilePlan plan = findings.plan();
        long runId = transactions.inTransaction(runs::nextId);
        List<ReconcileResult.Adopted> adopted = new ArrayList<>();
        int queued = 0;
        if (mode == Mode.APPLY) {
            List<String> keys = new ArrayList<>();
            plan.missing().forEach(missing -> keys.add(missing.connectionKey()));
            plan.drifted().forEach(drifted -> keys.add(drifted.connectionKey()));
            for (String key : keys) {
                HeldConnection orphan = adoptOrphans ? findings.adoptable().get(key) : null;
                if (repair(key, findings.heldIds().get(key), orphan, "reconcile:" + runId)) {
                    queued++;
                    if (orphan != null) {
                        adopted.add(new ReconcileResult.Adopted(orphan.id(), key));
                    }
                }
            }
        }
        ReconcileResult result = new ReconcileResult(runId, clock.instant(), mode.name().toLowerCase(),
                plan.missing(), plan.drifted(), plan.orphans(), List.copyOf(adopted), queued);
        record(result, ours, actor, reason, adoptOrphans);
        return result;
    }

    public Optional<ReconcileResult> last() {
        return transactions.inTransaction(runs::last);
    }

    /**
     * Queues one repair, unless the connection moved since it was planned (a command is already on its way,
     * or it holds another Clerk connection now): then it is being taken care of.
     */
    private boolean repair(String key, String plannedClerkId, HeldConnection orphan, String source) {
        return transactions.inTransaction(c -> {
            Optional<StoredConnection> locked = connections.lock(c, key);
            if (locked.isEmpty() || locked.get().desiredDeleted() || locked.get().status() == SyncStatus.PENDING
                    || !Objects.equals(locked.get().clerkConnectionId(), plannedClerkId)) {
                return false;
            }
            StoredConnection state = locked.get();
            if (orphan != null) {
                // Clerk's copy is unknown but for its provider: the resync reads it and sends what differs.
                connections.saveHolding(c, key, ClerkHolding.adopted(orphan.api(), orphan.id(), orphan.provider()),
                        state.appliedVersion() == null ? 0 : state.appliedVersion(), null);
                state = connections.find(c, key).orElseThrow();
            }
            return resync.queue(c, state, source);
        });
    }

    private void record(ReconcileResult result, List<StoredConnection> ours, String actor, String reason,
            boolean adoptOrphans) {
        Map<String, StoredConnection> byKey = new LinkedHashMap<>();
        ours.forEach(row -> byKey.put(row.connectionKey(), row));
        transactions.run(c -> {
            runs.save(c, actor, result);
            String source = "reconcile:" + result.runId();
            for (ReconcilePlan.Missing missing : result.missing()) {
                StoredConnection row = byKey.get(missing.connectionKey());
                String note = row.clerkConnectionId() == null ? "Clerk holds no connection for it"
                        : "Clerk no longer holds " + row.clerkConnectionId();
                append(c, row, HistoryEntry.Outcome.MISSING, note, source);
            }
            for (ReconcilePlan.Drifted drifted : result.drifted()) {
                append(c, byKey.get(drifted.connectionKey()), HistoryEntry.Outcome.DRIFTED,
                        "differs in " + drifted.fields(), source);
            }
            Map<String, Object> found = new LinkedHashMap<>();
            found.put("runId", result.runId());
            found.put("missing", result.missing().size());
            found.put("drifted", result.drifted().size());
            found.put("orphans", result.orphans().size());
            found.put("adoptOrphans", adoptOrphans);
            found.put("adopted", result.adopted().size());
            found.put("queued", result.queued());
            actions.append(c, OperatorAction.reconcile(actor, result.mode(), reason, found));
        });
    }

    private void append(Connection c, StoredConnection row, HistoryEntry.Outcome outcome, String note, String source)
            throws SQLException {
        ClerkApi api = row.clerkApi() != null ? row.clerkApi() : defaultApi;
        history.append(c, new HistoryEntry(null, null, null, row.connectionKey(), row.tenantId(), "RECONCILE",
                "GET", "/" + ClerkRequests.collection(api), null, null, outcome, null, null, note, null, source,
                traces.currentTraceId()));
    }

    private List<StoredConnection> loadOurs() {
        List<StoredConnection> all = new ArrayList<>();
        String after = null;
        while (true) {
            ConnectionQuery query = new ConnectionQuery(null, null, after);
            List<StoredConnection> page = transactions.inTransaction(c -> connections.page(c, query, LOAD_PAGE));
            all.addAll(page);
            if (page.size() < LOAD_PAGE) {
                return all;
            }
            after = page.get(page.size() - 1).connectionKey();
        }
    }

    /** The configured API, and any other one our connections still live on. */
    private Set<ClerkApi> apis(List<StoredConnection> ours) {
        Set<ClerkApi> apis = EnumSet.of(defaultApi);
        ours.stream().map(StoredConnection::clerkApi).filter(Objects::nonNull).forEach(apis::add);
        return apis;
    }
}
