package io.ssosync.testing.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.jboss.logmanager.Logger;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.handlers.ConsoleHandler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import sun.misc.Signal;

import io.ssosync.testing.clerksim.ClerkSimulator;
import io.ssosync.testing.kafka.EmbeddedKafka;

/**
 * The README's "run it locally": the machine's PostgreSQL, an embedded Kafka broker, the Clerk simulator (unless
 * {@code CLERK_SECRET_KEY} names a real instance) and the packaged service as a child process, configured only
 * through its documented variables. With the simulator, one sample event is published and followed until the
 * connection is synced. Runs until Ctrl-C or SIGTERM, or until the service exits, whose exit code it then returns.
 *
 * <p>Overrides: {@code KAFKA_PORT} (9092), {@code CLERK_SIM_PORT} (8089), {@code QUARKUS_HTTP_PORT} (8080),
 * {@code IDP_EVENTS_TOPIC}, {@code CLERK_SECRET_KEY} with {@code CLERK_API_URL} and {@code CLERK_RATE_LIMIT}, and
 * {@code CLERK_API}.
 */
public final class LocalStack {

    private static final Path SAMPLE = Path.of("deploy", "samples", "acme-okta-upserted.json");
    private static final int PARTITIONS = 3;
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration SYNC_TIMEOUT = Duration.ofMinutes(1);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int kafkaPort = LocalEnv.port("KAFKA_PORT", 9092);
    private final int simulatorPort = LocalEnv.port("CLERK_SIM_PORT", 8089);
    private final int httpPort = LocalEnv.port("QUARKUS_HTTP_PORT", 8080);
    private final String topic = LocalEnv.get("IDP_EVENTS_TOPIC", LocalEnv.DEFAULT_TOPIC);
    private final boolean realClerk = LocalEnv.isSet("CLERK_SECRET_KEY");
    /** Random per run: a token that sat in the README or in a script would open every local run. */
    private final String apiToken = randomToken();

    // Written by the main thread, read by the threads that stop the run.
    private volatile EmbeddedKafka kafka;
    private volatile ClerkSimulator simulator;
    private ServiceProcess service;
    private boolean stopping;

    private LocalStack() {
    }

