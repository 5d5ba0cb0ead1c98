package io.ssosync.sync.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.ssosync.support.tracing.Traces;
import io.ssosync.testing.TestKeys;
import io.ssosync.audit.AuditChain;
import io.ssosync.audit.HistoryStore;
import io.ssosync.status.StatusEventStore;
import io.ssosync.support.jdbc.Transactions;
import io.ssosync.sync.domain.ClerkApi;
import io.ssosync.sync.domain.ConnectionField;
import io.ssosync.sync.domain.ConnectionSpec;
import io.ssosync.sync.domain.Operation;
import io.ssosync.sync.domain.PlannedCommand;
import io.ssosync.sync.domain.SyncStatus;
import io.ssosync.sync.store.CommandStore;
import io.ssosync.sync.store.ConnectionStateStore;
import io.ssosync.sync.store.SpecJson;
import io.ssosync.sync.store.StoredConnection;
import io.ssosync.sync.store.SyncCommand;
import io.ssosync.testing.MutableClock;
import io.ssosync.testing.UnitDatabase;

/**
 * The dispatch core wired by hand, as {@link DispatchWiring} does, on a database of its own and a fake
 * Clerk: what the unit tests of dispatch run against, without Quarkus.
 */
final class DispatchCore {

    static final Duration LEASE = Duration.ofSeconds(60);
    static final Duration MAX_AGE = Duration.ofHours(1);

    final FakeClerk clerk = new FakeClerk();
    final Transactions transactions;

    final SpecJson specs = new SpecJson(new ObjectMapper(), TestKeys.box());
    final CommandStore commands = new CommandStore(specs, Traces.none());
    final ConnectionStateStore connections = new ConnectionStateStore(specs);
    final StatusEventStore statusEvents = new StatusEventStore();
    final AttemptRecorder recorder;
    final ClaimLeases leases;
    final MutableClock clock = new MutableClock(Instant.now());
    final ClerkAvailability availability = new ClerkAvailability(clerk, () -> Duration.ZERO, ClerkApi.ENTERPRISE,
            Duration.ofSeconds(15), Duration.ofSeconds(5), clock);
    final RetryPolicy retries = new RetryPolicy(new io.ssosync.sync.domain.Backoff(Duration.ofSeconds(1),
            Duration.ofMinutes(5)), MAX_AGE, clock);
    final Setbacks setbacks;
    final CreateInDoubtRecovery recovery;
    final StepLoop steps;

    DispatchCore() {
        this(UnitDatabase.clean());
    }

    /** On a data source of the caller's, e.g. one that reaches the unit database through a proxy. */
    DispatchCore(javax.sql.DataSource dataSource) {
        this.transactions = new Transactions(dataSource);
        this.recorder = new AttemptRecorder(transactions, commands, connections,
                new HistoryStore(new ObjectMapper(), new AuditChain()), statusEvents, Traces.none());
        this.leases = new ClaimLeases(transactions, commands, LEASE);
        this.setbacks = new Setbacks(recorder, retries, availability);
        this.recovery = new CreateInDoubtRecovery(clerk, recorder, setbacks, leases);
        this.steps = new StepLoop(transactions, connections, clerk, ClerkApi.ENTERPRISE, recorder, setbacks,
                recovery, leases);
    }

    /** Records {@code spec} as desired with a command to bring Clerk to it, as an accepted event does. */
    void desire(ConnectionSpec spec, Operation operation) {
        transactions.run(c -> {
            StoredConnection row = connections.find(c, spec.connectionKey())
                    .orElse(StoredConnection.firstSight(spec.connectionKey(), spec.tenantId()));
            connections.writePlanned(c, List.of(row.withPlanned(spec.version(),
                    operation == Operation.DELETE ? null : spec, SyncStatus.PENDING, null, row.appliedVersion())),
                    specs.batch());
            commands.insert(c, spec.tenantId(), spec.connectionKey(), new PlannedCommand(operation, spec.version(),
                    operation == Operation.DELETE ? null : spec, ConnectionField.present(spec)), "ev-" + spec.version());
        });
    }

    Optional<SyncCommand> claim(String owner) {
        return transactions.inTransaction(c -> commands.claim(c, owner, LEASE));
    }

    SyncCommand claimOrFail() {
        return claim("worker-a").orElseThrow(() -> new AssertionError("nothing to claim"));
    }

    StoredConnection state(String connectionKey) {
        return transactions.inTransaction(c -> connections.find(c, connectionKey)).orElseThrow();
    }

    /** Lets the command's lease run out, as when its worker stalls past it. */
    void expireLease(long commandId) {
        UnitDatabase.execute("update sync_command set lease_until = now() - interval '1 second' where id = " + commandId);
    }
}
