package io.ssosync.testing.clerksim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The faults in force, switchable at any time from tests or over HTTP. When several match a request, a status
 * window wins over a fail-next, which wins over an error rate; latencies add up; the first matching
 * hang-after-commit is used.
 */
public final class Faults {

    /** What the faults do to one request. {@code error} is null when the request is to be carried out. */
    record Plan(ClerkApiException error, Duration delayBeforeHandling, Duration delayAfterCommit,
                FaultSpec.Garble garble, boolean drop, boolean retryAfterAsDate) {

        Plan(ClerkApiException error, Duration delayBeforeHandling, Duration delayAfterCommit) {
            this(error, delayBeforeHandling, delayAfterCommit, null, false, false);
        }
    }

    private static final class Active {
        final FaultSpec spec;
        final long deadlineNanos;
        final Random random;
        Integer remaining;

        Active(FaultSpec spec) {
            this.spec = spec;
            this.deadlineNanos = spec.duration() == null ? Long.MAX_VALUE : System.nanoTime() + spec.duration().toNanos();
            this.random = spec.seed() == null ? null : new Random(spec.seed());
            this.remaining = spec.count();
        }

        boolean expired(long now) {
            return deadlineNanos != Long.MAX_VALUE && now - deadlineNanos >= 0 || remaining != null && remaining <= 0;
        }

        boolean matches(String method, String path, String basePath) {
            return (spec.method() == null || spec.method().equalsIgnoreCase(method))
                    && PathPrefix.matches(spec.pathPrefix(), path, basePath);
        }

        void consume() {
            if (remaining != null) {
                remaining--;
            }
        }

        ClerkApiException error() {
            return ClerkErrors.injected(spec.status(), spec.retryAfterSeconds());
        }
    }

    private final String basePath;
    private final List<Active> active = new ArrayList<>();

    Faults(String basePath) {
        this.basePath = basePath;
    }

    public synchronized void add(FaultSpec spec) {
        active.add(new Active(spec));
    }

    /** Each matching request fails with {@code status} with probability {@code rate}, e.g. {@code (0.2, 500)}. */
    public void errorRate(double rate, int status) {
        add(FaultSpec.errorRate(rate, status));
    }

    /** Every request is answered {@code status} for the next {@code duration}, e.g. 503 for 5 s. */
    public void statusWindow(int status, Duration duration) {
        add(FaultSpec.statusWindow(status, duration));
    }

    /** Like {@link #statusWindow(int, Duration)}, with a {@code Retry-After: retryAfterSeconds} header. */
    public void statusWindow(int status, Duration duration, int retryAfterSeconds) {
        add(FaultSpec.statusWindow(status, duration).withRetryAfter(retryAfterSeconds));
    }

    /** Every request waits {@code delay} before it is handled (and still happens if the client gave up). */
    public void latency(Duration delay) {
        add(FaultSpec.latency(delay));
    }

    /** Like {@link #latency(Duration)} for one method only. */
    public void latency(Duration delay, String method) {
        add(FaultSpec.latency(delay).onlyFor(method, null));
    }

    /** The next {@code count} requests with {@code method} (null = any) are answered {@code status} unhandled. */
    public void failNext(int count, String method, int status) {
        add(FaultSpec.failNext(count, status).onlyFor(method, null));
    }

    /** The next request with {@code method} is carried out but answered only after {@code delay}. */
    public void hangAfterCommit(String method, Duration delay) {
        hangAfterCommit(method, delay, 1);
    }

    public void hangAfterCommit(String method, Duration delay, int count) {
        add(FaultSpec.hangAfterCommit(delay, count).onlyFor(method, null));
    }

    /** The next {@code count} requests with {@code method} are carried out but answered as {@code garble} says. */
    public void garble(String method, FaultSpec.Garble garble, int count) {
        add(FaultSpec.garble(garble, count).onlyFor(method, null));
    }

    /** The next {@code count} requests with {@code method} get their connection closed without an answer. */
    public void dropConnection(String method, int count) {
        add(FaultSpec.dropConnection(count).onlyFor(method, null));
    }

    /** The faults still in force. */
    public synchronized List<FaultSpec> active() {
        prune(System.nanoTime());
        return active.stream().map(fault -> fault.spec).toList();
    }

    public synchronized void clear() {
        active.clear();
    }

    synchronized Plan plan(String method, String path) {
        long now = System.nanoTime();
        prune(now);
        Duration latency = Duration.ZERO;
        Active window = null;
        Active failNext = null;
        Active failedByRate = null;
        Active hang = null;
        Active garble = null;
        Active drop = null;
        for (Active fault : active) {
            if (!fault.matches(method, path, basePath)) {
                continue;
            }
            switch (fault.spec.type()) {
                case LATENCY -> latency = latency.plus(fault.spec.delay());
                case STATUS_WINDOW -> window = window == null ? fault : window;
                case FAIL_NEXT -> failNext = failNext == null ? fault : failNext;
                case ERROR_RATE -> failedByRate = failedByRate == null && roll(fault) ? fault : failedByRate;
                case HANG_AFTER_COMMIT -> hang = hang == null ? fault : hang;
                case GARBLE -> garble = garble == null ? fault : garble;
                case DROP_CONNECTION -> drop = drop == null ? fault : drop;
            }
        }
        if (drop != null) {
            drop.consume();
            return new Plan(null, latency, Duration.ZERO, null, true, false);
        }
        Active failing = window != null ? window : failNext != null ? failNext : failedByRate;
        if (failing != null) {
            failing.consume();
            return new Plan(failing.error(), latency, Duration.ZERO, null, false, failing.spec.retryAfterAsDate());
        }
        if (garble != null) {
            garble.consume();
            return new Plan(null, latency, hang == null ? Duration.ZERO : hang.spec.delay(), garble.spec.garble(),
                    false, false);
        }
        if (hang != null) {
            hang.consume();
            return new Plan(null, latency, hang.spec.delay());
        }
        return new Plan(null, latency, Duration.ZERO);
    }

    private static boolean roll(Active fault) {
        double draw = fault.random == null ? ThreadLocalRandom.current().nextDouble() : fault.random.nextDouble();
        return draw < fault.spec.rate();
    }

    private void prune(long now) {
        for (Iterator<Active> it = active.iterator(); it.hasNext(); ) {
            if (it.next().expired(now)) {
                it.remove();
            }
        }
    }
}
