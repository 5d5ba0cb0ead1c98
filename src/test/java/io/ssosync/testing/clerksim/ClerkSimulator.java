package io.ssosync.testing.clerksim;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory, stateful fake of Clerk's Backend API for SSO connections ({@code /v1/enterprise_connections}
 * and the deprecated {@code /v1/saml_connections}), served over real HTTP on 127.0.0.1. Every request is
 * checked against Clerk's OpenAPI spec and Clerk's own rules; errors come in Clerk's envelope.
 *
 * <pre>
 * try (ClerkSimulator clerk = ClerkSimulator.builder().rateLimit(5, Duration.ofSeconds(2)).start()) {
 *     client.baseUrl(clerk.baseUrl()).secretKey(clerk.secretKey());
 *     clerk.faults().statusWindow(503, Duration.ofSeconds(5));
 *     ...
 *     assertThat(clerk.connections()).hasSize(1);
 * }
 * </pre>
 */
public final class ClerkSimulator implements AutoCloseable {

    public static final String DEFAULT_SECRET_KEY = "sk_test_simulator";
    public static final int DEFAULT_RATE_LIMIT = 100;
    public static final Duration DEFAULT_RATE_WINDOW = Duration.ofSeconds(10);

    private static final int THREADS = 32;

    private final String basePath;
    private final SecretKeys keys;
    private final RateLimiter rateLimiter;
    private final Faults faults;
    private final RequestLog log = new RequestLog();
    private final ConnectionStore store = new ConnectionStore();
    private final SimulatorHttpHandler handler;
    private final ExecutorService executor;
    private final HttpServer server;

