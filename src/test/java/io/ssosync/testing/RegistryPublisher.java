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
        return publish(event.tenantId(), event.cloudEvent().structured());
    }

    /** Binary mode: attributes in ce_* headers, the data object alone as the value. Returns where it landed. */
    public RecordMetadata binary(RegistryEvents.Event event) {
        return publish(event.tenantId(), event.cloudEvent().binary());
    }

    /** An encoded event (or a spoilt one) keyed as given. Returns where the record landed. */
    public RecordMetadata publish(String key, CloudEvents.Encoded encoded) {
        return raw(key, encoded.value(), encoded.headers());
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

    @Override
    public void close() {
        producer.close();
    }
}