    public static void main(String[] args) throws InterruptedException {
        logErrorsToConsole();
        if (!Files.isRegularFile(ServiceProcess.JAR)) {
            System.err.println("The packaged service " + ServiceProcess.JAR + " is missing. Build and run everything"
                    + " with:\n  ./mvnw -Plocal\nor build the service alone with:\n  ./mvnw package -DskipTests");
            System.exit(2);
        }
        LocalStack stack;
        try {
            stack = new LocalStack();
            stack.requirePortsFree();
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "local-stack-stop"));
        stack.exitOnSignals();
        stack.exitWithLauncher();
        int exitCode;
        try {
            exitCode = stack.run();
        } catch (IOException | RuntimeException e) {
            System.err.println("The local run failed: " + describe(e));
            exitCode = 1;
        }
        System.exit(exitCode);
    }

    private int run() throws IOException, InterruptedException {
        if (realClerk) {
            warnAboutRealClerk();
            LocalDatabase.ensure();
        } else {
            LocalDatabase.recreate();
        }
        say("PostgreSQL: database " + LocalDatabase.URL + " ready");
        kafka = EmbeddedKafka.start(kafkaPort);
        kafka.createTopic(topic, PARTITIONS);
        say("Kafka: " + kafka.bootstrapServers() + ", topic " + topic + " (" + PARTITIONS + " partitions)");
        Map<String, String> settings = serviceSettings();
        ServiceProcess started = startService(settings);
        if (started == null) {
            return 1;
        }
        String api = "http://127.0.0.1:" + httpPort;
        switch (started.await(() -> Http.status(api + "/q/health/ready") == 200, READY_TIMEOUT)) {
            case EXITED -> {
                say("sso-sync exited with code " + started.exitCode() + " before it was ready: see its log above");
                return started.exitCode();
            }
            case TIMED_OUT -> {
                say("sso-sync was not ready after " + READY_TIMEOUT.toMinutes() + " minutes: see its log above");
                return 1;
            }
            case MET -> say("sso-sync is ready at " + api);
        }
        Endpoints endpoints = new Endpoints(api, apiToken, kafka.bootstrapServers(), topic, settings.getOrDefault("CLERK_API_URL",
                "https://api.clerk.com/v1 (the service's default)"), simulator == null ? null : simulator.adminUrl());
        if (realClerk) {
            Summary.realClerk(endpoints);
        } else {
            showSampleSync(started, endpoints);
        }
        int exitCode = started.awaitExit();
        say("sso-sync exited with code " + exitCode);
        return exitCode;
    }

    /** The service's documented variables, and nothing else. */
    private Map<String, String> serviceSettings() throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        settings.put("IDP_EVENTS_TOPIC", topic);
        settings.put("QUARKUS_DATASOURCE_JDBC_URL", LocalDatabase.URL);
        settings.put("QUARKUS_DATASOURCE_USERNAME", LocalDatabase.USER);
        settings.put("QUARKUS_DATASOURCE_PASSWORD", LocalDatabase.PASSWORD);
        settings.put("QUARKUS_HTTP_PORT", String.valueOf(httpPort));
        settings.put("SSO_SYNC_API_TOKENS", "auditor:" + apiToken + ",operator:" + apiToken);
        settings.put("SSO_SYNC_ENCRYPTION_KEYS", encryptionKeys());
        if (realClerk) {
            passThrough(settings, "CLERK_SECRET_KEY");
            passThrough(settings, "CLERK_API_URL");
            passThrough(settings, "CLERK_RATE_LIMIT");
        } else {
            simulator = ClerkSimulator.builder().port(simulatorPort).start();
            say("Clerk simulator: " + simulator.baseUrl() + " (admin " + simulator.adminUrl() + ", "
                    + ClerkSimulator.DEFAULT_RATE_LIMIT + " requests per " + ClerkSimulator.DEFAULT_RATE_WINDOW.toSeconds()
                    + " s)");
            settings.put("CLERK_API_URL", simulator.baseUrl());
            settings.put("CLERK_SECRET_KEY", simulator.secretKey());
        }
        passThrough(settings, "CLERK_API");
        return settings;
    }

    private static void passThrough(Map<String, String> settings, String name) {
        if (LocalEnv.isSet(name)) {
            settings.put(name, LocalEnv.get(name, ""));
        }
    }

    /** Null when a stop began first: a service started after the shutdown hook ran would outlive this launcher. */
    private synchronized ServiceProcess startService(Map<String, String> settings) throws IOException {
        if (stopping) {
            return null;
        }
        say("Starting sso-sync from " + ServiceProcess.JAR + " with " + String.join(", ", settings.keySet()));
        service = ServiceProcess.start(settings);
        return service;
    }

    private void showSampleSync(ServiceProcess started, Endpoints endpoints) throws IOException, InterruptedException {
        EventFile sample = EventFile.read(SAMPLE);
        try (EventPublisher publisher = new EventPublisher(kafka.bootstrapServers())) {
            publisher.send(sample.structured(topic));
        }
        say("Published " + SAMPLE + "; waiting for connection " + sample.about() + " to be synced");
        String connection = endpoints.api() + "/api/connections/" + sample.about();
        ServiceProcess.Wait synced = started.await(() -> isSynced(connection, apiToken), SYNC_TIMEOUT);
        if (synced != ServiceProcess.Wait.EXITED) {
            Summary.simulator(endpoints, sample, synced == ServiceProcess.Wait.MET);
        }
    }

    private static boolean isSynced(String connectionUrl, String apiToken) throws InterruptedException {
        try {
            Http.Response response = Http.get(connectionUrl, apiToken);
            JsonNode view = response.status() == 200 ? JSON.readTree(response.body()) : null;
            return view != null && "SYNCED".equals(view.path("status").asText());
        } catch (IOException notYet) {
            return false;
        }
    }

    /**
     * Left to the JVM, Ctrl-C, SIGTERM or a closed terminal would run all shutdown hooks at once, the broker's own among them, and the
     * service would lose Kafka while it commits its offsets and leaves its consumer group. So the signal stops the
     * service first, and only then lets the JVM exit.
     */
    private void exitOnSignals() {
        for (String name : List.of("INT", "TERM", "HUP")) {
            Signal.handle(new Signal(name), signal -> {
                say("Received SIG" + signal.getName());
                exit(128 + signal.getNumber());
            });
        }
    }

    /**
     * Maven does not stop the program it runs when it is stopped itself (an IDE's stop button signals Maven alone),
     * so the local run follows its launcher rather than live on unseen.
     */
    private void exitWithLauncher() {
        ProcessHandle.current().parent().ifPresent(launcher -> launcher.onExit().thenRun(() -> {
            say("The launching process " + launcher.pid() + " ended");
            exit(1);
        }));
    }

    /** Stops the service while Kafka is still up, then exits; the shutdown hook stops the rest. */
    private void exit(int code) {
        stopService();
        System.exit(code);
    }

    private synchronized void stopService() {
        stopping = true;
        if (service != null) {
            service.stop();
        }
    }

    /** The shutdown hook, whichever way the JVM ends. */
    private synchronized void stop() {
        stopService();
        if (simulator != null) {
            simulator.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        say("Stopped");
    }

    private void requirePortsFree() {
        requireFree(kafkaPort, "KAFKA_PORT");
        if (!realClerk) {
            requireFree(simulatorPort, "CLERK_SIM_PORT");
        }
        requireFree(httpPort, "QUARKUS_HTTP_PORT");
    }

    private static void requireFree(int port, String variable) {
        try {
            new ServerSocket(port).close();
        } catch (IOException e) {
            throw new IllegalArgumentException("Port " + port + " is already in use. Stop whatever listens there (is"
                    + " a local run still going?) or choose another port, e.g. " + variable + "=" + (port + 1)
                    + " ./mvnw -Plocal");
        }
    }

    private static void warnAboutRealClerk() {
        String url = LocalEnv.get("CLERK_API_URL", "https://api.clerk.com/v1");
        boolean live = LocalEnv.get("CLERK_SECRET_KEY", "").startsWith("sk_live_");
        System.out.println("""

                ******************************************************************************************
                WARNING: CLERK_SECRET_KEY is set, so sso-sync will change SSO connections in the REAL
                Clerk instance of that key%s, at %s.
                No sample event is published. Unset CLERK_SECRET_KEY to use the local Clerk simulator.
                ******************************************************************************************
                """.formatted(live ? " (a PRODUCTION instance: sk_live_...)" : "", url));
    }

    private static void say(String message) {
        System.out.println("[local] " + message);
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            text.append("\n  caused by: ").append(cause.getMessage());
        }
        return text.toString();
    }

    /**
     * slf4j is bound to JBoss LogManager, which outside Quarkus has no handler and drops everything: a failing
     * broker would go unseen. Only errors, since a healthy broker also warns on every start and stop. JUL must be
     * routed there too, which only works before JUL is first used.
     */
    private static void logErrorsToConsole() {
        System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        ConsoleHandler console = new ConsoleHandler(new PatternFormatter("%d{HH:mm:ss,SSS} %-5p [local] [%c] %s%e%n"));
        console.setLevel(Level.SEVERE);
        Logger.getLogger("").addHandler(console);
    }

    /**
     * The run's encryption key: the one given in the environment; else, with the simulator (the database starts
     * empty), a new one; else one kept beside the user's settings, since the database outlives the run.
     */
    private String encryptionKeys() throws IOException {
        String given = System.getenv("SSO_SYNC_ENCRYPTION_KEYS");
        if (given != null && !given.isBlank()) {
            return given;
        }
        if (!realClerk) {
            return "local:" + randomKey();
        }
        Path kept = Path.of(System.getProperty("user.home"), ".config", "sso-sync", "local-encryption-keys");
        if (!Files.exists(kept)) {
            Files.createDirectories(kept.getParent());
            // Readable by its owner alone from the moment it exists.
            Files.createFile(kept, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(kept, "local:" + randomKey(), StandardCharsets.US_ASCII);
            say("Encryption key of the local database kept in " + kept);
        }
        return Files.readString(kept, StandardCharsets.US_ASCII).trim();
    }

    private static String randomKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String randomToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
