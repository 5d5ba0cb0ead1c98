package io.ssosync.testing.local;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service as a child process writing to this terminal. Its environment holds nothing but the
 * settings it is given (the service's documented variables) and what a JVM needs to run, so that the local run
 * proves those variables are enough.
 */
final class ServiceProcess {

    static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    private static final List<String> INHERITED = List.of("PATH", "JAVA_HOME", "HOME", "TMPDIR", "LANG", "TERM");
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    /** How a wait ended. */
    enum Wait {
        MET, EXITED, TIMED_OUT
    }

    /** A condition polled while waiting, e.g. over HTTP. */
    @FunctionalInterface
    interface Check {
        boolean holds() throws InterruptedException;
    }

    private final Process process;

    private ServiceProcess(Process process) {
        this.process = process;
    }

    static ServiceProcess start(Map<String, String> settings) throws IOException {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", JAR.toString());
        Map<String, String> environment = builder.environment();
        environment.keySet().retainAll(INHERITED);
        environment.putAll(settings);
        builder.redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT);
        return new ServiceProcess(builder.start());
    }

    /** Polls the check until it holds, the service exits or the time is up. */
    Wait await(Check check, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                return Wait.EXITED;
            }
            if (check.holds()) {
                return Wait.MET;
            }
            process.waitFor(POLL.toMillis(), TimeUnit.MILLISECONDS);
        }
        return Wait.TIMED_OUT;
    }

    int awaitExit() throws InterruptedException {
        return process.waitFor();
    }

    int exitCode() {
        return process.exitValue();
    }

    /** SIGTERM, so that the service drains and commits as in production; SIGKILL only if it hangs. */
    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                System.err.println("sso-sync did not stop within " + STOP_GRACE.toSeconds() + " s; killing it");
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
