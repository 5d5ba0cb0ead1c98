package io.ssosync.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;

import org.junit.jupiter.api.Test;

class EnvelopeHintsTest {

    private static final String TRACE = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void aStructuredEventGivesItsTopLevelAttributesNotTheDataFieldsOfTheSameName() {
        byte[] event = ("{\"specversion\":\"1.0\",\"data\":{\"id\":\"inner\",\"type\":\"inner\",\"traceparent\":\"x\","
                + "\"list\":[{\"id\":\"deeper\"}]},\"type\":\"com.example.idp.connection.upserted\",\"id\":\"ev-1\","
                + "\"traceparent\":\"" + TRACE + "\"}").getBytes(UTF_8);

        assertEquals("ev-1", EnvelopeHints.id(Map.of(), event));
        assertEquals("com.example.idp.connection.upserted", EnvelopeHints.type(Map.of(), event));
        assertEquals(TRACE, EnvelopeHints.traceparent(null, Map.of(), event));
    }

    @Test
    void aBinaryEventGivesItsHeadersAndTheTransportsTraceparentComesFirst() {
        Map<String, String> headers = Map.of("ce_specversion", "1.0", "ce_id", "ev-2", "ce_type", "t",
                "ce_traceparent", TRACE);
        byte[] data = "{\"id\":\"inner\"}".getBytes(UTF_8);

        assertEquals("ev-2", EnvelopeHints.id(headers, data));
        assertEquals("t", EnvelopeHints.type(headers, data));
        assertEquals(TRACE, EnvelopeHints.traceparent(null, headers, data));
        assertEquals("00-transport", EnvelopeHints.traceparent("00-transport", headers, data));
    }

    @Test
    void whatIsNotThereOrNotTextOrNotJsonGivesNoHint() {
        assertNull(EnvelopeHints.id(Map.of(), "{\"id\":42}".getBytes(UTF_8)));
        assertNull(EnvelopeHints.id(Map.of(), "{\"type\":\"t\"}".getBytes(UTF_8)));
        assertNull(EnvelopeHints.id(Map.of(), "[{\"id\":\"a\"}]".getBytes(UTF_8)));
        assertNull(EnvelopeHints.id(Map.of(), "not json".getBytes(UTF_8)));
        assertNull(EnvelopeHints.id(Map.of(), null));
        assertNull(EnvelopeHints.traceparent(" ", Map.of(), "{\"data\":{\"traceparent\":\"x\"".getBytes(UTF_8)));
    }

    @Test
    void anIdBeforeWhereTheEventBreaksOffIsStillGivenSoThatItsRejectionCanBeToldApart() {
        assertEquals("ev-3", EnvelopeHints.id(Map.of(), "{\"id\":\"ev-3\",\"data\":{\"x\":".getBytes(UTF_8)));
    }
}
