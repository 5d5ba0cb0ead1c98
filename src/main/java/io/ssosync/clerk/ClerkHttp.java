package io.ssosync.clerk;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.faulttolerance.api.CircuitBreakerName;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

/**
 * Every call to Clerk goes through this one fault-tolerant method, so there is one time-out and one
 * circuit breaker for Clerk's health whatever the call. The breaker opens on 5xx, time-outs and broken
 * connections; a 429 means Clerk is up and does not count. The values here are defaults: the
 * configuration overrides them ({@code io.ssosync.clerk.ClerkHttp/exchange/...} in
 * application.properties: the time-out from {@code CLERK_TIMEOUT_MS}, the open delay from
 * {@code sso-sync.clerk.breaker-delay-ms}, which dispatch also reads to hold claiming as long).
 */
@ApplicationScoped
public class ClerkHttp {

    /** The breaker's name, by which its state is read for readiness and metrics. */
    static final String BREAKER = "clerk";

    private final ClerkRestApi api;

    public ClerkHttp(@RestClient ClerkRestApi api) {
        this.api = api;
    }

    @Timeout(10_000)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.75, delay = 5000,
            successThreshold = 2, failOn = {ClerkServerError.class, TimeoutException.class, ProcessingException.class})
    @CircuitBreakerName(BREAKER)
    public RawAnswer exchange(ClerkRequest request) {
        try (Response raw = send(request)) {
            RawAnswer answer = new RawAnswer(raw.getStatus(), raw.hasEntity() ? raw.readEntity(String.class) : null,
                    raw.getHeaderString("Retry-After"));
            if (answer.status() >= 500) {
                throw new ClerkServerError(answer);
            }
            return answer;
        }
    }

    private Response send(ClerkRequest request) {
        return switch (request.method()) {
            case POST -> api.create(request.collection(), request.body());
            case PATCH -> api.update(request.collection(), request.id(), request.body());
            case DELETE -> api.delete(request.collection(), request.id());
            case GET -> request.readsOne() ? api.get(request.collection(), request.id())
                    : api.list(request.collection(), request.limit(), request.offset(), request.organizationId());
        };
    }
}
