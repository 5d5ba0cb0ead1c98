package io.ssosync.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.core.JsonProcessingException;

/** Publishes events to the registry topic as the IdP registry would: keyed by tenant, in either binding. */
public final class RegistryPublisher implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;

    public RegistryPublisher(String bootstrapServers, String topic) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        this.topic = topic;
    }

    /** Structured mode: the whole envelope is the value. Returns where the record landed. */
    public RecordMetadata structured(RegistryEvents.Event event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, event.tenantId(), json(event.envelope()));
        record.headers().add("content-type", "application/cloudevents+json".getBytes(UTF_8));
        return send(record);
    }

    /** Binary mode: attributes in ce_* headers, the data object alone as the value. Returns where it landed. */
    public RecordMetadata binary(RegistryEvents.Event event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, event.tenantId(), json(event.data()));
        record.headers()
                .add("ce_specversion", "1.0".getBytes(UTF_8))
                .add("ce_id", event.id().getBytes(UTF_8))
                .add("ce_source", "/idp-registry".getBytes(UTF_8))
                .add("ce_type", event.type().getBytes(UTF_8))
                .add("ce_time", "2026-11-25T10:00:00Z".getBytes(UTF_8))
                .add("content-type", "application/json".getBytes(UTF_8));
        if (event.subject() != null) {
            record.headers().add("ce_subject", event.subject().getBytes(UTF_8));
        }
        return send(record);
    }

    /** Any bytes at all, as a broken producer might send them. Returns where the record landed. */
    public RecordMetadata raw(String key, byte[] value) {
        return send(new ProducerRecord<>(topic, key, value));
    }

    /** Any bytes with any headers (in iteration order; a null header value is sent as such). */
    public RecordMetadata raw(String key, byte[] value, Map<String, String> headers) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, text) -> record.headers().add(name, text == null ? null : text.getBytes(UTF_8)));
        return send(record);
    }

    private RecordMetadata send(ProducerRecord<String, byte[]> record) {
        try {
            return producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("publish failed", e.getCause());
        }
    }

    private static byte[] json(Object node) {
        try {
            return RegistryEvents.JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
