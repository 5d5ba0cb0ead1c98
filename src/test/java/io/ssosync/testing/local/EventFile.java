package io.ssosync.testing.local;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.ssosync.testing.CloudEvents;

/**
 * A registry event kept in a file as a full CloudEvents envelope (see deploy/samples), turned into a Kafka record
 * in either binding. An envelope without an {@code id} gets a fresh one, so that publishing a file twice makes two
 * events rather than a redelivery the service would ignore.
 */
record EventFile(Path file, ObjectNode envelope) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static EventFile read(Path file) throws IOException {
        JsonNode json = JSON.readTree(Files.readString(file, UTF_8));
        if (json == null || !json.isObject() || !json.path("type").isTextual()
                || !json.path("data").path("tenantId").isTextual()) {
            throw new IllegalArgumentException(file + " is not a CloudEvents envelope with a type and a data.tenantId");
        }
        ObjectNode envelope = (ObjectNode) json;
        if (!envelope.hasNonNull("id")) {
            ObjectNode withId = JSON.createObjectNode().put("id", UUID.randomUUID().toString());
            envelope = withId.setAll(envelope);
        }
        return new EventFile(file, envelope);
    }

    String id() {
        return envelope.get("id").asText();
    }

    String type() {
        return envelope.get("type").asText();
    }

    /** The record key: all events of one tenant stay in order on one partition. */
    String tenantId() {
        return envelope.get("data").get("tenantId").asText();
    }

    /** What the event is about: the subject (a connection key) or, for tenant events, the tenant. */
    String about() {
        return envelope.hasNonNull("subject") ? envelope.get("subject").asText() : tenantId();
    }

    /** Structured mode: the whole envelope is the value. */
    ProducerRecord<String, byte[]> structured(String topic) {
        return record(topic, CloudEvents.fromEnvelope(envelope).structured());
    }

    /** Binary mode: every attribute in a {@code ce_} header, the data object alone as the value. */
    ProducerRecord<String, byte[]> binary(String topic) {
        return record(topic, CloudEvents.fromEnvelope(envelope).binary());
    }

    private ProducerRecord<String, byte[]> record(String topic, CloudEvents.Encoded encoded) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, tenantId(), encoded.value());
        encoded.headers().forEach((name, value) -> record.headers().add(name, value.getBytes(UTF_8)));
        return record;
    }
}
