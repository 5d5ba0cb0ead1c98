package io.ssosync.testing;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}) run as a child process, configured
 * only through its documented environment variables, as a user would run it.
 */
public final class PackagedApp implements AutoCloseable {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Given every role by default (SSO_SYNC_API_TOKENS below) and sent by {@link #get}; an env may override it. */
    public static final String API_TOKEN = "packaged-it-token";
    private static final String DEFAULT_API_TOKENS = "auditor:" + API_TOKEN + ",operator:" + API_TOKEN;

    private final Process process;
    private final int port;
    private final Path log;
    private volatile boolean paused;

    private PackagedApp(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the jar with exactly the given environment (plus PATH and JAVA_HOME) on a free port. */
    public static PackagedApp start(String name, Map<String, String> env) {
        return start(name, env, "256m");
    }

    /** The same with the given maximum heap ({@code -Xmx}), for tests of what must run in bounded memory. */
    public static PackagedApp start(String name, Map<String, String> env, String maxHeap) {
        try {
            int port = freePort();
            Path log = Files.createDirectories(Path.of("target", "packaged-app")).resolve(name + ".log");
            ProcessBuilder builder = new ProcessBuilder(javaBinary(), "-Xmx" + maxHeap, "-jar", JAR.toString());
            Map<String, String> environment = builder.environment();
            Map<String, String> inherited = new HashMap<>(environment);
            environment.clear();
            copy(inherited, environment, "PATH", "JAVA_HOME", "HOME", "TMPDIR");
            environment.put("QUARKUS_HTTP_PORT", String.valueOf(port));
            environment.put("SSO_SYNC_API_TOKENS", DEFAULT_API_TOKENS);
            environment.put("SSO_SYNC_ENCRYPTION_KEYS", TestKeys.SETTING);
            environment.putAll(env);
            builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            return new PackagedApp(builder.start(), port, log);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + JAR, e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The process id, e.g. to read its memory from {@code /proc}. */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** True once the readiness check answers UP. */
    public boolean isReady() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public String get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET());
    }

    /** A POST without a body, with the API token. */
    public String post(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private String send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.header("Authorization", "Bearer " + API_TOKEN).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Everything the process printed so far. */
    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Waits for the process to end by itself and returns its exit code. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("still running after " + timeout);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL: no shutdown hook runs, as in a crash. */
    public void kill() {
        process.destroyForcibly();
        awaitQuietly();
    }

    /**
     * SIGSTOP: the process freezes where it is, as in a long GC pause or a suspended VM; its sockets stay
     * open and its clocks run on, so it finds its time-outs and leases long past when it resumes.
     */
    public void pause() {
        signal("STOP");
        paused = true;
    }

    /** SIGCONT: a paused process carries on from where it stopped. */
    public void resume() {
        signal("CONT");
        paused = false;
    }

    /** SIGTERM: a graceful stop (a paused process is resumed first, or it could not act on the signal). */
    @Override
    public void close() {
        if (paused && process.isAlive()) {
            resume();
        }
        process.destroy();
        if (!awaitQuietly()) {
            kill();
        }
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid()))
                    .redirectErrorStream(true).start();
            String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot send SIG" + name + " to " + process.pid(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private boolean awaitQuietly() {
        try {
            return process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void copy(Map<String, String> from, Map<String, String> to, String... names) {
        for (String name : names) {
            if (from.containsKey(name)) {
                to.put(name, from.get(name));
            }
        }
    }

    private static String javaBinary() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
