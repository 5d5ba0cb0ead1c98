package io.ssosync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.ssosync.testing.ImageJvmOptions;
import io.ssosync.testing.PackagedApp;

/** One packaged service process, with how long it took from its start to its first ready answer. */
final class Service implements AutoCloseable {

    private static final Pattern STARTED_IN = Pattern.compile("started in ([0-9.]+)s");
    /**
     * The image's JVM options, so that the figures are those of the service as it is deployed, then
     * {@code bench.service-java-options} (later options win), e.g. a JFR recording.
     */
    private static final String JAVA_OPTIONS = (String.join(" ", ImageJvmOptions.read()) + " "
            + System.getProperty("bench.service-java-options", "")).trim();

    private final PackagedApp app;
    private final Duration startToReady;

    private Service(PackagedApp app, Duration startToReady) {
        this.app = app;
        this.startToReady = startToReady;
    }

    /** Starts the jar and returns once {@code /q/health/ready} answers UP. */
    static Service startReady(String name, Map<String, String> env) {
        long started = System.nanoTime();
        Map<String, String> environment = new HashMap<>(env);
        environment.put("JAVA_TOOL_OPTIONS", JAVA_OPTIONS);
        PackagedApp app = PackagedApp.start("bench-" + name, environment);
        try {
            BenchStack.await(name + " to be ready", BenchStack.READY_TIMEOUT, () -> {
                if (!app.isAlive()) {
                    throw new IllegalStateException(name + " stopped by itself:\n" + app.output());
                }
                return app.isReady();
            });
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
        return new Service(app, Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * What Quarkus logged as its own start time ("started in 4.2s"), before readiness waits for the warm-up; the
     * last one, as a log of the same name keeps earlier runs.
     */
    double startedInSeconds() {
        Matcher started = STARTED_IN.matcher(app.output());
        double seconds = Double.NaN;
        while (started.find()) {
            seconds = Double.parseDouble(started.group(1));
        }
        return seconds;
    }

    Duration startToReady() {
        return startToReady;
    }

    PackagedApp app() {
        return app;
    }

    /** Resident memory now, from {@code /proc/<pid>/status}, in MB. */
    double rssMegabytes() {
        try {
            return Files.readAllLines(Path.of("/proc", String.valueOf(app.pid()), "status")).stream()
                    .filter(line -> line.startsWith("VmRSS:")).findFirst()
                    .map(line -> Long.parseLong(line.replaceAll("\\D", "")) / 1024.0)
                    .orElseThrow(() -> new IllegalStateException("no VmRSS for " + app.pid()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the memory of " + app.pid(), e);
        }
    }

    /** The warm-up check's data in the readiness answer, as the service reports it. */
    String readiness() {
        return app.get("/q/health/ready");
    }

    @Override
    public void close() {
        app.close();
    }
}
