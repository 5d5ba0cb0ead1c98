package io.ssosync.sync.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import io.ssosync.support.jdbc.DatabaseException;
import io.ssosync.sync.domain.ConnectionSpec;
import io.ssosync.sync.domain.Operation;
import io.ssosync.sync.domain.Specs;
import io.ssosync.sync.store.SyncCommand;
import io.ssosync.testing.DatabaseProxy;
import io.ssosync.testing.TestDatabase;
import io.ssosync.testing.UnitDatabase;

/** A claim whose work broke because the database went away is given back once the database answers. */
class BrokenClaimsTest {

    private final ConnectionSpec v1 = Specs.saml("t_acme", "idp_1", 1, "acme.com");

    @Test
    void aClaimWhoseWorkBrokeIsDueAgainAtOnceRatherThanAfterItsLease() {
        UnitDatabase.clean();
        URI postgres = URI.create(TestDatabase.HOST_URL.substring("jdbc:".length()));
        try (DatabaseProxy proxy = DatabaseProxy.start(postgres.getHost(), postgres.getPort())) {
            DispatchCore core = new DispatchCore(throughProxy(proxy));
            core.desire(v1, Operation.CREATE);
            SyncCommand claim = core.claimOrFail();
            // The database goes away while the create is on its way to Clerk: its answer cannot be recorded.
            core.clerk.whileSending(proxy::cutOff);
            assertThrows(DatabaseException.class, () -> core.steps.process(claim));
            BrokenClaims broken = new BrokenClaims(core.transactions, core.commands);

            broken.add(claim);
            broken.releaseAll();
            proxy.restore();
            broken.releaseAll();

            // Well inside the 60 s lease, the command can be claimed again, and it is still in doubt.
            SyncCommand again = core.claim("worker-b").orElseThrow(() -> new AssertionError("still held"));
            assertEquals(claim.id(), again.id());
            assertEquals(v1, core.state("idp_1").createInDoubt());
        }
    }

    private static PGSimpleDataSource throughProxy(DatabaseProxy proxy) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(proxy.jdbcUrl(UnitDatabase.NAME));
        dataSource.setUser(TestDatabase.USER);
        dataSource.setPassword(TestDatabase.PASSWORD);
        return dataSource;
    }
}
