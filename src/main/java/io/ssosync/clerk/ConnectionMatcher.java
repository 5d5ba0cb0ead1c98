package io.ssosync.clerk;

import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.ssosync.sync.domain.ConnectionSpec;

/**
 * Finds, in a page of Clerk's list answer, the connection a create of {@code spec} made, for a create
 * whose answer was lost: same domains, name, provider and organization.
 */
public final class ConnectionMatcher {

    private ConnectionMatcher() {
    }

    public static Optional<String> find(JsonNode listBody, ConnectionSpec spec) {
        JsonNode data = listBody == null ? null : listBody.get("data");
        if (data == null || !data.isArray()) {
            return Optional.empty();
        }
        for (JsonNode connection : data) {
            if (matches(connection, spec)) {
                return Optional.of(connection.get("id").asText());
            }
        }
        return Optional.empty();
    }

    /** The total count in a list answer, to know whether another page is worth asking for. */
    public static int totalCount(JsonNode listBody) {
        return listBody == null ? 0 : listBody.path("total_count").asInt(0);
    }

    private static boolean matches(JsonNode connection, ConnectionSpec spec) {
        Set<String> domains = new HashSet<>();
        connection.path("domains").forEach(d -> domains.add(d.asText()));
        String organization = connection.path("organization_id").isTextual()
                ? connection.get("organization_id").asText() : null;
        return domains.equals(new HashSet<>(spec.domains()))
                && spec.name().equals(connection.path("name").asText())
                && spec.provider().equals(connection.path("provider").asText())
                && (spec.organizationId() == null || Objects.equals(spec.organizationId(), organization));
    }
}
