package io.ssosync.config;

import static io.ssosync.config.SettingRanges.between;
import static io.ssosync.config.SettingRanges.positive;
import static io.ssosync.config.SettingRanges.within;

import java.time.Duration;

import io.quarkus.runtime.StartupEvent;
import io.ssosync.security.ApiAccess;
import io.ssosync.security.ConsoleOidcSettings;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

/** Fails start-up on a bad setting before the consumer or the dispatcher starts. */
public class StartupChecks {

    private static final Duration A_DAY = Duration.ofDays(1);
    private static final Duration A_YEAR = Duration.ofDays(365);
    private static final Duration A_CENTURY = Duration.ofDays(36_525);

    void check(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event, ClerkSettings clerk,
            ApiAccess api, ConsoleOidcSettings consoleOidc, SsoSyncConfig config) {
        // Each bean checks its settings when it is made; using it makes it now rather than at the first call.
        clerk.api();
        api.open();
        consoleOidc.enabled();
        checkRanges(config);
    }

    /** The ranges of the settings no bean checks when it is made; each failure names the variable. */
    static void checkRanges(SsoSyncConfig config) {
        within("SSO_SYNC_INGEST_MAX_EVENT_BYTES", config.ingest().maxEventBytes(), 1024, 64L * 1024 * 1024, "bytes");
        within("SSO_SYNC_INGEST_MAX_OUTBOX", config.ingest().maxOutbox(), 1, 100_000_000, "unsent commands");
        within("SSO_SYNC_INGEST_CONSUMERS", config.ingest().consumers(), 1, 64, "Kafka consumers in this process");
        checkDispatch(config.dispatch());
        between("SSO_SYNC_CONSOLE_SESSION_LIFETIME", config.console().sessionLifetime(), Duration.ofMinutes(1),
                Duration.ofDays(30));
        config.audit().retention().ifPresent(keep -> positive("SSO_SYNC_AUDIT_RETENTION", keep, A_CENTURY));
        positive("SSO_SYNC_AUDIT_RETENTION_INTERVAL", config.audit().retentionInterval(), A_DAY);
        positive("SSO_SYNC_METRICS_REFRESH_INTERVAL", config.metrics().refreshInterval(), A_DAY);
        // Each run reads Clerk's whole list from the shared quota: not more often than once a minute.
        config.reconcile().interval().ifPresent(every ->
                between("SSO_SYNC_RECONCILE_INTERVAL", every, Duration.ofMinutes(1), A_YEAR));
    }

    private static void checkDispatch(SsoSyncConfig.Dispatch dispatch) {
        within("SSO_SYNC_DISPATCH_WORKERS", dispatch.workers(), 1, 64, "commands sent at once by this instance");
        positive("SSO_SYNC_DISPATCH_LEASE", dispatch.lease(), A_DAY);
        positive("SSO_SYNC_DISPATCH_RETRY_INITIAL_DELAY", dispatch.retryInitialDelay(), A_DAY);
        positive("SSO_SYNC_DISPATCH_RETRY_MAX_DELAY", dispatch.retryMaxDelay(), A_DAY);
        if (dispatch.retryMaxDelay().compareTo(dispatch.retryInitialDelay()) < 0) {
            throw new InvalidSettingException("SSO_SYNC_DISPATCH_RETRY_MAX_DELAY (" + dispatch.retryMaxDelay()
                    + ") must not be shorter than SSO_SYNC_DISPATCH_RETRY_INITIAL_DELAY ("
                    + dispatch.retryInitialDelay() + ")");
        }
        positive("SSO_SYNC_DISPATCH_MAX_AGE", dispatch.maxAge(), A_YEAR);
        positive("SSO_SYNC_DISPATCH_KEY_PROBE_INTERVAL", dispatch.keyProbeInterval(), A_DAY);
        positive("SSO_SYNC_DISPATCH_IDLE_POLL", dispatch.idlePoll(), A_DAY);
    }
}
