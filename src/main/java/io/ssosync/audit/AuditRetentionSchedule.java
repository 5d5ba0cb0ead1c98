package io.ssosync.audit;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.ssosync.config.SsoSyncConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Runs retention every {@code SSO_SYNC_AUDIT_RETENTION_INTERVAL} while {@code SSO_SYNC_AUDIT_RETENTION} is set. */
@ApplicationScoped
public class AuditRetentionSchedule {

    private static final Logger LOG = Logger.getLogger(AuditRetentionSchedule.class);

    private final AuditRetention retention;
    private final SsoSyncConfig.Audit settings;
    private final Clock clock = Clock.systemUTC();
    private ScheduledExecutorService timer;

    public AuditRetentionSchedule(AuditRetention retention, SsoSyncConfig config) {
        this.retention = retention;
        this.settings = config.audit();
    }

    void start(@Observes StartupEvent event) {
        settings.retention().ifPresent(keep -> {
            timer = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "sso-sync-audit-retention");
                thread.setDaemon(true);
                return thread;
            });
            long every = settings.retentionInterval().toMillis();
            timer.scheduleWithFixedDelay(() -> run(keep), every, every, TimeUnit.MILLISECONDS);
        });
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void run(Duration keep) {
        try {
            long deleted = retention.deleteBefore(clock.instant().minus(keep));
            if (deleted > 0) {
                LOG.infof("audit retention deleted %d rows older than %s", deleted, keep);
            }
        } catch (RuntimeException e) {
            // The next run takes up where this one stopped; the checkpoint moved only with what was deleted.
            LOG.warnf("audit retention stopped: %s", e.getMessage());
        }
    }
}
