package io.ssosync.testing.clerksim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.util.Locale;

/**
 * The simulator's own HTTP API under {@code /_sim}, without auth, for a simulator running standalone or in
 * another process:
 * <pre>
 * GET    /_sim/connections        every stored connection: [{id, flavour, stored, response}]
 * GET    /_sim/connections/{id}   one of them, or 404
 * GET    /_sim/requests           the request log: [{time, method, path, query, status, request_body,
 *                                 response_body, clerk_api_version, auth_valid, host}]
 * GET    /_sim/stats              {"requests": n, "too_many_requests": n}
 * POST   /_sim/reset              connections, faults, rate limits and the log back to empty (204)
 * GET    /_sim/faults             the faults in force
 * POST   /_sim/faults             add the fault in the body (see FaultSpec); answers the faults in force
 * DELETE /_sim/faults             clear all faults (204)
 * </pre>
 */
final class AdminEndpoints {

    private final ClerkSimulator simulator;

    AdminEndpoints(ClerkSimulator simulator) {
        this.simulator = simulator;
    }

    void handle(HttpExchange exchange, String method, String path, String body) throws IOException {
        String route = method + " " + path.replaceAll("/+$", "");
        if (route.startsWith("GET /_sim/connections/")) {
            String id = path.substring("/_sim/connections/".length());
            var connection = simulator.connection(id);
            if (connection.isPresent()) {
                reply(exchange, 200, connectionJson(connection.get()));
            } else {
                reply(exchange, 404, message("no connection " + id));
            }
            return;
        }
        switch (route) {
            case "GET /_sim/connections" -> {
                ArrayNode list = Json.MAPPER.createArrayNode();
                simulator.connections().forEach(connection -> list.add(connectionJson(connection)));
                reply(exchange, 200, list);
            }
            case "GET /_sim/requests" -> {
                ArrayNode list = Json.MAPPER.createArrayNode();
                simulator.requests().forEach(request -> list.add(requestJson(request)));
                reply(exchange, 200, list);
            }
            case "GET /_sim/stats" -> {
                ObjectNode stats = Json.object();
                stats.put("requests", simulator.requests().size());
                stats.put("too_many_requests", simulator.count429());
                reply(exchange, 200, stats);
            }
            case "POST /_sim/reset" -> {
                simulator.reset();
                reply(exchange, 204, null);
            }
            case "GET /_sim/faults" -> reply(exchange, 200, faultsJson());
            case "POST /_sim/faults" -> addFault(exchange, body);
            case "DELETE /_sim/faults" -> {
                simulator.clearFaults();
                reply(exchange, 204, null);
            }
            default -> reply(exchange, 404, message("unknown admin endpoint " + route));
        }
    }

    private void addFault(HttpExchange exchange, String body) throws IOException {
        try {
            simulator.faults().add(FaultSpec.fromJson(Json.parse(body)));
        } catch (IllegalArgumentException e) {
            reply(exchange, 400, message(e.getMessage()));
            return;
        }
        reply(exchange, 200, faultsJson());
    }

    private ArrayNode faultsJson() {
        ArrayNode list = Json.MAPPER.createArrayNode();
        simulator.faults().active().forEach(fault -> list.add(fault.toJson()));
        return list;
    }

    private static ObjectNode connectionJson(StoredConnection connection) {
        ObjectNode json = Json.object();
        json.put("id", connection.id());
        json.put("flavour", connection.flavour().name().toLowerCase(Locale.ROOT));
        json.set("stored", connection.stored());
        json.set("response", connection.response());
        return json;
    }

    private static ObjectNode requestJson(RecordedRequest request) {
        ObjectNode json = Json.object();
        json.put("time", request.time().toString());
        json.put("method", request.method());
        json.put("path", request.path());
        json.put("query", request.query());
        json.put("status", request.status());
        json.put("request_body", request.requestBody());
        json.put("response_body", request.responseBody());
        json.put("clerk_api_version", request.clerkApiVersion());
        json.put("auth_valid", request.authValid());
        json.put("host", request.host());
        return json;
    }

    private static ObjectNode message(String text) {
        return Json.object().put("message", text);
    }

    private static void reply(HttpExchange exchange, int status, JsonNode body) throws IOException {
        SimulatorHttpHandler.write(exchange, status, body == null ? "" : Json.write(body), null);
    }
}
