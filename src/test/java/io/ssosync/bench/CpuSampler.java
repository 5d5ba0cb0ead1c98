package io.ssosync.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * CPU time used by the service's process and by every PostgreSQL process, read from {@code /proc} every 100 ms,
 * so that a stretch of a run can be charged with what each side spent on it: on two shared cores, the sum per
 * event bounds the events per second.
 */
final class CpuSampler implements AutoCloseable {

    private static final long INTERVAL_MILLIS = 100;

    private record Sample(long atMillis, long serviceTicks, long postgresTicks) {
    }

    private final long servicePid;
    private final double millisPerTick;
    private final List<Sample> samples = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    CpuSampler(long servicePid) {
        this.servicePid = servicePid;
        this.millisPerTick = 1000.0 / clockTicksPerSecond();
        this.thread = new Thread(this::sampleUntilClosed, "bench-cpu-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    /** Milliseconds of CPU the service used between the two instants (epoch ms), interpolated between samples. */
    double serviceMillis(long from, long to) {
        return between(from, to, Sample::serviceTicks);
    }

    /** The same for every PostgreSQL process (the service's backends, and the bench's own few queries). */
    double postgresMillis(long from, long to) {
        return between(from, to, Sample::postgresTicks);
    }

    private synchronized double between(long from, long to, ToLongFunction<Sample> ticks) {
        return (at(to, ticks) - at(from, ticks)) * millisPerTick;
    }

    private double at(long millis, ToLongFunction<Sample> ticks) {
        for (int i = 1; i < samples.size(); i++) {
            Sample before = samples.get(i - 1);
            Sample after = samples.get(i);
            if (after.atMillis() >= millis) {
                double share = after.atMillis() == before.atMillis() ? 1
                        : Math.max(0, (double) (millis - before.atMillis()) / (after.atMillis() - before.atMillis()));
                return ticks.applyAsLong(before) + share * (ticks.applyAsLong(after) - ticks.applyAsLong(before));
            }
        }
        throw new IllegalStateException("no CPU sample after " + millis);
    }

    private void sampleUntilClosed() {
        while (running) {
            Sample sample = new Sample(System.currentTimeMillis(), ticksOf(servicePid), postgresTicks());
            synchronized (this) {
                samples.add(sample);
            }
            BenchStack.sleep(Duration.ofMillis(INTERVAL_MILLIS));
        }
    }

    private static long postgresTicks() {
        long total = 0;
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                String stat = stat(process);
                if (stat != null && stat.contains("(postgres)")) {
                    total += ticks(stat);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        return total;
    }

    private static long ticksOf(long pid) {
        String stat = stat(Path.of("/proc", String.valueOf(pid)));
        return stat == null ? 0 : ticks(stat);
    }

    private static String stat(Path process) {
        try {
            return Files.readString(process.resolve("stat"));
        } catch (IOException e) {
            // The process ended between the listing and the read.
            return null;
        }
    }

    /** utime + stime: the 14th and 15th fields, counted after the command name in parentheses. */
    private static long ticks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static long clockTicksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes()).trim();
            getconf.waitFor();
            return Long.parseLong(out);
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
