package io.ssosync.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Publishes the bench's events as the registry would (structured mode, keyed by tenant), in batches: thousands
 * of records must be on the topic in seconds, before the measured consumer starts.
 */
final class BenchPublisher implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;

    BenchPublisher(String bootstrapServers, String topic) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // A fresh topic's partitions answer NotLeaderOrFollower for a moment after the topic is created. An idempotent
        // producer with several batches in flight then resends one the broker had taken and stalls on out-of-order
        // sequence numbers, about a second per batch (seen on this broker under load). Without idempotence the
        // refused batch is simply sent again; one batch in flight keeps the order.
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        this.topic = topic;
    }

    /** Sends without waiting; the record's timestamp is the given publish time (epoch ms). */
    Future<RecordMetadata> send(ObjectNode spec, long timestampMillis) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, null, timestampMillis,
                BenchEvents.key(spec), BenchEvents.upserted(spec));
        record.headers().add("content-type", BenchEvents.contentType().getBytes(UTF_8));
        return producer.send(record);
    }

    /** Waits until every record sent so far is on the broker. */
    void flush() {
        producer.flush();
    }

    static RecordMetadata await(Future<RecordMetadata> sent) {
        try {
            return sent.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("publish failed", e.getCause());
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