    private ClerkSimulator(Builder builder) {
        this.basePath = builder.basePath;
        this.keys = new SecretKeys(builder.secretKeys);
        this.rateLimiter = new RateLimiter(builder.rateLimit, builder.rateWindow);
        this.faults = new Faults(basePath);
        this.handler = new SimulatorHttpHandler(this, basePath, keys, rateLimiter, faults, log,
                RequestValidator.shared(), store);
        AtomicInteger threadNumber = new AtomicInteger();
        // Daemon threads: a simulator a test forgot to close must not keep the JVM alive. Enough of them that
        // requests held by injected delays do not queue the others.
        this.executor = Executors.newFixedThreadPool(THREADS, runnable -> {
            Thread thread = new Thread(runnable, "clerk-sim-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(builder.host), builder.port), 64);
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException("cannot listen on " + builder.host + ":" + builder.port, e);
        }
        server.createContext("/", handler);
        server.setExecutor(executor);
        server.start();
    }

    /** A simulator with the defaults, on a free port. */
    public static ClerkSimulator start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** How long building the shared OpenAPI validator took (parsing bapi.yml and warming it up), once per JVM. */
    public static Duration validatorStartupTime() {
        return RequestValidator.shared().startupTime();
    }

    /** The Backend API base URL, e.g. {@code http://127.0.0.1:41234/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + basePath;
    }

    /** The admin API base URL, e.g. {@code http://127.0.0.1:41234/_sim}. */
    public String adminUrl() {
        return "http://127.0.0.1:" + port() + "/_sim";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The first accepted secret key. */
    public String secretKey() {
        return keys.first();
    }

    public Faults faults() {
        return faults;
    }

    public void clearFaults() {
        faults.clear();
    }

    /** Every stored connection of both flavours, newest first. */
    public List<StoredConnection> connections() {
        return store.all(null).stream().map(ClerkSimulator::snapshot).toList();
    }

    public Optional<StoredConnection> connection(String id) {
        return store.get(id).map(ClerkSimulator::snapshot);
    }

    /** Every API request answered so far (up to the last 10,000), oldest first. */
    public List<RecordedRequest> requests() {
        return log.snapshot();
    }

    /** How many requests had this method (null = any) and a path below {@code pathPrefix} (with or without /v1). */
    public long requestCount(String method, String pathPrefix) {
        return log.snapshot().stream()
                .filter(request -> method == null || method.equalsIgnoreCase(request.method()))
                .filter(request -> PathPrefix.matches(pathPrefix, request.path(), basePath))
                .count();
    }

    /** How many 429 answers were given, by the rate limit or by injected faults. */
    public long count429() {
        return log.count429();
    }

    /** Changes the per-key limit (per window) from now on, e.g. to Clerk's development limit of 100. */
    public void rateLimit(int requests) {
        rateLimiter.limit(requests);
        rateLimiter.reset();
    }

    /** Forgets the requests received so far, keeping connections and faults: "what happens next". */
    public void clearRequestLog() {
        log.clear();
    }

    /** Back to a fresh instance: no connections, faults, rate-limit history or recorded requests. */
    public void reset() {
        store.clear();
        faults.clear();
        rateLimiter.reset();
        log.clear();
    }

    /**
     * Creates a connection as if through the API, with the same validation, but unrecorded and free of auth,
     * rate limit and faults: for state that exists in Clerk before a test starts.
     *
     * @param createBody the JSON body of a create request for that flavour
     * @throws IllegalArgumentException with Clerk's error body when the request would be rejected
     */
    public StoredConnection seed(Flavour flavour, String createBody) {
        return direct("POST", collection(flavour), createBody);
    }

    /** Changes a connection out of band (as an admin in Clerk's dashboard would); the body is a PATCH body. */
    public StoredConnection edit(String id, String patchBody) {
        return direct("PATCH", collection(flavourOf(id)) + "/" + id, patchBody);
    }

    /** Deletes a connection out of band. */
    public void remove(String id) {
        direct("DELETE", collection(flavourOf(id)) + "/" + id, "");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private StoredConnection direct(String method, String path, String body) {
        ApiResponse response = handler.handleDirectly(method, basePath + path, body);
        if (response.status() >= 300) {
            throw new IllegalArgumentException(method + " " + path + " answered " + response.status() + ": "
                    + Json.write(response.body()));
        }
        return method.equals("DELETE") ? null : connection(response.body().get("id").asText()).orElseThrow();
    }

    private Flavour flavourOf(String id) {
        return store.get(id).map(ConnectionStore.Entry::flavour)
                .orElseThrow(() -> new IllegalArgumentException("no connection " + id));
    }

    private static String collection(Flavour flavour) {
        return flavour == Flavour.ENTERPRISE ? "/enterprise_connections" : "/saml_connections";
    }

    private static StoredConnection snapshot(ConnectionStore.Entry entry) {
        return new StoredConnection(entry.id(), entry.flavour(), entry.data(), entry.flavour() == Flavour.ENTERPRISE
                ? EnterpriseConnectionsApi.render(entry.data()) : SamlConnectionsApi.render(entry.data()));
    }

    public static final class Builder {

        private int port;
        private String host = "127.0.0.1";
        private List<String> secretKeys = List.of(DEFAULT_SECRET_KEY);
        private int rateLimit = DEFAULT_RATE_LIMIT;
        private Duration rateWindow = DEFAULT_RATE_WINDOW;
        private String basePath = "/v1";

        private Builder() {
        }

        /** The port to listen on; 0 (the default) picks a free one. */
        /** The address to listen on: loopback by default; 0.0.0.0 inside a container. URLs still name 127.0.0.1. */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder secretKeys(String... keys) {
            this.secretKeys = List.of(keys);
            return this;
        }

        /** Requests allowed per key in any 10-second window (Clerk: 100 on development, 1000 on production). */
        public Builder rateLimit(int requests) {
            return rateLimit(requests, DEFAULT_RATE_WINDOW);
        }

        /** A shorter window keeps rate-limit tests fast. */
        public Builder rateLimit(int requests, Duration window) {
            this.rateLimit = requests;
            this.rateWindow = window;
            return this;
        }

        public Builder basePath(String basePath) {
            if (!basePath.startsWith("/") || basePath.endsWith("/") || basePath.toLowerCase(Locale.ROOT).startsWith("/_sim")) {
                throw new IllegalArgumentException("base path must look like /v1");
            }
            this.basePath = basePath;
            return this;
        }

        public ClerkSimulator start() {
            return new ClerkSimulator(this);
        }
    }
}
