package io.ssosync.ingest;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.ssosync.sync.domain.RegistryEvent;

/**
 * A raw event read against the contract, and nothing else: nothing counted, traced or stored, so that any thread can
 * do it (the Kafka consumer's polling thread does it for the next poll's records while those before them are stored).
 */
public sealed interface ParsedEvent {

    /**
     * An event that keeps the contract: its attributes, and its data read into {@code content}, which is empty for a
     * type the contract does not know. {@code earlierDigest} gives the digest in the form earlier versions stored,
     * read again from the raw event when asked (by a redelivery of an event they recorded).
     */
    record Valid(CloudEvent event, Optional<RegistryEvent> content, String digest, Supplier<String> earlierDigest)
            implements ParsedEvent {
    }

    /** An event that breaks the contract; {@code kind} says which part, for the rejections metric. */
    record Invalid(String kind, InvalidEventException reason) implements ParsedEvent {
    }

    static ParsedEvent of(Map<String, String> headers, byte[] value, int maxEventBytes) {
        if (value != null && value.length > maxEventBytes) {
            return new Invalid("too_large", new InvalidEventException("value", "is " + value.length
                    + " bytes, more than the " + maxEventBytes + " allowed"));
        }
        CloudEvent event;
        try {
            event = CloudEventParser.parse(headers, value);
        } catch (InvalidEventException e) {
            return new Invalid("envelope", e);
        }
        try {
            Optional<RegistryEvent> content = ContractReader.read(event.type(), event.data());
            return new Valid(event.withoutData(), content, EventDigest.of(event),
                    () -> EventDigest.earlier(CloudEventParser.parse(headers, value)));
        } catch (InvalidEventException e) {
            return new Invalid("data", e);
        }
    }
}
