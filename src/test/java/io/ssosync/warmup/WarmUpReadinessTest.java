package io.ssosync.warmup;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.ssosync.clerk.ClerkGateway;
import io.ssosync.clerk.ClerkOutcome;
import io.ssosync.clerk.ClerkRequest;
import io.ssosync.clerk.Exchange;
import io.ssosync.sync.dispatch.ClerkAvailability;
import io.ssosync.sync.dispatch.ClerkWarmUp;
import io.ssosync.sync.domain.ClerkApi;
import io.ssosync.sync.store.SpecJson;
import io.ssosync.testing.TestDatabase;
import io.ssosync.testing.TestKeys;

/** Readiness waits for warm-up, names the step it is at, and shows what each step took once it is done. */
class WarmUpReadinessTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private final List<ClerkRequest> sent = new CopyOnWriteArrayList<>();
    private final ClerkGateway clerk = request -> {
        sent.add(request);
        return new ClerkOutcome.Accepted(new Exchange(200, null, null, null, 1L), JSON.createObjectNode());
    };

    @Test
    void downNamingItsStepUntilWarmUpHasRunThenUpWithEachStepsTime() throws Exception {
        TestDatabase.createIfMissing();
        CountDownLatch databaseAnswers = new CountDownLatch(1);
        WarmUp warmUp = warmUp(new GatedDataSource(databaseAnswers));
        WarmUpReadiness readiness = new WarmUpReadiness(warmUp);
        assertEquals(HealthCheckResponse.Status.DOWN, readiness.call().getStatus());

        Thread thread = new Thread(warmUp::run, "warm-up-under-test");
        thread.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> "database".equals(data(readiness).get("step")));
        HealthCheckResponse during = readiness.call();
        assertEquals("warm-up", during.getName());
        assertEquals(HealthCheckResponse.Status.DOWN, during.getStatus());
        assertTrue(sent.isEmpty(), "Clerk is called after the database step");

        databaseAnswers.countDown();
        thread.join(Duration.ofSeconds(60).toMillis());
        HealthCheckResponse after = readiness.call();
        assertEquals(HealthCheckResponse.Status.UP, after.getStatus(), String.valueOf(data(readiness)));
        Map<String, Object> data = data(readiness);
        assertEquals("done", data.get("step"));
        assertEquals("accepted", data.get("clerk"));
        for (String step : List.of("databaseMs", "intakeMs", "clerkMs")) {
            assertTrue(data.get(step) instanceof Long, step + " in " + data);
        }
        assertEquals(1, sent.size(), "one call to Clerk: " + sent);
        assertEquals(ClerkRequest.Method.GET, sent.get(0).method());
    }

    @Test
    void aStepThatFailsIsShownAndReadinessStillComesUp() {
        WarmUp warmUp = warmUp(new GatedDataSource(null));
        warmUp.run();

        Map<String, Object> data = data(new WarmUpReadiness(warmUp));
        assertEquals(HealthCheckResponse.Status.UP, new WarmUpReadiness(warmUp).call().getStatus());
        assertTrue(String.valueOf(data.get("failures")).startsWith("database: "), String.valueOf(data));
        assertEquals(1, sent.size(), "the other steps ran");
    }

    private WarmUp warmUp(GatedDataSource dataSource) {
        ClerkAvailability availability = new ClerkAvailability(clerk, () -> Duration.ZERO, ClerkApi.ENTERPRISE,
                Duration.ofSeconds(15), Duration.ofSeconds(5), Clock.systemUTC());
        return new WarmUp(dataSource, new SpecJson(JSON, TestKeys.box()),
                new ClerkWarmUp(clerk, availability, ClerkApi.ENTERPRISE, JSON), 3);
    }

    private static Map<String, Object> data(WarmUpReadiness readiness) {
        return readiness.call().getData().orElse(Map.of());
    }

    /** The test database, answering only once the gate opens; without a gate, refusing every connection. */
    private static final class GatedDataSource extends PGSimpleDataSource {

        private final CountDownLatch gate;

        GatedDataSource(CountDownLatch gate) {
            this.gate = gate;
            setUrl(TestDatabase.URL);
            setUser(TestDatabase.USER);
            setPassword(TestDatabase.PASSWORD);
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (gate == null) {
                throw new SQLException("the database is away");
            }
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException(e);
            }
            return super.getConnection();
        }
    }
}
