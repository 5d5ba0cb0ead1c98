package io.ssosync.clerk;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Shows the Clerk breaker's state in readiness, and stays UP while it is open: the breaker opens for seconds
 * when Clerk fails, for every replica alike, and dispatch already holds its calls meanwhile. Taking every
 * replica out of the load balancer for it would also cut off the webhooks and the API, which do not need Clerk.
 */
@Readiness
@ApplicationScoped
public class ClerkBreakerReadiness implements HealthCheck {

    private final ClerkBreaker breaker;

    public ClerkBreakerReadiness(ClerkBreaker breaker) {
        this.breaker = breaker;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("clerk-breaker").up().withData("state", breaker.state()).build();
    }
}
