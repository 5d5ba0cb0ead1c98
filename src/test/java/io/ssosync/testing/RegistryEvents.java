package io.ssosync.testing;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Contract-shaped IdP registry events (see shared/contract/idp-registry-events.md) for tests. */
public final class RegistryEvents {

    public static final ObjectMapper JSON = new ObjectMapper();

    private RegistryEvents() {
    }

    /** A CloudEvents envelope: id, type, subject and data. */
    public record Event(String id, String type, String tenantId, String subject, ObjectNode data) {

        /** The event for the encoder, to put into either binding or to spoil. */
        public CloudEvents cloudEvent() {
            return CloudEvents.event(type).id(id).subject(subject).data(data);
        }

        public ObjectNode envelope() {
            return cloudEvent().envelope();
        }

        /** The same event under a new id: a new change with identical content. */
        public Event withNewId() {
            return new Event(newId(), type, tenantId, subject, data);
        }
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    /** A valid SAML spec (its certificate parses); {@link ConnectionSpecs} for anything else. */
    public static ObjectNode samlSpec(String tenantId, String connectionKey, long version, String domain) {
        return ConnectionSpecs.saml(tenantId, connectionKey).version(version).domains(domain).build();
    }

    public static ObjectNode oidcSpec(String tenantId, String connectionKey, long version, String domain) {
        return ConnectionSpecs.oidc(tenantId, connectionKey).version(version).domains(domain).build();
    }

    /** A copy of the spec at another version. */
    public static ObjectNode at(ObjectNode spec, long version) {
        ObjectNode copy = spec.deepCopy();
        copy.put("version", version);
        return copy;
    }

    public static Event upserted(ObjectNode spec) {
        return upserted("idp.connection.upserted", spec);
    }

    public static Event upserted(String type, ObjectNode spec) {
        return new Event(newId(), type, spec.get("tenantId").asText(), spec.get("connectionKey").asText(), spec);
    }

    public static Event deleted(String tenantId, String connectionKey, long version) {
        ObjectNode data = JSON.createObjectNode();
        data.put("tenantId", tenantId);
        data.put("connectionKey", connectionKey);
        data.put("version", version);
        return new Event(newId(), "idp.connection.deleted", tenantId, connectionKey, data);
    }

    public static Event tenantCreated(String tenantId, String organizationId, List<ObjectNode> connections) {
        ObjectNode data = JSON.createObjectNode();
        data.put("tenantId", tenantId);
        data.put("name", "Tenant " + tenantId);
        if (organizationId != null) {
            data.put("organizationId", organizationId);
        }
        ArrayNode list = data.putArray("connections");
        connections.forEach(list::add);
        return new Event(newId(), "tenant.created", tenantId, null, data);
    }

    public static Event tenantDeleted(String tenantId, long version) {
        ObjectNode data = JSON.createObjectNode();
        data.put("tenantId", tenantId);
        data.put("version", version);
        return new Event(newId(), "tenant.deleted", tenantId, null, data);
    }

    public static Event ofType(String type, String tenantId, ObjectNode data) {
        return new Event(newId(), type, tenantId, null, data);
    }
}
