package io.ssosync.sync.dispatch;

import java.time.Clock;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.ssosync.audit.HistoryStore;
import io.ssosync.clerk.ClerkGateway;
import io.ssosync.clerk.quota.ClerkQuota;
import io.ssosync.config.ClerkSettings;
import io.ssosync.config.SsoSyncConfig;
import io.ssosync.status.StatusEventStore;
import io.ssosync.support.jdbc.Transactions;
import io.ssosync.support.tracing.Traces;
import io.ssosync.sync.domain.Backoff;
import io.ssosync.sync.store.CommandStore;
import io.ssosync.sync.store.ConnectionStateStore;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Builds the dispatch core from the settings. Its classes are plain Java, so that each can be
 * unit-tested against a fake Clerk gateway without Quarkus; this is the one place that wires them.
 */
public class DispatchWiring {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    ClerkAvailability availability(ClerkGateway clerk, ClerkQuota quota, ClerkSettings clerkSettings,
            SsoSyncConfig config, Clock clock) {
        return new ClerkAvailability(clerk, quota::pausedFor, clerkSettings.api(), config.dispatch().keyProbeInterval(),
                Duration.ofMillis(config.clerk().breakerDelayMs()), clock);
    }

    @Produces
    @Singleton
    ClerkWarmUp warmUp(ClerkGateway clerk, ClerkAvailability availability, ClerkSettings clerkSettings,
            ObjectMapper json) {
        return new ClerkWarmUp(clerk, availability, clerkSettings.api(), json);
    }

    @Produces
    @Singleton
    ClaimLeases leases(Transactions transactions, CommandStore commands, SsoSyncConfig config) {
        return new ClaimLeases(transactions, commands, config.dispatch().lease());
    }

    @Produces
    @Singleton
    StepLoop steps(Transactions transactions, CommandStore commands, ConnectionStateStore connections,
            HistoryStore history, StatusEventStore statusEvents, ClerkGateway clerk, ClerkSettings clerkSettings,
            SsoSyncConfig config, ClerkAvailability availability, ClaimLeases leases, Clock clock, Traces traces) {
        SsoSyncConfig.Dispatch settings = config.dispatch();
        AttemptRecorder recorder = new AttemptRecorder(transactions, commands, connections, history, statusEvents,
                traces);
        RetryPolicy retries = new RetryPolicy(new Backoff(settings.retryInitialDelay(), settings.retryMaxDelay()),
                settings.maxAge(), clock);
        Setbacks setbacks = new Setbacks(recorder, retries, availability);
        CreateInDoubtRecovery recovery = new CreateInDoubtRecovery(clerk, recorder, setbacks, leases);
        return new StepLoop(transactions, connections, clerk, clerkSettings.api(), recorder, setbacks, recovery,
                leases);
    }
}
