package io.ssosync.reconcile;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.ssosync.config.SsoSyncConfig;
import io.ssosync.support.jdbc.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Runs a reconcile plan every {@code SSO_SYNC_RECONCILE_INTERVAL}, on one replica at a time: each replica
 * ticks, but only the one holding the advisory lock runs, and only if no scheduled run happened within the
 * interval. A plan repairs nothing; it records what drifted in the history, for operators and alerts.
 */
@ApplicationScoped
public class ReconcileSchedule {

    /** The actor scheduled runs are recorded under. */
    public static final String ACTOR = "sso-sync:schedule";

    private static final Logger LOG = Logger.getLogger(ReconcileSchedule.class);
    private static final int LOCK_CLASS = 7100;
    private static final int LOCK_RECONCILE = 3;

    private final Reconciliation reconciliation;
    private final ReconcileRunStore runs;
    private final Transactions transactions;
    private final DataSource dataSource;
    private final Optional<Duration> interval;
    private final Clock clock = Clock.systemUTC();
    private ScheduledExecutorService timer;

    public ReconcileSchedule(Reconciliation reconciliation, ReconcileRunStore runs, Transactions transactions,
            DataSource dataSource, SsoSyncConfig config) {
        this.reconciliation = reconciliation;
        this.runs = runs;
        this.transactions = transactions;
        this.dataSource = dataSource;
        this.interval = config.reconcile().interval();
    }

    void start(@Observes StartupEvent event) {
        interval.ifPresent(every -> {
            timer = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "sso-sync-reconcile-schedule");
                thread.setDaemon(true);
                return thread;
            });
            // Ticking faster than the interval lets another replica take over soon after one stops.
            long tick = Math.max(1000, every.toMillis() / 4);
            timer.scheduleWithFixedDelay(() -> tick(every), tick, tick, TimeUnit.MILLISECONDS);
        });
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    // Package-private for the test that runs two ticks in a row and sees one plan.
    void tick(Duration every) {
        try (Connection lock = dataSource.getConnection()) {
            if (!tryLock(lock)) {
                return;
            }
            try {
                Optional<Instant> last = transactions.inTransaction(c -> runs.lastRunBy(c, ACTOR));
                if (last.isEmpty() || !last.get().plus(every).isAfter(clock.instant())) {
                    ReconcileResult result = reconciliation.run(Reconciliation.Mode.PLAN, false, ACTOR, null);
                    if (!result.missing().isEmpty() || !result.drifted().isEmpty() || !result.orphans().isEmpty()) {
                        LOG.warnf("reconcile plan %d: %d missing, %d drifted, %d orphans in Clerk", result.runId(),
                                result.missing().size(), result.drifted().size(), result.orphans().size());
                    }
                }
            } finally {
                unlock(lock);
            }
        } catch (SQLException | RuntimeException e) {
            // The next tick tries again; a plan that could not read Clerk recorded nothing.
            LOG.warnf("scheduled reconcile did not run: %s", e.getMessage());
        }
    }

    private static boolean tryLock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_try_advisory_lock(?, ?)")) {
            ps.setInt(1, LOCK_CLASS);
            ps.setInt(2, LOCK_RECONCILE);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static void unlock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_advisory_unlock(?, ?)")) {
            ps.setInt(1, LOCK_CLASS);
            ps.setInt(2, LOCK_RECONCILE);
            ps.execute();
        }
    }
}
