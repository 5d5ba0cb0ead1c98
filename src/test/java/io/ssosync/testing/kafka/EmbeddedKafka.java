package io.ssosync.testing.kafka;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.metadata.storage.Formatter;

/**
 * A real single-node Kafka broker (KRaft, combined broker + controller) running inside this JVM.
 * Every instance gets a freshly formatted temporary log directory that is deleted on {@link #close()}.
 */
public final class EmbeddedKafka implements AutoCloseable {

    /** Partition count of auto-created topics unless overridden with {@code num.partitions}. */
    public static final int DEFAULT_PARTITIONS = 3;

    // Held strongly so the level settings cannot be lost to logger garbage collection.
    private static final List<org.jboss.logmanager.Logger> QUIETED_LOGGERS = List.of(
            org.jboss.logmanager.Logger.getLogger("kafka"),
            org.jboss.logmanager.Logger.getLogger("state.change.logger"),
            org.jboss.logmanager.Logger.getLogger("org.apache.kafka"));

    private static final int BIND_ATTEMPTS = 3;

    private static EmbeddedKafka shared;

    private final String bootstrapServers;
    private final KafkaRaftServer server;
    private final Path logDir;
    private final Thread shutdownHook;
    private Admin admin;
    private boolean closed;

    private EmbeddedKafka(String bootstrapServers, KafkaRaftServer server, Path logDir) {
        this.bootstrapServers = bootstrapServers;
        this.server = server;
        this.logDir = logDir;
        this.shutdownHook = server == null ? null : new Thread(this::shutdown, "embedded-kafka-shutdown");
    }

    /** Starts a broker on {@code port} (0 picks a free one) and returns once it accepts requests. */
    public static EmbeddedKafka start(int port) {
        return start(port, Map.of());
    }

    /** Like {@link #start(int)}, with extra broker properties that win over the defaults (e.g. {@code num.partitions}). */
    public static EmbeddedKafka start(int port, Map<String, String> brokerOverrides) {
        // A port found free by binding and closing it can be taken by another process's outgoing connection before
        // the broker binds it (seen once in a clean-clone run): the ports this class picks are picked again.
        for (int attempt = 1;; attempt++) {
            try {
                return startOnce(port, brokerOverrides);
            } catch (IllegalStateException e) {
                if (attempt == BIND_ATTEMPTS || !isBindFailure(e)) {
                    throw e;
                }
            }
        }
    }

    /** Whether starting failed because a port was taken: the caller may pick another and try again. */
    public static boolean isBindFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    private static EmbeddedKafka startOnce(int port, Map<String, String> brokerOverrides) {
        QUIETED_LOGGERS.forEach(logger -> logger.setLevel(Level.WARNING));
        int[] free = freePorts();
        int brokerPort = port == 0 ? free[0] : port;
        Path logDir = createTempDir();
        EmbeddedKafka kafka;
        try {
            KafkaConfig config = new KafkaConfig(brokerConfig(brokerPort, free[1], logDir, brokerOverrides), false);
            format(config, logDir);
            kafka = new EmbeddedKafka("127.0.0.1:" + brokerPort, new KafkaRaftServer(config, Time.SYSTEM), logDir);
        } catch (RuntimeException e) {
            delete(logDir);
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(kafka.shutdownHook);
        try {
            kafka.server.startup();
            kafka.admin().describeCluster().nodes().get(60, TimeUnit.SECONDS);
            return kafka;
        } catch (Exception e) {
            IllegalStateException failure = new IllegalStateException("Kafka did not start on " + kafka.bootstrapServers, e);
            try {
                kafka.close();
            } catch (RuntimeException closeFailure) {
                failure.addSuppressed(closeFailure);
            }
            throw failure;
        }
    }

    /**
     * One broker per JVM, started on first use and stopped at JVM exit; closing it is a no-op so one test
     * cannot pull it away from the others.
     */
    public static synchronized EmbeddedKafka shared() {
        if (shared == null) {
            String runningElsewhere = sharedBrokerOfSystemClassLoader();
            shared = runningElsewhere != null ? new EmbeddedKafka(runningElsewhere, null, null) : start(0);
        }
        return shared;
    }

    /**
     * Quarkus loads each test application's classes, Kafka included, through its own class loader and closes it
     * when that application stops. So the JVM-wide broker lives in the system class loader's copy of this class,
     * unless this is that copy or there is none (e.g. Quarkus continuous testing): then null.
     */
    private static String sharedBrokerOfSystemClassLoader() {
        ClassLoader system = ClassLoader.getSystemClassLoader();
        if (EmbeddedKafka.class.getClassLoader() == system) {
            return null;
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // Broker threads inherit the context class loader, and log4j-core (pulled in by Kafka) resolves plugins with it.
        thread.setContextClassLoader(system);
        try {
            Class<?> owner = system.loadClass(EmbeddedKafka.class.getName());
            Object kafka = owner.getMethod("shared").invoke(null);
            return (String) owner.getMethod("bootstrapServers").invoke(kafka);
        } catch (ClassNotFoundException e) {
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Could not start the shared Kafka broker", e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Creates the topic unless it already exists (an existing topic keeps its partition count). */
    public void createTopic(String name, int partitions) {
        try {
            admin().createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Could not create topic " + name, e.getCause());
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not create topic " + name, e);
        }
    }

    // Created on first use: an Admin starts polling for metadata immediately and warns while the broker is still down.
    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        }
        return admin;
    }

    @Override
    public void close() {
        if (this == shared) {
            return;
        }
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException jvmAlreadyExiting) {
                // the hook is running or about to run shutdown() itself
            }
        }
        shutdown();
    }

    private synchronized void shutdown() {
        if (closed) {
            return;
        }
        closed = true;
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            delete(logDir);
        }
    }

    private static Map<String, String> brokerConfig(int port, int controllerPort, Path logDir, Map<String, String> overrides) {
        Map<String, String> props = new HashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        props.put("auto.create.topics.enable", "true");
        props.put("num.partitions", String.valueOf(DEFAULT_PARTITIONS));
        props.put("group.initial.rebalance.delay.ms", "0");
        // A single node cannot satisfy the production replication defaults of the internal topics.
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        // Fewer internal partitions and threads: faster start and a smaller footprint on a 2-core box.
        props.put("offsets.topic.num.partitions", "1");
        props.put("transaction.state.log.num.partitions", "1");
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "2");
        props.put("background.threads", "2");
        // The cleaner's default 128 MiB dedupe buffer would dominate the heap; compaction is irrelevant here.
        props.put("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024));
        props.putAll(overrides);
        return props;
    }

    private static void format(KafkaConfig config, Path logDir) {
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(PrintStream.nullOutputStream()))
                    .setNodeId(config.nodeId())
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .addDirectory(logDir.toString())
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Could not format Kafka log dir " + logDir, e);
        }
    }

    /** Two free ports, held open together so they differ: one for the broker, one for the controller. */
    private static int[] freePorts() {
        try (ServerSocket a = new ServerSocket(0); ServerSocket b = new ServerSocket(0)) {
            return new int[] {a.getLocalPort(), b.getLocalPort()};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try {
            Utils.delete(dir.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("embedded-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
