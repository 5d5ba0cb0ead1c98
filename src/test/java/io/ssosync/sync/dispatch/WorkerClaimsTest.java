package io.ssosync.sync.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

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

/**
 * What a worker's broken turn left claimed is due again at its next turn, well inside the 60 s lease: the
 * command it was on, and one whose claim the database committed though the worker never learnt of it.
 */
class WorkerClaimsTest {

    private final ConnectionSpec v1 = Specs.saml("t_acme", "idp_1", 1, "acme.com");

    @Test
    void aClaimWhoseWorkBrokeIsDueAgainAtOnceRatherThanAfterItsLease() {
        UnitDatabase.clean();
        URI postgres = URI.create(TestDatabase.HOST_URL.substring("jdbc:".length()));
        try (DatabaseProxy proxy = DatabaseProxy.start(postgres.getHost(), postgres.getPort())) {
            DispatchCore core = new DispatchCore(dataSource(proxy.jdbcUrl(UnitDatabase.NAME)));
            WorkerClaims claims = new WorkerClaims(core.transactions, core.commands, core.leases, "worker-a");
            core.desire(v1, Operation.CREATE);
            SyncCommand claim = claims.claimNext().orElseThrow(() -> new AssertionError("nothing to claim"));
            // The database goes away while the create is on its way to Clerk: its answer cannot be recorded.
            core.clerk.whileSending(proxy::cutOff);
            assertThrows(DatabaseException.class, () -> core.steps.process(claim));
            claims.broke();
            assertThrows(DatabaseException.class, claims::claimNext, "the database is still away");
            proxy.restore();

            SyncCommand again = claims.claimNext().orElseThrow(() -> new AssertionError("still held"));
            assertEquals(claim.id(), again.id());
            assertEquals(v1, core.state("idp_1").createInDoubt());
        }
    }

    @Test
    void aClaimCommittedWhileItsAnswerWasLostIsDueAgainAtOnce() {
        AtomicBoolean loseACommitAnswer = new AtomicBoolean();
        DispatchCore core = new DispatchCore(losingACommitAnswer(UnitDatabase.clean(), loseACommitAnswer));
        WorkerClaims claims = new WorkerClaims(core.transactions, core.commands, core.leases, "worker-a");
        core.desire(v1, Operation.CREATE);

        loseACommitAnswer.set(true);
        assertThrows(DatabaseException.class, claims::claimNext);
        assertEquals("IN_FLIGHT", UnitDatabase.value("select status from sync_command"), "committed all the same");

        SyncCommand claim = claims.claimNext().orElseThrow(() -> new AssertionError("still held"));
        assertEquals(v1.version(), claim.version());
    }

    private static PGSimpleDataSource dataSource(String url) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(url);
        dataSource.setUser(TestDatabase.USER);
        dataSource.setPassword(TestDatabase.PASSWORD);
        return dataSource;
    }

    /**
     * {@code target}, whose connections commit and then report themselves broken while {@code loseNext} is set
     * (once), as when the answer to COMMIT is lost on its way back.
     */
    private static DataSource losingACommitAnswer(DataSource target, AtomicBoolean loseNext) {
        return (DataSource) Proxy.newProxyInstance(WorkerClaimsTest.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (self, method, args) -> {
                    Object result = invoke(target, method, args);
                    if (!(result instanceof Connection connection)) {
                        return result;
                    }
                    return Proxy.newProxyInstance(WorkerClaimsTest.class.getClassLoader(),
                            new Class<?>[] {Connection.class}, (c, call, callArgs) -> {
                                Object answer = invoke(connection, call, callArgs);
                                if (call.getName().equals("commit") && loseNext.compareAndSet(true, false)) {
                                    throw new SQLException("An I/O error occurred while sending to the backend.",
                                            "08006");
                                }
                                return answer;
                            });
                });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
