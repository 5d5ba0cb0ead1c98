package io.ssosync.reconcile;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.ssosync.sync.domain.ClerkApi;

/** A connection as Clerk's list shows it; {@code answer} is Clerk's object, compared field by field. */
public record HeldConnection(ClerkApi api, String id, String provider, List<String> domains, String organizationId,
        JsonNode answer) {

    static HeldConnection of(ClerkApi api, JsonNode answer) {
        List<String> domains = new java.util.ArrayList<>();
        answer.path("domains").forEach(domain -> domains.add(domain.asText()));
        // The legacy API's deprecated single domain, for connections made before it took a list.
        if (domains.isEmpty() && answer.path("domain").isTextual()) {
            domains.add(answer.get("domain").asText());
        }
        return new HeldConnection(api, answer.path("id").asText(), answer.path("provider").asText(null),
                List.copyOf(domains), answer.path("organization_id").isTextual()
                        ? answer.get("organization_id").asText() : null, answer);
    }
}
