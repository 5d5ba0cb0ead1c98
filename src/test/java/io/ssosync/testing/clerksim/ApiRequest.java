package io.ssosync.testing.clerksim;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Backend API request as the handlers see it.
 *
 * @param path  the path below the API base, e.g. {@code /enterprise_connections/entconn_x}
 * @param query decoded query parameters; a parameter may repeat
 * @param body  the parsed JSON body; {@code {}} when a POST or PATCH came without one
 */
record ApiRequest(String method, String path, Map<String, List<String>> query, JsonNode body) {

    Optional<String> queryValue(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    List<String> queryValues(String name) {
        return query.getOrDefault(name, List.of());
    }

    int intQuery(String name, int fallback) {
        return queryValue(name).map(Integer::parseInt).orElse(fallback);
    }
}
