package io.ssosync.sync.dispatch;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Wakes idle dispatcher workers. A generation counter closes the gap between a worker finding no
 * work and starting to wait: a wake-up in between is not lost.
 */
@ApplicationScoped
public class DispatchSignal {

    private long generation;

    public synchronized long generation() {
        return generation;
    }

    public synchronized void wakeUp() {
        generation++;
        notifyAll();
    }

    /** Waits until woken after {@code seen}, or until the timeout. */
    public synchronized void await(long seen, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (generation == seen) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
