package io.ssosync.testing.local;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.ssosync.ingest.CloudEvent;
import io.ssosync.ingest.CloudEventParser;
import io.ssosync.ingest.ContractReader;
import io.ssosync.testing.clerksim.SampleCertificates;

/** The samples a newcomer publishes must be valid contract events that the simulator accepts, in both bindings. */
class SampleEventsTest {

    static List<Path> samples() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("deploy", "samples"))) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("samples")
    void isAContractEventInBothBindings(Path sample) throws IOException {
        EventFile event = EventFile.read(sample);

        for (ProducerRecord<String, byte[]> record : List.of(event.structured("t"), event.binary("t"))) {
            CloudEvent parsed = CloudEventParser.parse(headers(record), record.value());
            assertEquals(event.id(), parsed.id());
            assertEquals(event.tenantId(), record.key());
            assertTrue(ContractReader.read(parsed.type(), parsed.data()).isPresent(), sample + " has a known type");
        }
    }

    @ParameterizedTest
    @MethodSource("samples")
    void getsANewIdOnEveryPublish(Path sample) throws IOException {
        assertFalse(Files.readString(sample).contains("\"id\""), sample + " must leave the id to the publisher");
        assertNotEquals(EventFile.read(sample).id(), EventFile.read(sample).id());
    }

    @ParameterizedTest
    @MethodSource("samples")
    void carriesACertificateTheSimulatorParses(Path sample) throws IOException {
        EventFile.read(sample).envelope().findValues("idpCertificate")
                .forEach(certificate -> assertEquals(SampleCertificates.IDP_1, certificate.asText()));
    }

    private static Map<String, String> headers(ProducerRecord<String, byte[]> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), UTF_8));
        }
        return headers;
    }
}
