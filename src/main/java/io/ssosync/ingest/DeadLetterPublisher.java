package io.ssosync.ingest;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.ssosync.sync.store.InboxStore;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Copies a rejected record to the dead-letter topic, with the reason and its origin in headers, for
 * tools that watch Kafka rather than our API. The rejected-events table stays the record of truth, so
 * the copy never holds up intake: it is handed to the Kafka producer and its outcome is recorded on the
 * rejection's row when Kafka answers (within the producer's bounded time-outs).
 */
@ApplicationScoped
public class DeadLetterPublisher {

    private final Emitter<byte[]> emitter;
    private final DeadLetterOutcomes outcomes;

    public DeadLetterPublisher(@Channel("idp-registry-dlq") Emitter<byte[]> emitter, DeadLetterOutcomes outcomes) {
        this.emitter = emitter;
        this.outcomes = outcomes;
    }

    /** @param value the record's value as it came */
    public void publish(ConsumerRecord<String, ?> record, byte[] value, String reason) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add("dead-letter-reason", reason.getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-topic", record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-partition", String.valueOf(record.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-offset", String.valueOf(record.offset()).getBytes(StandardCharsets.UTF_8));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.key()).withHeaders(headers).build();
        InboxStore.Origin origin = new InboxStore.Origin(record.topic(), record.partition(), record.offset());
        try {
            emitter.send(Message.of(value == null ? new byte[0] : value).addMetadata(metadata)
                    .withAck(() -> {
                        outcomes.copied(origin);
                        return CompletableFuture.completedFuture(null);
                    })
                    .withNack(failure -> {
                        outcomes.failed(origin, failure);
                        return CompletableFuture.completedFuture(null);
                    }));
        } catch (RuntimeException e) {
            // The emitter's buffer is full (the topic has been unwritable for a while) or the channel is down.
            outcomes.failed(origin, e);
        }
    }
}
