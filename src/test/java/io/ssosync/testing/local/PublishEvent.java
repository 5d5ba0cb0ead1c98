package io.ssosync.testing.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publishes one event file to the registry topic, as the IdP registry would:
 * {@code PublishEvent [--binary] FILE}, or {@code ./mvnw -q exec:exec@publish -Devent=FILE [-Dbinary]}.
 * Broker and topic come from the service's own variables {@code KAFKA_BOOTSTRAP_SERVERS} and
 * {@code IDP_EVENTS_TOPIC}, with the local run's defaults.
 */
public final class PublishEvent {

    private static final String USAGE = "usage: ./mvnw -q exec:exec@publish -Devent=deploy/samples/acme-okta-renamed.json"
            + " [-Dbinary]\n   or: java -cp ... " + PublishEvent.class.getName() + " [--binary] FILE";

    private PublishEvent() {
    }

    public static void main(String[] args) throws InterruptedException {
        // The Kafka client logs through JBoss LogManager, which complains on stderr unless it also owns JUL.
        System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        List<String> files = new ArrayList<>(List.of(args));
        // Maven passes an empty argument when -Devent is not given, and -Dbinary as a system property (see the pom).
        files.removeIf(String::isBlank);
        boolean binary = files.remove("--binary") || Boolean.getBoolean("binary");
        if (files.size() != 1 || !Files.isRegularFile(Path.of(files.get(0)))) {
            System.err.println((files.size() == 1 ? "No such file: " + files.get(0) + "\n" : "") + USAGE);
            System.exit(2);
        }
        EventFile event;
        try {
            event = EventFile.read(Path.of(files.get(0)));
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("Cannot read " + files.get(0) + ": " + e.getMessage());
            System.exit(2);
            return;
        }
        String bootstrapServers = LocalEnv.get("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
        String topic = LocalEnv.get("IDP_EVENTS_TOPIC", LocalEnv.DEFAULT_TOPIC);
        try (EventPublisher publisher = new EventPublisher(bootstrapServers)) {
            RecordMetadata sent = publisher.send(binary ? event.binary(topic) : event.structured(topic));
            System.out.printf("Published %s about %s (id %s, key %s, %s mode) to %s partition %d offset %d at %s%n",
                    event.type(), event.about(), event.id(), event.tenantId(), binary ? "binary" : "structured",
                    topic, sent.partition(), sent.offset(), bootstrapServers);
        } catch (IllegalStateException e) {
            System.err.println("Could not publish to Kafka at " + bootstrapServers + ": " + e.getMessage()
                    + "\nIs the local stack running? Start it with: ./mvnw -Plocal");
            System.exit(1);
        }
    }
}
