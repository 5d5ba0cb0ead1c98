package io.ssosync.clerk;

import java.io.IOException;
import java.time.temporal.ChronoUnit;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

/**
 * Sends calls to Clerk under fault tolerance. Each call has a time-out and a circuit breaker that
 * opens while Clerk fails (5xx, time-outs, broken connections; a 429 means Clerk is up and does not count). Only idempotent calls retry a broken connection here: Clerk
 * has no idempotency key, so a POST is never resent blindly (the dispatcher looks the connection up
 * first). Callers go through the bean, so that the annotations apply. The time-out of every call is
 * {@code CLERK_TIMEOUT_MS} (see application.properties).
 */
@ApplicationScoped
public class ClerkClient {

    private final ClerkRestApi api;
    private final ObjectMapper json;

    public ClerkClient(@RestClient ClerkRestApi api, ObjectMapper json) {
        this.api = api;
        this.json = json;
    }

    @Timeout(10_000)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.75, delay = 5, delayUnit = ChronoUnit.SECONDS,
            successThreshold = 2, failOn = {ClerkCallFailedException.class, TimeoutException.class, ProcessingException.class}, skipOn = ClerkRateLimitedException.class)
    public ClerkResponse create(ClerkRequest request) {
        return call(() -> api.create(request.collection(), request.body()));
    }

    @Timeout(10_000)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = ProcessingException.class)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.75, delay = 5, delayUnit = ChronoUnit.SECONDS,
            successThreshold = 2, failOn = {ClerkCallFailedException.class, TimeoutException.class, ProcessingException.class}, skipOn = ClerkRateLimitedException.class)
    public ClerkResponse update(ClerkRequest request) {
        return call(() -> api.update(request.collection(), request.id(), request.body()));
    }

    @Timeout(10_000)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = ProcessingException.class)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.75, delay = 5, delayUnit = ChronoUnit.SECONDS,
            successThreshold = 2, failOn = {ClerkCallFailedException.class, TimeoutException.class, ProcessingException.class}, skipOn = ClerkRateLimitedException.class)
    public ClerkResponse delete(ClerkRequest request) {
        return call(() -> api.delete(request.collection(), request.id()));
    }

    @Timeout(10_000)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = ProcessingException.class)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.75, delay = 5, delayUnit = ChronoUnit.SECONDS,
            successThreshold = 2, failOn = {ClerkCallFailedException.class, TimeoutException.class, ProcessingException.class}, skipOn = ClerkRateLimitedException.class)
    public ClerkResponse list(ClerkRequest request) {
        return call(() -> api.list(request.collection(), request.limit(), request.offset()));
    }

    private ClerkResponse call(java.util.function.Supplier<Response> sender) {
        ClerkResponse response;
        try (Response raw = sender.get()) {
            response = read(raw);
        }
        if (response.status() == 429) {
            throw new ClerkRateLimitedException(response);
        }
        if (response.status() >= 500) {
            throw new ClerkCallFailedException(response);
        }
        return response;
    }

    private ClerkResponse read(Response raw) {
        String text = raw.hasEntity() ? raw.readEntity(String.class) : null;
        JsonNode body = parse(text);
        String code = null;
        String message = null;
        String traceId = null;
        if (body != null && body.has("errors") && body.get("errors").isArray() && !body.get("errors").isEmpty()) {
            JsonNode first = body.get("errors").get(0);
            code = first.path("code").asText(null);
            String longMessage = first.path("long_message").asText(null);
            message = longMessage != null ? longMessage : first.path("message").asText(null);
            traceId = body.path("clerk_trace_id").asText(null);
        }
        return new ClerkResponse(raw.getStatus(), body, code, message, traceId, retryAfter(raw));
    }

    private JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (IOException e) {
            return json.getNodeFactory().textNode(text.length() > 500 ? text.substring(0, 500) : text);
        }
    }

    private static Long retryAfter(Response raw) {
        String value = raw.getHeaderString("Retry-After");
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
