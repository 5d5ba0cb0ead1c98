package io.ssosync.status;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sends status events on the {@code sso-sync-status} channel ({@code SYNC_STATUS_TOPIC}) in CloudEvents
 * structured mode: the event as the value, {@code content-type: application/cloudevents+json}, the tenant as key.
 */
@ApplicationScoped
public class KafkaStatusEventSender implements StatusEventSender {

    /** Beyond the producer's own delivery time-out (application.properties), in case it never answers. */
    private static final long ACK_TIMEOUT_SECONDS = 30;

    private final Emitter<byte[]> emitter;

    public KafkaStatusEventSender(@Channel("sso-sync-status") Emitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    @Override
    public void send(String key, String cloudEvent) throws Exception {
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", StatusEventStore.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(key).withHeaders(headers).build();
        CompletableFuture<Void> acked = new CompletableFuture<>();
        emitter.send(Message.of(cloudEvent.getBytes(StandardCharsets.UTF_8)).addMetadata(metadata)
                .withAck(() -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    acked.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                }));
        acked.get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
