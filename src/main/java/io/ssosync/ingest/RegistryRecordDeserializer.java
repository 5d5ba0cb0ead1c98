package io.ssosync.ingest;

import java.util.Map;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads each registry record as the connector polls it, on its polling thread: the connector fetches ahead, so the
 * next poll's records are parsed while the consumer stores the ones before them, rather than after (parsing was a
 * third of the consumer thread's CPU in a profile). Never throws: a record that breaks the contract is read as
 * {@link ParsedEvent.Invalid}, which the consumer sets aside with its reason.
 */
public class RegistryRecordDeserializer implements Deserializer<RegistryRecord> {

    /** The channel attribute the largest event allowed is passed in, in bytes (see application.properties). */
    public static final String MAX_EVENT_BYTES = "sso-sync.max-event-bytes";

    private int maxEventBytes;

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        Object configured = configs.get(MAX_EVENT_BYTES);
        if (configured == null) {
            throw new IllegalArgumentException(MAX_EVENT_BYTES + " is not set for the registry topic's deserializer");
        }
        maxEventBytes = Integer.parseInt(configured.toString());
    }

    @Override
    public RegistryRecord deserialize(String topic, byte[] data) {
        return deserialize(topic, new RecordHeaders(), data);
    }

    @Override
    public RegistryRecord deserialize(String topic, Headers headers, byte[] data) {
        return RegistryRecord.read(headers, data, maxEventBytes);
    }
}
