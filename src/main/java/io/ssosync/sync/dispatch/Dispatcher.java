package io.ssosync.sync.dispatch;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.ssosync.clerk.quota.ClerkQuota;
import io.ssosync.support.jdbc.Transactions;
import io.ssosync.sync.store.CommandStore;
import io.ssosync.sync.store.SyncCommand;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Relays outbox commands to Clerk. Each worker claims the oldest due command of some connection,
 * takes it to its target and claims the next; idle workers sleep until a NOTIFY or a retry falls due.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);

    private final Transactions transactions;
    private final CommandStore commands;
    private final CommandProcessor processor;
    private final DispatchSignal signal;
    private final DispatchSettings settings;
    private final DataSource dataSource;
    private final DispatchGate gate;
    private final ClerkQuota quota;
    private final AtomicLong nextKeyProbe = new AtomicLong(System.nanoTime());
    private final String owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
    private final List<Thread> threads = new ArrayList<>();
    private CommandListener listener;
    private volatile boolean running;

    public Dispatcher(Transactions transactions, CommandStore commands, CommandProcessor processor,
            DispatchSignal signal, DispatchSettings settings, DataSource dataSource, DispatchGate gate,
            ClerkQuota quota) {
        this.transactions = transactions;
        this.commands = commands;
        this.processor = processor;
        this.signal = signal;
        this.settings = settings;
        this.dataSource = dataSource;
        this.gate = gate;
        this.quota = quota;
    }

    void start(@Observes StartupEvent event) {
        running = true;
        listener = new CommandListener(dataSource, signal);
        threads.add(daemon("sso-sync-listener", listener));
        for (int i = 0; i < settings.workers(); i++) {
            threads.add(daemon("sso-sync-dispatcher-" + i, this::work));
        }
        LOG.infof("dispatcher %s started with %d workers", owner, settings.workers());
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        listener.stop();
        signal.wakeUp();
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(15).toMillis());
        }
    }

    private void work() {
        while (running) {
            long seen = signal.generation();
            try {
                Duration hold = holdFor();
                if (!hold.isZero()) {
                    signal.await(seen, hold.compareTo(settings.idlePoll()) < 0 ? hold : settings.idlePoll());
                    continue;
                }
                List<SyncCommand> claimed = transactions.inTransaction(
                        c -> commands.claim(c, owner, settings.lease(), 1));
                if (claimed.isEmpty()) {
                    signal.await(seen, idleWait());
                    continue;
                }
                processor.process(claimed.get(0));
                // Finishing a command may have made the next command of its connection due.
                signal.wakeUp();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("dispatcher worker failed; it carries on after a pause", e);
                pauseAfterError();
            }
        }
    }

    /** How long to hold off claiming: Clerk asked us to pause, is down, or rejects our key. */
    private Duration holdFor() {
        if (gate.keyRejection().isPresent()) {
            long now = System.nanoTime();
            long due = nextKeyProbe.get();
            if (now - due >= 0 && nextKeyProbe.compareAndSet(due, now + settings.keyProbeInterval().toNanos())) {
                processor.probeKey();
            }
            return gate.keyRejection().isPresent() ? settings.keyProbeInterval() : Duration.ZERO;
        }
        Duration closed = gate.closedFor();
        return closed.isZero() ? quota.pausedFor() : closed;
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private Duration idleWait() {
        Duration untilDue = transactions.inTransaction(commands::untilNextDue);
        if (untilDue == null || untilDue.compareTo(settings.idlePoll()) > 0) {
            return settings.idlePoll();
        }
        // Due but not claimed means queued behind an in-flight command, whose end wakes us anyway.
        return untilDue.isZero() ? Duration.ofMillis(250) : untilDue;
    }

    private void pauseAfterError() {
        try {
            signal.await(signal.generation(), Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
