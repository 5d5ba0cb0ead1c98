package io.ssosync.testing;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the status topic as the registry would, with a real consumer from the beginning, and keeps the events of
 * one tenant (the topic is shared by every test of the JVM; each test has a tenant of its own).
 */
public final class StatusEvents implements AutoCloseable {

    /** One record: its key, content-type header and the structured CloudEvent it carries. */
    public record Received(String key, String contentType, int partition, JsonNode event) {

        public String type() {
            return event.path("type").asText();
        }

        public JsonNode data() {
            return event.path("data");
        }
    }

    private final KafkaConsumer<String, String> consumer;
    private final String tenantId;
    private final List<Received> received = new ArrayList<>();

    public StatusEvents(String bootstrapServers, String topic, String tenantId) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "status-test-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
        this.tenantId = tenantId;
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    public static StatusEvents of(String tenantId) {
        return new StatusEvents(SyncStack.kafka().bootstrapServers(), SyncStack.STATUS_TOPIC, tenantId);
    }

    /**
     * Waits until every status event of the tenant in the outbox is published and read here, and answers what was
     * read: an event published twice would show here twice.
     */
    public List<Received> awaitAllPublished() {
        await().atMost(Duration.ofSeconds(30)).until(() -> TestDatabase.count("select count(*) from status_event"
                + " where tenant_id = ? and published_at is null", tenantId) == 0);
        long written = TestDatabase.count("select count(*) from status_event where tenant_id = ?", tenantId);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            poll();
            return received.size() >= written;
        });
        return List.copyOf(received);
    }

    private void poll() {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
            if (tenantId.equals(record.key())) {
                Header contentType = record.headers().lastHeader("content-type");
                received.add(new Received(record.key(),
                        contentType == null ? null : new String(contentType.value(), StandardCharsets.UTF_8),
                        record.partition(), json(record.value())));
            }
        }
    }

    private static JsonNode json(String value) {
        try {
            return RegistryEvents.JSON.readTree(value);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a status event that is not JSON: " + value, e);
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
