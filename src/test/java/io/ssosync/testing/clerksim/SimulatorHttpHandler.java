package io.ssosync.testing.clerksim;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Answers every HTTP request. Backend API requests go through, in this order:
 * <ol>
 *   <li>authentication (401): Clerk resolves the instance from the key before anything else, and an
 *       unauthenticated caller must not use up an instance's rate limit;</li>
 *   <li>the per-key rate limit (429), counting every authenticated request, invalid ones included, as Clerk's
 *       limit sits in front of its handlers;</li>
 *   <li>injected faults: a latency waits before the request is handled, an injected error replaces it, a
 *       hang-after-commit waits after it was handled and recorded;</li>
 *   <li>routing (404 for a path or method the simulator does not serve);</li>
 *   <li>OpenAPI request validation (422), then the semantic rules and the handler.</li>
 * </ol>
 * Paths under {@code /_sim} go to {@link AdminEndpoints} with no auth and no recording.
 */
final class SimulatorHttpHandler implements HttpHandler {

    private final String basePath;
    private final SecretKeys keys;
    private final RateLimiter rateLimiter;
    private final Faults faults;
    private final RequestLog log;
    private final RequestValidator validator;
    private final EnterpriseConnectionsApi enterprise;
    private final SamlConnectionsApi saml;
    private final AdminEndpoints admin;

    SimulatorHttpHandler(ClerkSimulator simulator, String basePath, SecretKeys keys, RateLimiter rateLimiter,
                         Faults faults, RequestLog log, RequestValidator validator, ConnectionStore store) {
        this.basePath = basePath;
        this.keys = keys;
        this.rateLimiter = rateLimiter;
        this.faults = faults;
        this.log = log;
        this.validator = validator;
        this.enterprise = new EnterpriseConnectionsApi(store);
        this.saml = new SamlConnectionsApi(store);
        this.admin = new AdminEndpoints(simulator);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Instant arrived = Instant.now();
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String body = readBody(exchange.getRequestBody());
            if (path.equals("/_sim") || path.startsWith("/_sim/")) {
                admin.handle(exchange, method, path, body);
                return;
            }
            String rawQuery = exchange.getRequestURI().getRawQuery();
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            String host = exchange.getRequestHeaders().getFirst("Host");
            boolean authValid = false;
            Duration delayAfterCommit = Duration.ZERO;
            Faults.Plan plan = null;
            ApiResponse response;
            try {
                String key = keys.authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
                authValid = true;
                rateLimiter.acquire(key).ifPresent(seconds -> {
                    throw ClerkErrors.tooManyRequests(seconds);
                });
                plan = faults.plan(method, path);
                sleep(plan.delayBeforeHandling());
                if (plan.drop()) {
                    // Closing the exchange before any answer drops the connection: the client sees no response.
                    log.add(new RecordedRequest(arrived, method, path, rawQuery, 0, body, "",
                            exchange.getRequestHeaders().getFirst("Clerk-API-Version"), true, host));
                    return;
                }
                if (plan.error() != null) {
                    throw plan.error();
                }
                delayAfterCommit = plan.delayAfterCommit();
                response = handleApi(method, path, parseQuery(rawQuery), contentType, body);
            } catch (RuntimeException e) {
                response = failure(e);
            }
            String responseBody = response.body() == null ? "" : Json.write(response.body());
            if (plan != null && plan.garble() != null && response.status() < 300) {
                responseBody = Garbling.apply(plan.garble(), response.body());
            }
            log.add(new RecordedRequest(arrived, method, path, rawQuery, response.status(), body, responseBody,
                    exchange.getRequestHeaders().getFirst("Clerk-API-Version"), authValid, host));
            sleep(delayAfterCommit);
            write(exchange, response.status(), responseBody, retryAfterHeader(response.retryAfterSeconds(),
                    plan != null && plan.retryAfterAsDate()));
        } catch (IOException e) {
            // The client went away (typically its timeout during an injected delay): nobody is left to answer.
        }
    }

    /** The API call without auth, rate limit, faults or recording: for seeding state from tests. */
    ApiResponse handleDirectly(String method, String path, String body) {
        try {
            return handleApi(method, path, Map.of(), "application/json", body);
        } catch (RuntimeException e) {
            return failure(e);
        }
    }

    private ApiResponse handleApi(String method, String path, Map<String, List<String>> query, String contentType,
                                  String body) {
        if (!path.startsWith(basePath + "/")) {
            throw ClerkErrors.notFound();
        }
        String relative = path.substring(basePath.length());
        Function<ApiRequest, ApiResponse> route = route(method, relative);
        boolean hasBody = method.equals("POST") || method.equals("PATCH");
        if (hasBody && !body.isBlank() && contentType == null) {
            // The validator would accept it; Clerk would not read the body as JSON.
            throw ClerkErrors.invalid("Content-Type", "A request body needs Content-Type: application/json.");
        }
        // Clerk reads a missing body as no parameters; validating "{}" reports the required ones as missing.
        String effectiveBody = hasBody && body.isBlank() ? "{}" : body;
        List<ClerkError> errors = validator.validate(method, relative, query,
                body.isBlank() ? "application/json" : contentType, hasBody ? effectiveBody : null);
        if (!errors.isEmpty()) {
            throw new ClerkApiException(422, errors, null);
        }
        JsonNode json = hasBody ? Json.parse(effectiveBody) : Json.object();
        return route.apply(new ApiRequest(method, relative, query, json));
    }

    private Function<ApiRequest, ApiResponse> route(String method, String relative) {
        String[] segments = relative.substring(1).split("/", -1);
        boolean collection = segments.length == 1;
        boolean item = segments.length == 2 && !segments[1].isEmpty();
        String id = item ? segments[1] : null;
        Function<ApiRequest, ApiResponse> route = switch (segments[0]) {
            case "enterprise_connections" -> collection ? switch (method) {
                case "GET" -> enterprise::list;
                case "POST" -> request -> enterprise.create(request.body());
                default -> null;
            } : item ? switch (method) {
                case "GET" -> request -> enterprise.get(id);
                case "PATCH" -> request -> enterprise.update(id, request.body());
                case "DELETE" -> request -> enterprise.delete(id);
                default -> null;
            } : null;
            case "saml_connections" -> collection ? switch (method) {
                case "GET" -> saml::list;
                case "POST" -> request -> saml.create(request.body());
                default -> null;
            } : item ? switch (method) {
                case "GET" -> request -> saml.get(id);
                case "PATCH" -> request -> saml.update(id, request.body());
                case "DELETE" -> request -> saml.delete(id);
                default -> null;
            } : null;
            default -> null;
        };
        if (route == null) {
            throw ClerkErrors.notFound();
        }
        return route;
    }

    private static ApiResponse failure(RuntimeException e) {
        if (e instanceof ClerkApiException clerkError) {
            return clerkError.toResponse();
        }
        // A simulator bug: answer like Clerk's 500 and leave the trace where a test run shows it.
        e.printStackTrace();
        return ClerkErrors.injected(500, null).toResponse();
    }

    private static Map<String, List<String>> parseQuery(String rawQuery) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return query;
    }

    private static String retryAfterHeader(Integer seconds, boolean asDate) {
        if (seconds == null) {
            return null;
        }
        return asDate ? DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(seconds))
                : String.valueOf(seconds);
    }

    static void write(HttpExchange exchange, int status, String body, String retryAfter) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 0) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
        }
        if (retryAfter != null) {
            exchange.getResponseHeaders().set("Retry-After", retryAfter);
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static String readBody(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void sleep(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            // The simulator is closing.
            Thread.currentThread().interrupt();
        }
    }
}
