package io.ssosync.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.reactive.messaging.PausableChannel;
import io.smallrye.reactive.messaging.providers.impl.InternalChannelRegistry;
import io.ssosync.support.jdbc.Transactions;
import io.ssosync.support.tracing.Traces;
import io.ssosync.sync.domain.ConnectionField;
import io.ssosync.sync.domain.ConnectionSpec;
import io.ssosync.sync.domain.Operation;
import io.ssosync.sync.domain.PlannedCommand;
import io.ssosync.sync.domain.Specs;
import io.ssosync.sync.store.CommandStore;
import io.ssosync.sync.store.OpenCommands;
import io.ssosync.sync.store.SpecJson;
import io.ssosync.testing.MutableClock;
import io.ssosync.testing.TestKeys;
import io.ssosync.testing.UnitDatabase;

/**
 * The checks after each batch and the watcher's, against a real database and a real channel registry: the outbox is
 * counted only when it could be over its bound, or when the last count is old.
 */
class OutboxBackPressureTest {

    private static final long BOUND = 10;

    private final Transactions transactions = UnitDatabase.transactions();
    private final AtomicInteger counts = new AtomicInteger();
    private final CommandStore commands = new CommandStore(new SpecJson(new ObjectMapper(), TestKeys.box()),
            Traces.none()) {
        @Override
        public OpenCommands openCommands(Connection c, long atMost) throws SQLException {
            counts.incrementAndGet();
            return super.openCommands(c, atMost);
        }
    };
    private final Consumer consumer = new Consumer();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    private final OutboxBackPressure backPressure;

    OutboxBackPressureTest() {
        InternalChannelRegistry registry = new InternalChannelRegistry();
        registry.register(RegistryEventConsumer.CHANNEL, consumer);
        backPressure = new OutboxBackPressure(new IntakeChannels(registry, 1), transactions, commands, BOUND, clock);
    }

    @Test
    void batchesThatCannotHaveCrossedTheBoundAreNotCountedAndTheOneThatCouldPausesTheConsumer() {
        backPressure.afterBatch();
        assertEquals(1, counts.get(), "the first batch has nothing to go by");

        add(6);
        backPressure.afterBatch();
        add(4);
        backPressure.afterBatch();
        assertEquals(1, counts.get(), "ten commands cannot be more than a bound of ten");
        assertFalse(consumer.paused);

        add(1);
        backPressure.afterBatch();
        assertEquals(2, counts.get());
        assertTrue(consumer.paused, "eleven commands are over the bound");
    }

    @Test
    void commandsSentSinceTheCountDoNotHideTheOnesAddedSince() {
        add(8);
        backPressure.afterBatch();
        UnitDatabase.execute("update sync_command set status = 'DONE'");
        add(3);
        backPressure.afterBatch();

        assertEquals(2, counts.get(), "eight and three added could be eleven: counted again");
        assertFalse(consumer.paused, "three are waiting");
    }

    @Test
    void commandsOpenAgainWithoutNewIdsAreSeenOnceTheCountIsOld() {
        add(11);
        UnitDatabase.execute("update sync_command set status = 'FAILED' where id <= 3");
        backPressure.check();
        UnitDatabase.execute("update sync_command set status = 'PENDING' where id <= 3");

        clock.advance(OutboxBackPressure.RECOUNT_AFTER.minusSeconds(1));
        backPressure.check();
        assertFalse(consumer.paused, "no command was added since the count of eight");
        clock.advance(Duration.ofSeconds(1));
        backPressure.check();

        assertEquals(2, counts.get());
        assertTrue(consumer.paused, "the three retried ones are seen");
    }

    private int added;

    private void add(int n) {
        for (int i = 0; i < n; i++) {
            String key = "idp_" + added++;
            ConnectionSpec spec = Specs.saml("t_acme", key, 1, key + ".example.com");
            transactions.run(c -> commands.insert(c, "t_acme", key,
                    new PlannedCommand(Operation.CREATE, 1, spec, ConnectionField.present(spec)), "ev"));
        }
    }

    /** A consumer as the connector registers it: pausable, here with nothing behind it. */
    private static final class Consumer implements PausableChannel {
        private volatile boolean paused;

        @Override
        public boolean isPaused() {
            return paused;
        }

        @Override
        public void pause() {
            paused = true;
        }

        @Override
        public void resume() {
            paused = false;
        }
    }
}
