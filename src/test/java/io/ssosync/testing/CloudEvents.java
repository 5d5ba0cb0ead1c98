package io.ssosync.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;

/**
 * The one place tests encode CloudEvents 1.0 the way the contract (shared/contract/idp-registry-events.md) and
 * the Kafka protocol binding define them: structured mode (the envelope as the value, as a webhook body too) or
 * binary mode (attributes in {@code ce_*} headers, the data alone as the value). Defaults make a valid event;
 * each setter returns a changed copy, so one base can be spoilt many ways. A null attribute is left out.
 */
public final class CloudEvents {

    public static final String SOURCE = "/idp-registry";
    public static final String TIME = "2026-11-25T10:00:00Z";
    public static final String STRUCTURED_CONTENT_TYPE = "application/cloudevents+json";
    public static final String BINARY_CONTENT_TYPE = "application/json";

    /** A Kafka record's parts: headers (in order, a null value sent as such) and value. */
    public record Encoded(Map<String, String> headers, byte[] value) {
    }

    // In envelope order; the data (object or raw JSON text) is kept apart.
    private final Map<String, String> attributes;
    private final JsonNode data;
    private final String rawData;

    private CloudEvents(Map<String, String> attributes, JsonNode data, String rawData) {
        this.attributes = attributes;
        this.data = data;
        this.rawData = rawData;
    }

    /** A valid envelope of that type with a fresh id, the registry's source and a fixed time; no data yet. */
    public static CloudEvents event(String type) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("specversion", "1.0");
        attributes.put("id", UUID.randomUUID().toString());
        attributes.put("source", SOURCE);
        attributes.put("type", type);
        attributes.put("time", TIME);
        return new CloudEvents(attributes, null, null);
    }

    /** Every attribute of a structured envelope (text values), and its data. */
    public static CloudEvents fromEnvelope(ObjectNode envelope) {
        CloudEvents event = new CloudEvents(new LinkedHashMap<>(), envelope.get("data"), null);
        envelope.properties().forEach(attribute -> {
            if (!attribute.getKey().equals("data") && !attribute.getValue().isNull()) {
                event.attributes.put(attribute.getKey(), attribute.getValue().asText());
            }
        });
        return event;
    }

    public CloudEvents id(String id) {
        return attribute("id", id);
    }

    public CloudEvents source(String source) {
        return attribute("source", source);
    }

    public CloudEvents type(String type) {
        return attribute("type", type);
    }

    public CloudEvents subject(String subject) {
        return attribute("subject", subject);
    }

    public CloudEvents time(String time) {
        return attribute("time", time);
    }

    public CloudEvents specversion(String specversion) {
        return attribute("specversion", specversion);
    }

    /** Any attribute, an extension too; null removes it. */
    public CloudEvents attribute(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(attributes);
        if (value == null) {
            copy.remove(name);
        } else {
            copy.put(name, value);
        }
        return new CloudEvents(copy, data, rawData);
    }

    public CloudEvents data(JsonNode object) {
        return new CloudEvents(attributes, object, null);
    }

    /** Data as JSON text, taken as it is (a string, an array, text that is not JSON at all). */
    public CloudEvents rawData(String json) {
        return new CloudEvents(attributes, null, json);
    }

    public String id() {
        return attributes.get("id");
    }

    /** The structured-mode envelope, to read or to spoil; raw data is not JSON and cannot be in it. */
    public ObjectNode envelope() {
        if (rawData != null) {
            throw new IllegalStateException("raw data has no JSON tree: use structuredValue()");
        }
        ObjectNode envelope = RegistryEvents.JSON.createObjectNode();
        attributes.forEach(envelope::put);
        if (data != null) {
            envelope.set("data", data);
        }
        return envelope;
    }

    /** The structured-mode value: the whole envelope, which is also a webhook's body. */
    public byte[] structuredValue() {
        if (rawData == null) {
            return json(envelope());
        }
        ObjectNode envelope = RegistryEvents.JSON.createObjectNode();
        attributes.forEach(envelope::put);
        envelope.putRawValue("data", new RawValue(rawData));
        return json(envelope);
    }

    /** Structured mode with its {@code content-type} header. */
    public Encoded structured() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", STRUCTURED_CONTENT_TYPE);
        return new Encoded(headers, structuredValue());
    }

    /** Structured mode without any header, which the contract accepts as well. */
    public Encoded structuredWithoutHeaders() {
        return new Encoded(new LinkedHashMap<>(), structuredValue());
    }

    /** Binary mode: each attribute as a {@code ce_} header (datacontenttype as content-type), data as the value. */
    public Encoded binary() {
        Map<String, String> headers = new LinkedHashMap<>();
        attributes.forEach((name, value) -> {
            if (!name.equals("datacontenttype")) {
                headers.put("ce_" + name, value);
            }
        });
        headers.put("content-type", attributes.getOrDefault("datacontenttype", BINARY_CONTENT_TYPE));
        byte[] value = rawData != null ? rawData.getBytes(UTF_8) : data == null ? null : json(data);
        return new Encoded(headers, value);
    }

    private static byte[] json(JsonNode node) {
        try {
            return RegistryEvents.JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
