package io.ssosync.sync.dispatch;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.ssosync.sync.domain.ConnectionField;
import io.ssosync.sync.domain.ConnectionSpec;
import io.ssosync.sync.domain.Operation;
import io.ssosync.sync.domain.PlannedCommand;
import io.ssosync.sync.domain.Specs;
import io.ssosync.sync.domain.SyncStatus;
import io.ssosync.sync.store.StoredConnection;
import io.ssosync.sync.store.SyncCommand;
import io.ssosync.testing.UnitDatabase;

/** Recording what a claim did, against a real database. */
class AttemptRecorderTest {

    private final DispatchCore core = new DispatchCore();
    private final ConnectionSpec v1 = Specs.saml("t_acme", "idp_1", 1, "acme.com");

    @Test
    void settlingWaitsForAnEventThatIsCommittingAndLeavesTheConnectionPending() throws Exception {
        core.desire(v1, Operation.CREATE);
        SyncCommand claim = core.claimOrFail();
        ConnectionSpec v2 = Specs.renamed(v1, "Renamed", 2);

        // An event for the connection is being recorded: it holds the connection's row and has written a command.
        try (Connection event = openTransaction()) {
            StoredConnection row = core.connections.lock(event, "idp_1").orElseThrow();
            core.connections.writePlanned(event,
                    List.of(row.withPlanned(2, v2, SyncStatus.PENDING, null, row.appliedVersion())), core.specs.batch());
            core.commands.insert(event, "t_acme", "idp_1",
                    new PlannedCommand(Operation.UPDATE, 2, v2, java.util.Set.of(ConnectionField.NAME)), "ev-2");

            CompletableFuture<Void> done = CompletableFuture.runAsync(() -> core.recorder.done(claim));
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> !done.isDone());
            event.commit();
            done.get();
        }

        assertEquals(SyncStatus.PENDING, core.state("idp_1").status());
        assertEquals(2, core.state("idp_1").desiredVersion());
        assertEquals(null, core.state("idp_1").appliedVersion(), "Clerk never got version 2");
    }

    private static Connection openTransaction() throws java.sql.SQLException {
        Connection c = UnitDatabase.dataSource().getConnection();
        c.setAutoCommit(false);
        return c;
    }
}
