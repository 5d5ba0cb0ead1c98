package io.ssosync.testing.clerksim;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A bare HTTP client for the simulator's own tests: real requests, no Clerk SDK in between. */
final class SimulatorClient {

    record Reply(int status, JsonNode body, HttpHeaders headers) {

        String errorCode() {
            return body.path("errors").path(0).path("code").asText();
        }

        String paramName() {
            return body.path("errors").path(0).path("meta").path("param_name").asText();
        }

        String message() {
            return body.path("errors").path(0).path("message").asText();
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final ClerkSimulator simulator;
    private final String secretKey;
    private final Duration timeout;

    SimulatorClient(ClerkSimulator simulator) {
        this(simulator, simulator.secretKey(), Duration.ofSeconds(5));
    }

    SimulatorClient(ClerkSimulator simulator, String secretKey, Duration timeout) {
        this.simulator = simulator;
        this.secretKey = secretKey;
        this.timeout = timeout;
    }

    SimulatorClient withKey(String key) {
        return new SimulatorClient(simulator, key, timeout);
    }

    SimulatorClient withTimeout(Duration newTimeout) {
        return new SimulatorClient(simulator, secretKey, newTimeout);
    }

    Reply get(String path) {
        return send("GET", path, null);
    }

    Reply post(String path, String json) {
        return send("POST", path, json);
    }

    Reply patch(String path, String json) {
        return send("PATCH", path, json);
    }

    Reply delete(String path) {
        return send("DELETE", path, null);
    }

    Reply send(String method, String path, String json) {
        return send(method, path, json, json == null ? null : "application/json");
    }

    /** The request as given; an {@link IOException} (a client timeout among them) surfaces unchecked. */
    Reply send(String method, String path, String json, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path))
                .timeout(timeout)
                .header("Clerk-API-Version", "2025-11-10")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (secretKey != null) {
            request.header("Authorization", "Bearer " + secretKey);
        }
        return exchange(request.build());
    }

    /** A call to the admin API under {@code /_sim}. */
    Reply admin(String method, String path, String json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(simulator.adminUrl() + path))
                .timeout(timeout)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json))
                .build();
        return exchange(request);
    }

    private static Reply exchange(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? Json.object() : Json.parse(response.body());
            return new Reply(response.statusCode(), body, response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
