package io.ssosync.testing.kafka;

import java.util.logging.Level;

import org.jboss.logmanager.Logger;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.handlers.ConsoleHandler;

/**
 * Runs the embedded broker as a standalone process for the local run: port from {@code KAFKA_PORT}
 * (default 9092), stopped by SIGTERM/SIGINT through the shutdown hook that {@link EmbeddedKafka#start} registers.
 */
public final class EmbeddedKafkaMain {

    private EmbeddedKafkaMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        logToConsole();
        int port = Integer.parseInt(System.getenv().getOrDefault("KAFKA_PORT", "9092"));
        EmbeddedKafka kafka = EmbeddedKafka.start(port);
        System.out.println("Kafka ready at " + kafka.bootstrapServers());
        Thread.currentThread().join();
    }

    /**
     * slf4j is bound to JBoss LogManager, which outside a Quarkus app or test has no handler and drops everything,
     * so broker errors would go unseen. JUL must be routed there too, and that only works before JUL is first used.
     */
    private static void logToConsole() {
        System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        ConsoleHandler console = new ConsoleHandler(new PatternFormatter("%d{HH:mm:ss,SSS} %-5p [%c] %s%e%n"));
        console.setLevel(Level.INFO);
        Logger.getLogger("").addHandler(console);
    }
}
