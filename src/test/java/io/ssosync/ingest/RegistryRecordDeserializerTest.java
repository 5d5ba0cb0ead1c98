package io.ssosync.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.ssosync.sync.domain.RegistryEvent;
import io.ssosync.testing.CloudEvents;
import io.ssosync.testing.RegistryEvents;

/** What the connector's polling thread makes of each record: read against the contract, never an exception. */
class RegistryRecordDeserializerTest {

    private static final String TOPIC = "idp-registry.events";
    private static final String TRACE = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private final RegistryRecordDeserializer deserializer = configured(4096);

    @Test
    void aContractEventIsReadWithItsDigestItsIdAndTheTraceItCameIn() {
        RegistryEvents.Event event = RegistryEvents.upserted(RegistryEvents.samlSpec("t_acme", "idp_1", 3,
                "acme.example.com"));
        CloudEvents.Encoded binary = event.cloudEvent().binary();
        RecordHeaders headers = headers(binary.headers());
        headers.add("traceparent", TRACE.getBytes(UTF_8));

        RegistryRecord record = deserializer.deserialize(TOPIC, headers, binary.value());

        assertArrayEquals(binary.value(), record.raw());
        assertEquals(event.id(), record.eventId());
        assertEquals(TRACE, record.traceparent());
        assertEquals(event.id(), record.headers().get("ce_id"));
        ParsedEvent.Valid valid = assertInstanceOf(ParsedEvent.Valid.class, record.parsed());
        RegistryEvent.ConnectionUpserted upserted = assertInstanceOf(RegistryEvent.ConnectionUpserted.class,
                valid.content().orElseThrow());
        assertEquals("idp_1", upserted.spec().connectionKey());
        CloudEvents.Encoded structured = event.cloudEvent().structured();
        ParsedEvent.Valid sameStructured = (ParsedEvent.Valid) deserializer.deserialize(TOPIC,
                headers(structured.headers()), structured.value()).parsed();
        assertEquals(valid.digest(), sameStructured.digest(), "the same event in either binding is the same content");
    }

    @Test
    void aStructuredEventsTraceComesFromItsEnvelopeUnlessTheTransportHasOne() throws Exception {
        RegistryEvents.Event event = RegistryEvents.upserted(RegistryEvents.samlSpec("t_acme", "idp_1", 3,
                "acme.example.com"));
        CloudEvents.Encoded traced = event.cloudEvent().attribute("traceparent", TRACE).structured();
        ObjectNode envelope = event.cloudEvent().envelope();
        envelope.put("traceparent", 42);
        RecordHeaders transport = headers(traced.headers());
        transport.add("traceparent", "00-transport".getBytes(UTF_8));

        assertEquals(TRACE, deserializer.deserialize(TOPIC, headers(traced.headers()), traced.value()).traceparent());
        assertEquals("00-transport", deserializer.deserialize(TOPIC, transport, traced.value()).traceparent());
        RegistryRecord odd = deserializer.deserialize(TOPIC, new RecordHeaders(),
                RegistryEvents.JSON.writeValueAsBytes(envelope));
        assertNull(odd.traceparent());
        assertInstanceOf(ParsedEvent.Valid.class, odd.parsed(), "a trace attribute of another kind is only no trace");
    }

    @Test
    void whatBreaksTheContractIsReadAsInvalidWithTheReasonAndTheIdItStillCarries() {
        byte[] broken = "{\"specversion\":\"1.0\",\"id\":\"ev-1\",\"data\":{".getBytes(UTF_8);

        RegistryRecord notJson = deserializer.deserialize(TOPIC, new RecordHeaders(), broken);
        RegistryRecord tombstone = deserializer.deserialize(TOPIC, new RecordHeaders(), (byte[]) null);
        RegistryRecord tooLarge = deserializer.deserialize(TOPIC, new RecordHeaders(), new byte[4097]);

        assertEquals("ev-1", notJson.eventId());
        ParsedEvent.Invalid invalid = assertInstanceOf(ParsedEvent.Invalid.class, notJson.parsed());
        assertEquals("envelope", invalid.kind());
        assertTrue(invalid.reason().getMessage().startsWith("value is not JSON"), invalid.reason().getMessage());
        assertEquals("value is empty: expected a JSON object",
                ((ParsedEvent.Invalid) tombstone.parsed()).reason().getMessage());
        assertEquals("too_large", ((ParsedEvent.Invalid) tooLarge.parsed()).kind());
    }

    @Test
    void withoutTheSizeAllowedItDoesNotStart() {
        assertThrows(IllegalArgumentException.class, () -> new RegistryRecordDeserializer().configure(Map.of(), false));
    }

    private static RegistryRecordDeserializer configured(int maxEventBytes) {
        RegistryRecordDeserializer deserializer = new RegistryRecordDeserializer();
        deserializer.configure(Map.of(RegistryRecordDeserializer.MAX_EVENT_BYTES, String.valueOf(maxEventBytes)),
                false);
        return deserializer;
    }

    private static RecordHeaders headers(Map<String, String> text) {
        RecordHeaders headers = new RecordHeaders();
        text.forEach((name, value) -> headers.add(name, value.getBytes(UTF_8)));
        return headers;
    }
}
