package io.ssosync.warmup;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.ssosync.config.SsoSyncConfig;
import io.ssosync.ingest.CloudEvent;
import io.ssosync.ingest.CloudEventParser;
import io.ssosync.ingest.ContractReader;
import io.ssosync.sync.domain.ConnectionSnapshot;
import io.ssosync.sync.domain.ConnectionSpec;
import io.ssosync.sync.domain.Planner;
import io.ssosync.sync.domain.RegistryEvent;
import io.ssosync.sync.dispatch.ClerkWarmUp;
import io.ssosync.sync.store.SpecJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Does at start what the first event would otherwise pay for, so that readiness means "the next event is as fast
 * as any": the database pool holds a connection for each thread that needs one, a synthetic event
 * ({@code warm-up/connection-upserted.json}) is parsed, planned and sealed as intake would (nothing is stored),
 * and Clerk is called once ({@link ClerkWarmUp}). It runs on a thread of its own, so that liveness and the API
 * answer meanwhile; {@link WarmUpReadiness} is DOWN until it ends. A step that fails is logged and shown, not
 * retried: warm-up only saves time, and the other readiness checks report a database or a key that is broken.
 */
@ApplicationScoped
public class WarmUp {

    private static final Logger LOG = Logger.getLogger(WarmUp.class);
    private static final String SAMPLE = "warm-up/connection-upserted.json";
    /**
     * The first run pays for loading and initialising what intake uses (the certificate parser, the cipher, Jackson's
     * serializers), most of the step's time; a few more give the JIT its first profile. Compiling the path fully
     * takes thousands of runs, too long at start: real events finish it at a cost measured in the bench's latency.
     */
    private static final int INTAKE_RUNS = 20;
    /** Threads that hold a connection at once besides the workers: the NOTIFY listener, intake, the status relay. */
    private static final int OTHER_CONNECTIONS = 3;

    /** Where warm-up is: the step running, or done with each step's time and Clerk's answer. */
    public record Progress(boolean done, String step, Map<String, Long> stepMillis, String clerkAnswer,
            List<String> failures) {
    }

    private final DataSource dataSource;
    private final SpecJson specs;
    private final ClerkWarmUp clerk;
    private final int connections;
    /** Written by the warm-up thread alone; readiness sees copies through {@link #progress}. */
    private final Map<String, Long> millis = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();
    private volatile Progress progress = new Progress(false, "waiting", Map.of(), null, List.of());

    @Inject
    public WarmUp(DataSource dataSource, SpecJson specs, ClerkWarmUp clerk, SsoSyncConfig config,
            @ConfigProperty(name = "quarkus.datasource.jdbc.max-size") int poolSize) {
        this(dataSource, specs, clerk, Math.min(poolSize, config.dispatch().workers() + OTHER_CONNECTIONS));
    }

    /** @param connections how many connections the pool is to hold open */
    WarmUp(DataSource dataSource, SpecJson specs, ClerkWarmUp clerk, int connections) {
        this.dataSource = dataSource;
        this.specs = specs;
        this.clerk = clerk;
        this.connections = connections;
    }

    void start(@Observes StartupEvent event) {
        Thread thread = new Thread(this::run, "sso-sync-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    public Progress progress() {
        return progress;
    }

    void run() {
        step("database", () -> {
            openConnections();
            return null;
        });
        ConnectionSpec sample = step("intake", this::exerciseIntake);
        String clerkAnswer = step("clerk", () -> clerk.run(Optional.ofNullable(sample)
                .orElseThrow(() -> new IllegalStateException("no sample event: the intake step failed"))));
        progress = new Progress(true, "done", Map.copyOf(millis), clerkAnswer, List.copyOf(failures));
        LOG.infof("warm-up done in %d ms %s (Clerk: %s)", millis.values().stream().mapToLong(Long::longValue).sum(),
                millis, clerkAnswer);
    }

    private <T> T step(String name, Supplier<T> work) {
        progress = new Progress(false, name, Map.copyOf(millis), null, List.copyOf(failures));
        long started = System.nanoTime();
        try {
            return work.get();
        } catch (RuntimeException e) {
            LOG.warnf(e, "warm-up step %s failed; the service starts without it", name);
            failures.add(name + ": " + e.getMessage());
            return null;
        } finally {
            millis.put(name, (System.nanoTime() - started) / 1_000_000);
        }
    }

    /** Holds them all at once: the pool opens a new connection only when none is idle. */
    private void openConnections() {
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < connections; i++) {
                Connection connection = dataSource.getConnection();
                held.add(connection);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("select 1");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } finally {
            for (Connection connection : held) {
                try {
                    connection.close();
                } catch (SQLException e) {
                    LOG.debug("closing a warm-up connection failed", e);
                }
            }
        }
    }

    private ConnectionSpec exerciseIntake() {
        byte[] event = sample();
        ConnectionSpec spec = null;
        for (int i = 0; i < INTAKE_RUNS; i++) {
            CloudEvent parsed = CloudEventParser.parse(Map.of(), event);
            RegistryEvent.ConnectionUpserted upserted = (RegistryEvent.ConnectionUpserted) ContractReader
                    .read(parsed.type(), parsed.data()).orElseThrow();
            spec = upserted.spec();
            Planner.upsert(new ConnectionSnapshot(0, null, 0), spec);
            specs.read(specs.write(spec));
        }
        return spec;
    }

    private static byte[] sample() {
        try (InputStream in = WarmUp.class.getClassLoader().getResourceAsStream(SAMPLE)) {
            if (in == null) {
                throw new IllegalStateException(SAMPLE + " is missing from the application");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + SAMPLE, e);
        }
    }
}
